import { describe, expect, it } from 'vitest';
import {
  ENABLED_HOSTS_SCRIPT_ID,
  type ScriptingLike,
  syncEnabledHostScripts,
} from '../../../lib/background/enabled-hosts-registration';

function fakeScripting() {
  let registered: Array<{ id: string; matches: string[] }> = [];
  const scripting: ScriptingLike = {
    getRegisteredContentScripts: async () => registered.map(({ id }) => ({ id })),
    registerContentScripts: async (scripts) => {
      registered = [...registered, ...scripts.map(({ id, matches }) => ({ id, matches }))];
    },
    updateContentScripts: async (scripts) => {
      registered = registered.map((old) => {
        const update = scripts.find(({ id }) => id === old.id);
        return update ? { id: old.id, matches: update.matches } : old;
      });
    },
    unregisterContentScripts: async () => {
      registered = [];
    },
  };
  return { scripting, registered: () => registered };
}

const allGranted = { contains: async () => true };

describe('syncEnabledHostScripts', () => {
  it('registers the content script for the hosts the agent enabled and granted', async () => {
    const { scripting, registered } = fakeScripting();
    const granted = await syncEnabledHostScripts(['mastodon.social', 'Support.Example.com'], scripting, {
      contains: async ({ origins }) => origins[0] !== 'https://support.example.com/*',
    });
    expect(granted).toEqual(['https://mastodon.social/*']);
    expect(registered()).toEqual([{ id: ENABLED_HOSTS_SCRIPT_ID, matches: ['https://mastodon.social/*'] }]);
  });

  it('leaves out sites the manifest already covers, so the script never runs twice in a page', async () => {
    const { scripting, registered } = fakeScripting();
    const granted = await syncEnabledHostScripts(
      ['www.reddit.com', 'x.com', 'reddit.com'],
      scripting,
      allGranted,
    );
    expect(granted).toEqual(['https://reddit.com/*']);
    expect(registered()[0]?.matches).toEqual(['https://reddit.com/*']);
  });

  it('unregisters everything when no enabled host remains', async () => {
    const { scripting, registered } = fakeScripting();
    await syncEnabledHostScripts(['mastodon.social'], scripting, allGranted);
    await syncEnabledHostScripts(['www.reddit.com'], scripting, allGranted);
    expect(registered()).toEqual([]);
  });
});
