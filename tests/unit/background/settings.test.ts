import { describe, expect, it } from 'vitest';
import {
  type LocalArea,
  loadSettings,
  parseSettings,
  SETTINGS_KEY,
  saveSettings,
} from '../../../lib/background/settings';

function memoryArea(initial: Record<string, unknown> = {}): LocalArea & { items: Record<string, unknown> } {
  const items = { ...initial };
  return {
    items,
    get: async (key) => (key in items ? { [key]: items[key] } : {}),
    set: async (next) => {
      Object.assign(items, next);
    },
  };
}

describe('reading the agent’s settings', () => {
  it('gives the defaults for nothing stored, or something that is not settings at all', () => {
    for (const stored of [undefined, null, 'settings', 42, ['x']]) {
      expect(parseSettings(stored)).toEqual({
        agentName: '',
        agentSignature: '',
        policyUrl: '',
        disabledPlatforms: [],
        mastodonHosts: [],
        genericHosts: [],
        theme: 'system',
      });
    }
  });

  it('keeps every valid setting when another one is not valid', () => {
    const settings = parseSettings({
      agentName: 'Sam',
      policyUrl: 'https://policies.example.com/acme.yaml',
      mastodonHosts: ['mastodon.social'],
      theme: 'sepia',
      agentSignature: 7,
    });
    expect(settings.agentName).toBe('Sam');
    expect(settings.policyUrl).toBe('https://policies.example.com/acme.yaml');
    expect(settings.mastodonHosts).toEqual(['mastodon.social']);
    expect(settings.theme).toBe('system');
    expect(settings.agentSignature).toBe('');
  });

  it('keeps the known entries of a list that holds one it does not know (a newer version’s platform)', () => {
    const settings = parseSettings({
      disabledPlatforms: ['x', 'tiktok', 'reddit'],
      genericHosts: ['shop.example', 3],
    });
    expect(settings.disabledPlatforms).toEqual(['x', 'reddit']);
    expect(settings.genericHosts).toEqual(['shop.example']);
  });

  it('saving one setting keeps the others, even beside a field it cannot read', async () => {
    const area = memoryArea({
      [SETTINGS_KEY]: {
        policyUrl: 'https://policies.example.com/acme.yaml',
        genericHosts: ['shop.example'],
        disabledPlatforms: ['tiktok'],
      },
    });
    await saveSettings(area, { theme: 'dark' });
    const saved = await loadSettings(area);
    expect(saved.policyUrl).toBe('https://policies.example.com/acme.yaml');
    expect(saved.genericHosts).toEqual(['shop.example']);
    expect(saved.theme).toBe('dark');
    // The newer version's switched-off site is kept for it.
    expect((area.items[SETTINGS_KEY] as { disabledPlatforms: string[] }).disabledPlatforms).toEqual([
      'tiktok',
    ]);
    await saveSettings(area, { disabledPlatforms: ['x'] });
    expect((area.items[SETTINGS_KEY] as { disabledPlatforms: string[] }).disabledPlatforms).toEqual([
      'x',
      'tiktok',
    ]);
    expect((await loadSettings(area)).disabledPlatforms).toEqual(['x']);
  });
});
