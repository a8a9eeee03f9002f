// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentWatcher } from '../../../lib/content/watcher';
import type { ScanConfig } from '../../../lib/messaging/protocol';

/** A config for a page whose platform is off: the watcher only follows navigation. */
const OFF = { enabled: false } as ScanConfig;

const running: ContentWatcher[] = [];

/** A full watcher whose background fails `failures` times, then answers; records what it was asked. */
function watcherFor(failures: number) {
  const asked: string[] = [];
  let failed = 0;
  const watcher = new ContentWatcher({
    getScanConfig: async (url) => {
      asked.push(new URL(url).pathname);
      if (failed < failures) {
        failed += 1;
        throw new Error('background restarting');
      }
      return OFF;
    },
    createEngine: () => {
      throw new Error('not on this page');
    },
    contextValid: () => true,
  });
  running.push(watcher);
  return { watcher, asked };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  document.body.innerHTML = '';
  history.replaceState(null, '', '/home');
});

afterEach(() => {
  for (const watcher of running.splice(0)) watcher.stop();
  vi.useRealTimers();
});

describe('ContentWatcher when the background does not answer', () => {
  it('asks again later for the same page, a few times', async () => {
    const { watcher, asked } = watcherFor(Number.POSITIVE_INFINITY);
    await watcher.start();
    expect(asked).toEqual(['/home']);
    await vi.advanceTimersByTimeAsync(5_100);
    expect(asked).toEqual(['/home', '/home']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toHaveLength(4);
  });

  it('keeps following SPA navigation, and starts the count again on the new page', async () => {
    const { watcher, asked } = watcherFor(5);
    await watcher.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toEqual(['/home', '/home', '/home', '/home']);
    // Without the Navigation API the page's own change is what tells of the navigation.
    history.pushState(null, '', '/acme/status/1');
    document.body.append(document.createElement('div'));
    await vi.advanceTimersByTimeAsync(10);
    expect(asked.at(-1)).toBe('/acme/status/1');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked.slice(4)).toEqual(['/acme/status/1', '/acme/status/1']);
  });

  it('stops asking once the page answered', async () => {
    const { watcher, asked } = watcherFor(1);
    await watcher.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toEqual(['/home', '/home']);
  });
});
