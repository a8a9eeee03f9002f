import { describe, expect, it } from 'vitest';
import {
  loadActivePolicy,
  loadPolicyStatus,
  POLICY_KEY,
  saveActivePolicy,
} from '../../../lib/background/policy-store';
import { PolicySyncService } from '../../../lib/background/policy-sync-service';
import { type LocalArea, loadSettings, saveSettings } from '../../../lib/background/settings';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import { renderPolicyYaml } from '../../../lib/policy/yaml';

function memoryArea(): LocalArea {
  const items = new Map<string, unknown>();
  return {
    get: async (key) => (items.has(key) ? { [key]: structuredClone(items.get(key)) } : {}),
    set: async (changes) => {
      for (const [key, value] of Object.entries(changes)) items.set(key, structuredClone(value));
    },
  };
}

const published = (version: number, brandName: string) =>
  renderPolicyYaml({
    ...structuredClone(DEFAULT_POLICY),
    version,
    updatedAt: `2026-02-0${version}T09:00:00Z`,
    brand: { ...structuredClone(DEFAULT_POLICY.brand), name: brandName },
  });

const OLD_URL = 'https://old.example/policy.yaml';
const NEW_URL = 'https://new.example/policy.yaml';

describe('PolicySyncService', () => {
  it('applies the policy at the URL saved while a sync of the previous URL was under way', async () => {
    const area = memoryArea();
    await saveSettings(area, { policyUrl: OLD_URL });
    const fetched: string[] = [];
    const fetchImpl = (async (input: RequestInfo | URL) => {
      const url = String(input);
      fetched.push(url);
      if (url === OLD_URL) {
        // The agent saves a new URL while the old host is still answering.
        await saveSettings(area, { policyUrl: NEW_URL });
        return new Response(published(2, 'Old Brand'), { headers: { 'Content-Type': 'application/yaml' } });
      }
      return new Response(published(3, 'New Brand'), { headers: { 'Content-Type': 'application/yaml' } });
    }) as typeof fetch;
    const service = new PolicySyncService(area, fetchImpl);

    const [first, second] = await Promise.all([service.syncNow(), service.syncNow()]);
    expect(first).toEqual(second); // the save's own sync call shares the run
    expect(first.ok).toBe(true);
    expect(fetched).toEqual([OLD_URL, NEW_URL]);
    const active = await loadActivePolicy(area);
    expect(active.policy.brand.name).toBe('New Brand');
    expect(active.url).toBe(NEW_URL);
  });

  it('applies what the URL answered when the URL did not change', async () => {
    const area = memoryArea();
    await saveSettings(area, { policyUrl: NEW_URL });
    const fetchImpl = (async () =>
      new Response(published(3, 'New Brand'), {
        headers: { 'Content-Type': 'application/yaml' },
      })) as typeof fetch;
    const result = await new PolicySyncService(area, fetchImpl).syncNow();
    expect(result.ok).toBe(true);
    expect((await loadActivePolicy(area)).policy.version).toBe(3);
  });

  it('makes a URL that answers with the active policy its source, validators and all', async () => {
    const area = memoryArea();
    await saveSettings(area, { policyUrl: OLD_URL });
    const requests: Array<{ url: string; ifNoneMatch: string | null }> = [];
    let newAnswer = () => new Response(published(3, 'Brand'), { headers: { ETag: '"new-1"' } });
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      requests.push({ url, ifNoneMatch: new Headers(init?.headers).get('If-None-Match') });
      if (url === OLD_URL) return new Response(published(3, 'Brand'), { headers: { ETag: '"old-1"' } });
      return newAnswer();
    }) as typeof fetch;
    const service = new PolicySyncService(area, fetchImpl);
    await service.syncNow();
    expect((await loadActivePolicy(area)).url).toBe(OLD_URL);

    // The team moves the same file to a new address.
    await saveSettings(area, { policyUrl: NEW_URL });
    expect((await service.syncNow()).ok).toBe(true);
    const moved = await loadActivePolicy(area);
    expect({ url: moved.url, etag: moved.etag, version: moved.policy.version }).toEqual({
      url: NEW_URL,
      etag: '"new-1"',
      version: 3,
    });

    // From now on it is the same source: a conditional request, and an older copy there is refused.
    newAnswer = () => new Response(published(2, 'Brand'), { headers: { ETag: '"new-0"' } });
    const stale = await service.syncNow();
    expect(requests.at(-1)).toEqual({ url: NEW_URL, ifNoneMatch: '"new-1"' });
    expect(stale.ok).toBe(false);
    expect((await loadActivePolicy(area)).policy.version).toBe(3);
  });

  it('keeps the validators a 304 answer sends', async () => {
    const area = memoryArea();
    await saveSettings(area, { policyUrl: NEW_URL });
    let answer = () => new Response(published(3, 'Brand'), { headers: { ETag: '"v3-a"' } });
    const fetchImpl = (async () => answer()) as typeof fetch;
    const service = new PolicySyncService(area, fetchImpl);
    await service.syncNow();
    answer = () => new Response(null, { status: 304, headers: { ETag: '"v3-b"' } });
    expect((await service.syncNow()).ok).toBe(true);
    expect((await loadActivePolicy(area)).etag).toBe('"v3-b"');
  });

  it('leaves a policy saved during the sync in place when the URL answered with the old one', async () => {
    const area = memoryArea();
    await saveSettings(area, { policyUrl: NEW_URL });
    let first = true;
    const fetchImpl = (async () => {
      if (first) {
        first = false;
        return new Response(published(3, 'Brand'), { headers: { ETag: '"a"' } });
      }
      // The agent applies a policy from the editor while the server is still answering.
      await area.set({
        [POLICY_KEY]: {
          policy: { ...structuredClone(DEFAULT_POLICY), version: 9 },
          source: 'editor',
          appliedAt: '2026-11-24T10:00:00.000Z',
        },
      });
      return new Response(published(3, 'Brand'), { headers: { ETag: '"b"' } });
    }) as typeof fetch;
    const service = new PolicySyncService(area, fetchImpl);
    await service.syncNow();
    await service.syncNow();
    const active = await loadActivePolicy(area);
    expect({ source: active.source, version: active.policy.version }).toEqual({
      source: 'editor',
      version: 9,
    });
  });
});

describe('PolicySyncService: a policy saved while the fetch is in flight', () => {
  const yamlResponse = (body: string) =>
    new Response(body, { headers: { 'Content-Type': 'application/yaml' } });
  const editorRecord = {
    policy: { ...structuredClone(DEFAULT_POLICY), version: 9 },
    source: 'editor',
    appliedAt: '2026-11-24T10:00:00.000Z',
  };

  it('keeps a policy the agent saved locally instead of overwriting it with the fetched one', async () => {
    const area = memoryArea();
    await saveSettings(area, { policyUrl: NEW_URL });
    const fetchImpl = (async () => {
      // The lead saves from the options page editor while the server is still answering.
      await area.set({ [POLICY_KEY]: editorRecord });
      return yamlResponse(published(3, 'Fetched Brand'));
    }) as typeof fetch;

    const result = await new PolicySyncService(area, fetchImpl).syncNow();
    expect(result).toEqual({ ok: false, message: 'A newer policy was saved while this sync ran; kept it.' });
    const active = await loadActivePolicy(area);
    expect({ source: active.source, version: active.policy.version, appliedAt: active.appliedAt }).toEqual({
      source: 'editor',
      version: 9,
      appliedAt: editorRecord.appliedAt,
    });
    const status = await loadPolicyStatus(area);
    expect(status.lastAttemptAt).not.toBeNull();
    expect({
      lastSuccessAt: status.lastSuccessAt,
      error: status.error,
      lastUpdate: status.lastUpdate,
    }).toEqual({
      lastSuccessAt: null,
      error: null,
      lastUpdate: null,
    });
  });

  it('keeps a policy synced earlier when the agent keeps changing the URL during the fetches', async () => {
    const area = memoryArea();
    await saveSettings(area, { policyUrl: OLD_URL });
    let moves = 0;
    let moving = false;
    const fetchImpl = (async (input: RequestInfo | URL) => {
      // Every fetch sees the agent save yet another URL, past the number of restarts a run allows.
      if (moving) await saveSettings(area, { policyUrl: `https://moved-${++moves}.example/policy.yaml` });
      return yamlResponse(published(moving ? 4 : 2, `From ${String(input)}`));
    }) as typeof fetch;
    const service = new PolicySyncService(area, fetchImpl);
    expect((await service.syncNow()).ok).toBe(true);
    const before = await loadActivePolicy(area);
    expect(before.policy.version).toBe(2);

    moving = true;
    const result = await service.syncNow();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/policy URL changed/);
    expect(moves).toBe(3);
    expect(await loadActivePolicy(area)).toEqual(before);
    expect((await loadSettings(area)).policyUrl).toBe('https://moved-3.example/policy.yaml');
  });

  it('keeps the record when its source URL changed during the fetch', async () => {
    const area = memoryArea();
    await saveSettings(area, { policyUrl: NEW_URL });
    const fetchImpl = (async () => {
      // Same policy and time stamp, but the stored record now names another source URL.
      const current = await loadActivePolicy(area);
      await area.set({ [POLICY_KEY]: { ...current, source: 'url', url: OLD_URL } });
      return yamlResponse(published(3, 'Fetched Brand'));
    }) as typeof fetch;

    const result = await new PolicySyncService(area, fetchImpl).syncNow();
    expect(result.ok).toBe(false);
    const active = await loadActivePolicy(area);
    expect({ url: active.url, version: active.policy.version }).toEqual({
      url: OLD_URL,
      version: DEFAULT_POLICY.version,
    });
  });

  it('still applies the fetched policy when nothing was saved meanwhile', async () => {
    const area = memoryArea();
    await saveSettings(area, { policyUrl: NEW_URL });
    await area.set({ [POLICY_KEY]: { ...editorRecord, policy: { ...editorRecord.policy, version: 5 } } });
    const fetchImpl = (async () => yamlResponse(published(8, 'Fetched Brand'))) as typeof fetch;

    const result = await new PolicySyncService(area, fetchImpl).syncNow();
    expect(result).toEqual({ ok: true, message: expect.stringContaining('v8') });
    const active = await loadActivePolicy(area);
    expect({ source: active.source, url: active.url, brand: active.policy.brand.name }).toEqual({
      source: 'url',
      url: NEW_URL,
      brand: 'Fetched Brand',
    });
    const status = await loadPolicyStatus(area);
    expect(status.lastSuccessAt).toBe(status.lastAttemptAt);
    expect(status.lastUpdate?.version).toBe(8);
  });
});

describe('loadActivePolicy', () => {
  it('uses the default and says why when the saved policy no longer validates', async () => {
    const area = memoryArea();
    expect((await loadActivePolicy(area)).unreadable).toBeUndefined(); // nothing saved: plain default
    await area.set({
      [POLICY_KEY]: {
        policy: { ...structuredClone(DEFAULT_POLICY), version: -4 },
        source: 'file',
        appliedAt: '2026-02-01T09:00:00.000Z',
      },
    });
    const record = await loadActivePolicy(area);
    expect(record.source).toBe('default');
    expect(record.policy).toEqual(DEFAULT_POLICY);
    expect(record.unreadable).toMatch(/version/);
  });

  it('says so when the saved value holds no policy at all', async () => {
    const area = memoryArea();
    await area.set({ [POLICY_KEY]: { source: 'url' } });
    expect((await loadActivePolicy(area)).unreadable).toBe('the saved value holds no policy');
  });
});

describe('loadActivePolicy after an update with a stricter pattern check', () => {
  const savedWith = (patterns: string[]) => {
    const policy = structuredClone(DEFAULT_POLICY);
    const rule = policy.classification.categoryRules[0];
    if (!rule) throw new Error('the default policy has category rules');
    rule.patterns = [...rule.patterns, ...patterns];
    return { policy, source: 'url', url: OLD_URL, appliedAt: '2026-02-03T09:00:00.000Z' };
  };

  it('keeps the team policy and leaves out only the patterns the check now refuses', async () => {
    const area = memoryArea();
    const saved = savedWith(['(a+)+!', '\\bpromo\\d+\\b']);
    await area.set({
      [POLICY_KEY]: {
        ...saved,
        policy: { ...saved.policy, brand: { ...saved.policy.brand, name: 'Team Brand' } },
      },
    });
    const active = await loadActivePolicy(area);
    expect(active.unreadable).toBeUndefined();
    expect(active.policy.brand.name).toBe('Team Brand');
    expect(active.policy.classification.categoryRules[0]?.patterns).not.toContain('(a+)+!');
    expect(active.policy.classification.categoryRules[0]?.patterns).toContain('\\bpromo\\d+\\b');
    expect(active.setAside).toMatch(
      /^One classification pattern was left out: .*\(a\+\)\+ repeats a group .* at classification\.categoryRules\.0\.patterns\.\d+$/,
    );
  });

  it('keeps saying which patterns were left out when the record is saved again (a sync that only refreshed its validators)', async () => {
    const area = memoryArea();
    await area.set({ [POLICY_KEY]: savedWith(['(a+)+!']) });
    const salvaged = await loadActivePolicy(area);
    await saveActivePolicy(area, { ...salvaged, etag: '"v2"' });
    const again = await loadActivePolicy(area);
    expect(again.etag).toBe('"v2"');
    expect(again.setAside).toBe(salvaged.setAside);
    expect(again.policy.classification.categoryRules[0]?.patterns).not.toContain('(a+)+!');
  });

  it('never stores why a saved policy was unreadable: that is worked out on load', async () => {
    const area = memoryArea();
    await saveActivePolicy(area, { ...savedWith([]), source: 'url', unreadable: 'stale' } as never);
    expect((await area.get(POLICY_KEY))[POLICY_KEY]).not.toHaveProperty('unreadable');
  });

  it('still falls back to the default for any other problem', async () => {
    const area = memoryArea();
    const saved = savedWith(['(a+)+!']);
    await area.set({ [POLICY_KEY]: { ...saved, policy: { ...saved.policy, version: 'two' } } });
    const active = await loadActivePolicy(area);
    expect(active.unreadable).toBeDefined();
    expect(active.setAside).toBeUndefined();
    expect(active.policy).toEqual(DEFAULT_POLICY);
  });
});
