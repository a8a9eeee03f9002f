import { describe, expect, it } from 'vitest';
import {
  type ContentScriptSpec,
  createEnabledHostScriptsSync,
  ENABLED_HOSTS_SCRIPT_ID,
  type ScriptingLike,
  syncEnabledHostScripts,
} from '../../../lib/background/enabled-hosts-registration';

/**
 * A registry that behaves like chrome.scripting: every call yields to the event loop before and after
 * touching the registry (so overlapping syncs really interleave), registering a known id throws
 * "Duplicate script ID", and updating or unregistering an unknown id throws.
 */
function chromeLikeScripting(initial: ContentScriptSpec[] = []) {
  const registry = new Map(initial.map((script) => [script.id, script]));
  const calls: string[] = [];
  let failNext: Error | null = null;
  const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  const step = async <T>(name: string, body: () => T): Promise<T> => {
    calls.push(name);
    await tick();
    if (failNext) {
      const error = failNext;
      failNext = null;
      throw error;
    }
    const result = body();
    await tick();
    return result;
  };
  const scripting: ScriptingLike = {
    getRegisteredContentScripts: (filter) =>
      step('get', () =>
        [...registry.values()]
          .filter(({ id }) => !filter?.ids || filter.ids.includes(id))
          .map((script) => ({ ...script, matches: [...script.matches], js: [...script.js] })),
      ),
    registerContentScripts: (scripts) =>
      step('register', () => {
        for (const script of scripts)
          if (registry.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        for (const script of scripts) registry.set(script.id, script);
      }),
    updateContentScripts: (scripts) =>
      step('update', () => {
        for (const script of scripts) {
          const current = registry.get(script.id);
          if (!current) throw new Error(`Script with ID '${script.id}' does not exist.`);
          registry.set(script.id, { ...current, ...script });
        }
      }),
    unregisterContentScripts: (filter) =>
      step('unregister', () => {
        const ids = filter?.ids ?? [...registry.keys()];
        for (const id of ids) if (!registry.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
        for (const id of ids) registry.delete(id);
      }),
  };
  return {
    scripting,
    calls,
    registry,
    matches: () => registry.get(ENABLED_HOSTS_SCRIPT_ID)?.matches,
    failNextCall: (error: Error) => {
      failNext = error;
    },
  };
}

const allGranted = { contains: async () => true };

describe('createEnabledHostScriptsSync', () => {
  it('runs overlapping syncs one after another: no duplicate id, the last settings win', async () => {
    const fake = chromeLikeScripting();
    const sync = createEnabledHostScriptsSync(fake.scripting, allGranted);
    const order: string[] = [];
    const first = sync(() => ['mastodon.social']).then(() => order.push('first'));
    const second = sync(() => ['mastodon.social', 'hachyderm.io']).then(() => order.push('second'));
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
    expect(fake.registry.size).toBe(1);
    expect(fake.matches()).toEqual(['https://mastodon.social/*', 'https://hachyderm.io/*']);
    // The second run saw the first one's registration and updated it in place.
    expect(fake.calls).toEqual(['get', 'register', 'get', 'update']);
  });

  it('is what makes overlapping syncs safe: unqueued, they register the same id twice', async () => {
    const fake = chromeLikeScripting();
    const results = await Promise.allSettled([
      syncEnabledHostScripts(['mastodon.social'], fake.scripting, allGranted),
      syncEnabledHostScripts(['hachyderm.io'], fake.scripting, allGranted),
    ]);
    expect(results.map(({ status }) => status)).toContain('rejected');
  });

  it('reads the hosts when the run starts, not when it is queued', async () => {
    const fake = chromeLikeScripting();
    const sync = createEnabledHostScriptsSync(fake.scripting, allGranted);
    let hosts = ['mastodon.social'];
    const first = sync(() => hosts);
    const second = sync(() => hosts);
    hosts = ['hachyderm.io'];
    await Promise.all([first, second]);
    expect(fake.matches()).toEqual(['https://hachyderm.io/*']);
  });

  it('a failed sync rejects its own caller and does not block the next one', async () => {
    const fake = chromeLikeScripting();
    const sync = createEnabledHostScriptsSync(fake.scripting, allGranted);
    fake.failNextCall(new Error('registry unavailable'));
    const failed = sync(() => ['mastodon.social']);
    const next = sync(() => ['hachyderm.io']);
    await expect(failed).rejects.toThrow('registry unavailable');
    await expect(next).resolves.toEqual(['https://hachyderm.io/*']);
    expect(fake.matches()).toEqual(['https://hachyderm.io/*']);
  });

  it('a sync whose hosts cannot be read does not block the next one', async () => {
    const fake = chromeLikeScripting();
    const sync = createEnabledHostScriptsSync(fake.scripting, allGranted);
    const failed = sync(async () => {
      throw new Error('storage unavailable');
    });
    const next = sync(() => ['mastodon.social']);
    await expect(failed).rejects.toThrow('storage unavailable');
    await expect(next).resolves.toEqual(['https://mastodon.social/*']);
  });
});

describe('syncEnabledHostScripts at start-up', () => {
  const spec = (matches: string[], js = ['content-watcher.js']): ContentScriptSpec => ({
    id: ENABLED_HOSTS_SCRIPT_ID,
    matches,
    js,
    runAt: 'document_idle',
    persistAcrossSessions: true,
  });

  it('re-registers the script the browser dropped (e.g. on an extension update)', async () => {
    const fake = chromeLikeScripting([]); // settings still list the host; the registry lost it
    const sync = createEnabledHostScriptsSync(fake.scripting, allGranted);
    await sync(() => ['mastodon.social']);
    expect(fake.registry.get(ENABLED_HOSTS_SCRIPT_ID)).toEqual(spec(['https://mastodon.social/*']));
  });

  it('leaves a registration that is already right untouched (idempotent)', async () => {
    const fake = chromeLikeScripting([spec(['https://mastodon.social/*'])]);
    await syncEnabledHostScripts(['mastodon.social'], fake.scripting, allGranted);
    await syncEnabledHostScripts(['mastodon.social'], fake.scripting, allGranted);
    expect(fake.calls).toEqual(['get', 'get']);
  });

  it('updates a kept registration that names another build’s file or other hosts', async () => {
    const fake = chromeLikeScripting([spec(['https://old.example/*'], ['content-scripts/old.js'])]);
    await syncEnabledHostScripts(['mastodon.social'], fake.scripting, allGranted);
    expect(fake.registry.get(ENABLED_HOSTS_SCRIPT_ID)).toEqual(spec(['https://mastodon.social/*']));
    expect(fake.calls).toEqual(['get', 'update']);
  });

  it('unregisters a kept registration no host wants any more', async () => {
    const fake = chromeLikeScripting([spec(['https://mastodon.social/*'])]);
    await syncEnabledHostScripts([], fake.scripting, allGranted);
    expect(fake.registry.size).toBe(0);
  });
});
