import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createMastodonLimitsRefresh,
  fetchMastodonLimit,
  loadMastodonLimits,
  MASTODON_LIMITS_KEY,
  mastodonLimitFor,
  refreshMastodonLimits,
} from '../../../lib/background/mastodon-limits';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A fetch answering by URL; every URL asked for is recorded. */
function fakeFetch(answers: Record<string, () => Response | Promise<Response>>) {
  const asked: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL) => {
    const url = String(input);
    asked.push(url);
    const answer = answers[url];
    if (!answer) return new Response('Not Found', { status: 404 });
    return answer();
  }) as typeof fetch;
  return { fetchImpl, asked };
}

const v2 = (limit: unknown) => () =>
  json({ domain: 'x', configuration: { statuses: { max_characters: limit } } });
const offline = () => Promise.reject(new TypeError('Failed to fetch'));
/** Answers only when the request is aborted, like a server that never replies. */
const hanging = (_input: RequestInfo | URL, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) =>
    init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
  );

describe('fetchMastodonLimit', () => {
  it('reads configuration.statuses.max_characters from /api/v2/instance', async () => {
    const { fetchImpl, asked } = fakeFetch({ 'https://fosstodon.org/api/v2/instance': v2(1000) });
    expect(await fetchMastodonLimit('fosstodon.org', fetchImpl)).toBe(1000);
    expect(asked).toEqual(['https://fosstodon.org/api/v2/instance']);
  });

  it('falls back to /api/v1/instance on an older Mastodon', async () => {
    const { fetchImpl, asked } = fakeFetch({
      'https://old.example/api/v1/instance': () =>
        json({ configuration: { statuses: { max_characters: 5000 } } }),
    });
    expect(await fetchMastodonLimit('old.example', fetchImpl)).toBe(5000);
    expect(asked).toEqual(['https://old.example/api/v2/instance', 'https://old.example/api/v1/instance']);
  });

  it("reads Pleroma's and Akkoma's max_toot_chars", async () => {
    const { fetchImpl } = fakeFetch({
      'https://pleroma.example/api/v1/instance': () =>
        json({ uri: 'https://pleroma.example', max_toot_chars: 5000 }),
    });
    expect(await fetchMastodonLimit('pleroma.example', fetchImpl)).toBe(5000);
  });

  it('ignores anything but a whole number within 1..100,000', async () => {
    for (const garbage of [0, -5, 12.5, 100_001, '1000', null, { max: 1 }]) {
      const { fetchImpl } = fakeFetch({ 'https://odd.example/api/v2/instance': v2(garbage) });
      expect(await fetchMastodonLimit('odd.example', fetchImpl)).toBeNull();
    }
    const { fetchImpl } = fakeFetch({
      'https://odd.example/api/v2/instance': () => new Response('<html>Welcome</html>'),
      'https://odd.example/api/v1/instance': () => json({ max_toot_chars: 1e9 }),
    });
    expect(await fetchMastodonLimit('odd.example', fetchImpl)).toBeNull();
  });

  it('gives up after the timeout, and on a network error, without throwing', async () => {
    expect(await fetchMastodonLimit('slow.example', hanging as typeof fetch, 20)).toBeNull();
    expect(await fetchMastodonLimit('down.example', offline as typeof fetch)).toBeNull();
  });

  it('sends no cookies and follows no redirect', async () => {
    let init: RequestInit | undefined;
    const fetchImpl = (async (_input: RequestInfo | URL, given?: RequestInit) => {
      init = given;
      return v2(500)();
    }) as typeof fetch;
    await fetchMastodonLimit('mastodon.social', fetchImpl);
    expect(init).toMatchObject({ credentials: 'omit', redirect: 'error' });
  });
});

describe('refreshMastodonLimits', () => {
  beforeEach(() => fakeBrowser.reset());

  const area = () => browser.storage.local;
  const granted = { contains: async () => true };
  const at = (iso: string) => () => new Date(iso);

  it('stores each enabled instance’s limit with when it was checked', async () => {
    const { fetchImpl } = fakeFetch({
      'https://fosstodon.org/api/v2/instance': v2(500),
      'https://hachyderm.io/api/v2/instance': v2(1000),
    });
    await refreshMastodonLimits(['Fosstodon.org', 'hachyderm.io'], {
      area: area(),
      permissions: granted,
      fetchImpl,
      now: at('2026-03-01T09:00:00.000Z'),
    });
    expect(await loadMastodonLimits(area())).toEqual({
      'fosstodon.org': { maxCharacters: 500, checkedAt: '2026-03-01T09:00:00.000Z' },
      'hachyderm.io': { maxCharacters: 1000, checkedAt: '2026-03-01T09:00:00.000Z' },
    });
  });

  it('asks an instance again only after a day, unless every host is due (the daily alarm)', async () => {
    const { fetchImpl, asked } = fakeFetch({ 'https://hachyderm.io/api/v2/instance': v2(1000) });
    const deps = { area: area(), permissions: granted, fetchImpl };
    await refreshMastodonLimits(['hachyderm.io'], { ...deps, now: at('2026-03-01T09:00:00Z') });
    await refreshMastodonLimits(['hachyderm.io'], { ...deps, now: at('2026-03-02T08:00:00Z') });
    expect(asked).toHaveLength(1);
    await refreshMastodonLimits(['hachyderm.io'], { ...deps, now: at('2026-03-02T09:00:01Z') });
    expect(asked).toHaveLength(2);
    await refreshMastodonLimits(
      ['hachyderm.io'],
      { ...deps, now: at('2026-03-02T09:00:02Z') },
      { everyHost: true },
    );
    expect(asked).toHaveLength(3);
  });

  it('keeps the last good limit when the instance is down, times out or answers garbage', async () => {
    const good = fakeFetch({ 'https://hachyderm.io/api/v2/instance': v2(1000) }).fetchImpl;
    await refreshMastodonLimits(['hachyderm.io'], { area: area(), permissions: granted, fetchImpl: good });
    const before = await loadMastodonLimits(area());
    const failures = [
      offline as typeof fetch,
      hanging as typeof fetch,
      fakeFetch({ 'https://hachyderm.io/api/v2/instance': v2(-1) }).fetchImpl,
    ];
    for (const fetchImpl of failures) {
      await refreshMastodonLimits(
        ['hachyderm.io'],
        { area: area(), permissions: granted, fetchImpl, timeoutMs: 20 },
        { everyHost: true },
      );
      expect(await loadMastodonLimits(area())).toEqual(before);
    }
  });

  it('asks only instances the agent granted access to', async () => {
    const { fetchImpl, asked } = fakeFetch({});
    await refreshMastodonLimits(['hachyderm.io', 'fosstodon.org'], {
      area: area(),
      permissions: { contains: async ({ origins }) => origins[0] === 'https://fosstodon.org/*' },
      fetchImpl,
    });
    expect(asked.every((url) => url.startsWith('https://fosstodon.org/'))).toBe(true);
  });

  it('keeps the limit of a host that is no longer enabled, and drops a corrupted entry on read', async () => {
    await area().set({
      [MASTODON_LIMITS_KEY]: {
        'hachyderm.io': { maxCharacters: 1000, checkedAt: '2026-03-01T09:00:00.000Z' },
        'odd.example': { maxCharacters: 'lots', checkedAt: 'yesterday' },
      },
    });
    const { fetchImpl, asked } = fakeFetch({});
    await refreshMastodonLimits([], { area: area(), permissions: granted, fetchImpl });
    expect(asked).toEqual([]);
    expect(await loadMastodonLimits(area())).toEqual({
      'hachyderm.io': { maxCharacters: 1000, checkedAt: '2026-03-01T09:00:00.000Z' },
    });
  });

  it('runs refreshes one after another, so a later one keeps an earlier one’s answer, and never rejects', async () => {
    const { fetchImpl } = fakeFetch({
      'https://fosstodon.org/api/v2/instance': v2(500),
      'https://hachyderm.io/api/v2/instance': v2(1000),
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const refresh = createMastodonLimitsRefresh({ area: area(), permissions: granted, fetchImpl });
    await Promise.all([
      refresh(async () => ['fosstodon.org']),
      refresh(async () => ['hachyderm.io']),
      refresh(async () => {
        throw new Error('storage gone');
      }),
    ]);
    expect(Object.keys(await loadMastodonLimits(area())).sort()).toEqual(['fosstodon.org', 'hachyderm.io']);
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});

describe('mastodonLimitFor', () => {
  const limits = { 'hachyderm.io': { maxCharacters: 1000, checkedAt: '2026-03-01T09:00:00.000Z' } };

  it('finds the limit of the instance in the post’s permalink', () => {
    expect(mastodonLimitFor('https://Hachyderm.io/@fan/113', limits)).toBe(1000);
    expect(mastodonLimitFor('https://mastodon.social/@fan/113', limits)).toBeUndefined();
    expect(mastodonLimitFor(null, limits)).toBeUndefined();
    expect(mastodonLimitFor('not a url', limits)).toBeUndefined();
    expect(mastodonLimitFor('https://hachyderm.io/@fan/113', undefined)).toBeUndefined();
  });
});
