import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundApp } from '../../../lib/background/app';
import { POLICY_KEY } from '../../../lib/background/policy-store';
import { parseSettings, SETTINGS_KEY } from '../../../lib/background/settings';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';

const settings = (change: Record<string, unknown> = {}) => ({ ...parseSettings({}), ...change });
const policyRecord = (brand = DEFAULT_POLICY.brand, etag = '"1"') => ({
  policy: { ...DEFAULT_POLICY, brand },
  source: 'url',
  url: 'https://policy.acme.example/policy.yaml',
  etag,
  appliedAt: '2026-02-01T09:00:00.000Z',
});

describe('open pages scan again when what they scan with changes', () => {
  let sent: Array<{ tabId: number; message: unknown; frameId: number | undefined }>;
  beforeEach(() => {
    fakeBrowser.reset();
    sent = [];
    vi.spyOn(browser.tabs, 'query').mockResolvedValue([{ id: 1 }, { id: 2 }, { id: 3 }] as never);
    vi.spyOn(browser.tabs, 'sendMessage').mockImplementation((async (
      tabId: number,
      message: unknown,
      options?: { frameId?: number },
    ) => {
      // A tab without our content script (a new-tab page, another site).
      if (tabId === 2) throw new Error('Could not establish connection. Receiving end does not exist.');
      sent.push({ tabId, message, frameId: options?.frameId });
    }) as never);
    vi.spyOn(browser.scripting, 'getRegisteredContentScripts').mockResolvedValue([] as never);
  });

  it('tells every open tab when the agent switches a site off', async () => {
    const app = createBackgroundApp();
    await app.onLocalStorageChanged({
      [SETTINGS_KEY]: { oldValue: settings(), newValue: settings({ disabledPlatforms: ['x'] }) },
    });
    expect(sent).toEqual([
      { tabId: 1, message: { type: 'background:rescan', payload: {} }, frameId: 0 },
      { tabId: 3, message: { type: 'background:rescan', payload: {} }, frameId: 0 },
    ]);
  });

  it('tells them when a synced or saved policy changes the brand terms, and not for other changes', async () => {
    const app = createBackgroundApp();
    await app.onLocalStorageChanged({
      [SETTINGS_KEY]: { oldValue: settings(), newValue: settings({ theme: 'dark', agentName: 'Sam' }) },
    });
    // A sync that only stored the server's new validators.
    await app.onLocalStorageChanged({
      [POLICY_KEY]: { oldValue: policyRecord(), newValue: policyRecord(DEFAULT_POLICY.brand, '"2"') },
    });
    // The same brand terms saved again with their keys in another order.
    const reordered = Object.fromEntries(
      Object.entries(DEFAULT_POLICY.brand).reverse(),
    ) as typeof DEFAULT_POLICY.brand;
    await app.onLocalStorageChanged({
      [POLICY_KEY]: { oldValue: policyRecord(), newValue: policyRecord(reordered) },
    });
    expect(sent).toEqual([]);

    const renamed = { ...DEFAULT_POLICY.brand, aliases: [...DEFAULT_POLICY.brand.aliases, 'Acme Go'] };
    await app.onLocalStorageChanged({
      [POLICY_KEY]: { oldValue: policyRecord(), newValue: policyRecord(renamed) },
    });
    expect(sent.map(({ tabId }) => tabId)).toEqual([1, 3]);
  });

  it('tells them when the first policy is saved over the embedded one', async () => {
    const app = createBackgroundApp();
    const renamed = { ...DEFAULT_POLICY.brand, names: ['Acme', 'Acme Co'] };
    await app.onLocalStorageChanged({ [POLICY_KEY]: { newValue: policyRecord(renamed) } });
    expect(sent.map(({ tabId }) => tabId)).toEqual([1, 3]);
  });
});
