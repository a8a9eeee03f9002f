// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type HandedOverWatcher,
  publishWatcherFactory,
  type SentryWalk,
} from '../../../lib/content/engine-handle';
import { PageSentry, postsToRead } from '../../../lib/content/page-sentry';
import { regExpScreen } from '../../../lib/content/regexp-screen';
import { compileBrandMatcher } from '../../../lib/detect/brand-matcher';
import { type ScreenRegExpSources, screenRegExpSources } from '../../../lib/detect/screen-regexp';
import type { PageScreen } from '../../../lib/messaging/protocol';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';

const POST = 'article[data-testid="tweet"]';
const SCREEN = screenRegExpSources(compileBrandMatcher(DEFAULT_POLICY.brand).screenPatterns);

function post(text: string, time = '5m'): string {
  return `<article data-testid="tweet"><span class="text">${text}</span><time>${time}</time></article>`;
}

function settle(ms = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A sentry with a scripted background; the full watcher it hands over to is a recorder. */
function sentryFor(
  screen: Partial<PageScreen> = {},
  Sentry: typeof PageSentry = PageSentry,
  hooks: { whileLoading?: () => void; onStart?: (walked: SentryWalk | undefined) => void } = {},
) {
  const pageScreen: PageScreen = {
    enabled: true,
    postSelector: POST,
    screen: SCREEN,
    sidebarOpen: false,
    ...screen,
  };
  const asked: string[] = [];
  const watcher = {
    started: 0,
    messages: [] as unknown[],
    clock: null as unknown,
  };
  let loads = 0;
  const sentry = new Sentry({
    getPageScreen: async (url) => {
      asked.push(url);
      return pageScreen;
    },
    loadWatcher: async () => {
      loads += 1;
      hooks.whileLoading?.();
      await settle(0);
      publishWatcherFactory(({ clock }) => {
        watcher.clock = clock;
        const handedOver: HandedOverWatcher = {
          start: async (walked) => {
            watcher.started += 1;
            hooks.onStart?.(walked);
          },
          stop: () => undefined,
          handleMessage: (message) => {
            watcher.messages.push(message);
            return Promise.resolve('answered');
          },
        };
        return handedOver;
      });
    },
    contextValid: () => true,
  });
  running.push(sentry);
  return { sentry, asked, watcher, loads: () => loads };
}

/** Sentries still watching the shared document would react to the next test's page. */
const running: PageSentry[] = [];

beforeEach(() => {
  document.body.innerHTML = '';
  history.replaceState(null, '', '/home');
});

afterEach(() => {
  for (const sentry of running.splice(0)) sentry.stop();
  delete (globalThis as Record<string, unknown>).__parleyContentWatcher;
});

describe('PageSentry: the always-loaded first stage', () => {
  it('reads a page without mentions once, says when it is done and loads nothing more', async () => {
    document.body.innerHTML = post('Great coffee this morning') + post('Who else is watching the game?');
    const { sentry, asked, loads } = sentryFor();
    await sentry.start();
    await settle();
    expect(asked).toEqual([location.href]);
    expect(sentry.clock.marks.map((mark) => mark.name)).toEqual(['parley:scan:start', 'parley:scan:idle']);
    expect(loads()).toBe(0);
  });

  it('hands the page over, with its work clock, at the first post that could mention the brand', async () => {
    document.body.innerHTML = post('nothing here') + post('Ｌｏｖｅ ｍｙ ＡＣＭＥ');
    const { sentry, watcher, loads } = sentryFor();
    await sentry.start();
    await settle();
    expect(loads()).toBe(1);
    expect(watcher.started).toBe(1);
    expect(watcher.clock).toBe(sentry.clock);
  });

  it('hands its walk over: the step that held the hit, and the changes made while the rest loads', async () => {
    const plain = Array.from({ length: 40 }, (_, index) => post(`plain ${index}`)).join('');
    document.body.innerHTML = `<div id="timeline">${plain}${post('my acme order is late')}${post('after')}</div>`;
    let walked: SentryWalk | undefined;
    let changes = null as MutationRecord[] | null;
    const { sentry } = sentryFor({}, PageSentry, {
      whileLoading: () =>
        document.getElementById('timeline')?.insertAdjacentHTML('beforeend', post('late one')),
      onStart: (handed) => {
        walked = handed;
        changes = handed?.takeChanges() ?? null;
      },
    });
    await sentry.start();
    await settle();
    expect(walked?.href).toBe(location.href);
    expect(walked?.postSelector).toBe(POST);
    expect(walked?.posts.length).toBe(42);
    // Steps of 32 posts: the hit (post 40) was in the second, so only the first is known to be clear.
    expect(walked?.screenedUpTo).toBe(32);
    const added = (changes ?? []).flatMap((record) => [...record.addedNodes]);
    expect(added.map((node) => node.textContent)).toEqual(['late one5m']);
    // Taken once: the sentry no longer watches the page for the watcher.
    document.body.append(document.createElement('div'));
    await settle();
    expect(walked?.takeChanges()).toBeNull();
  });

  it('lets the kept changes go when the watcher does not take them, and keeps no more than it may', async () => {
    document.body.innerHTML = post('my acme order is late') + post('<i>tick</i>');
    let walked: SentryWalk | undefined;
    const { sentry } = sentryFor({}, PageSentry, {
      onStart: (handed) => {
        walked = handed;
      },
    });
    await sentry.start();
    await settle();
    expect(walked?.screenedUpTo).toBe(0);
    expect(walked?.takeChanges()).toBeNull();

    // A page that changes without pause while the rest loads: screened afresh, not kept.
    document.body.innerHTML = post('my acme order is late') + post('<i>tick</i>');
    delete (globalThis as Record<string, unknown>).__parleyContentWatcher;
    let flooded: MutationRecord[] | null | undefined;
    const tick = () => document.querySelector('i')?.firstChild as Text;
    const second = sentryFor({}, PageSentry, {
      whileLoading: () => {
        for (let count = 0; count <= 5_000; count++) tick().data = String(count);
      },
      onStart: (handed) => {
        flooded = handed?.takeChanges();
      },
    });
    await second.sentry.start();
    await vi.waitFor(() => expect(second.watcher.started).toBe(1), { timeout: 5_000 });
    expect(flooded).toBeNull();
  });

  it("does not re-read a post for a clock's tick, and hands over when a change completes the brand", async () => {
    document.body.innerHTML = post('I like ac<b>x</b>me stuff') + post('plain');
    const { sentry, loads } = sentryFor();
    await sentry.start();
    await settle();
    const first = document.querySelector(POST) as Element;
    let reads = 0;
    let owner: object | null = first;
    while (owner && !Object.hasOwn(owner, 'textContent')) owner = Object.getPrototypeOf(owner);
    const textContent = owner ? Object.getOwnPropertyDescriptor(owner, 'textContent') : undefined;
    Object.defineProperty(first, 'textContent', {
      get() {
        reads += 1;
        return textContent?.get?.call(this);
      },
    });
    (first.querySelector('time')?.firstChild as Text).data = '6m';
    await settle();
    expect(reads).toBe(0);
    // Removing the x joins "ac" and "me".
    (first.querySelector('b')?.firstChild as Text).data = '';
    await settle();
    expect(reads).toBe(1);
    expect(loads()).toBe(1);
  });

  it('hands over when a post naming the brand is added', async () => {
    document.body.innerHTML = `<div id="timeline">${post('plain')}</div>`;
    const { sentry, loads } = sentryFor();
    await sentry.start();
    await settle();
    document.getElementById('timeline')?.insertAdjacentHTML('beforeend', post('my acme order is late'));
    await settle();
    expect(loads()).toBe(1);
  });

  it('hands over at once where it cannot screen: other sites, policies too large, a sidebar left open', async () => {
    document.body.innerHTML = post('nothing here');
    for (const screen of [{ postSelector: null }, { screen: null }, { sidebarOpen: true }]) {
      delete (globalThis as Record<string, unknown>).__parleyContentWatcher;
      const { sentry, loads } = sentryFor(screen);
      await sentry.start();
      await settle();
      expect(loads(), JSON.stringify(screen)).toBe(1);
    }
  });

  it('does nothing on a page whose platform the agent switched off, but still follows navigation', async () => {
    document.body.innerHTML = post('my acme order is late');
    const { sentry, asked, loads } = sentryFor({ enabled: false });
    await sentry.start();
    await settle();
    expect(loads()).toBe(0);
    history.pushState(null, '', '/next');
    document.body.append(document.createElement('div'));
    await settle();
    expect(asked.map((url) => new URL(url).pathname)).toEqual(['/home', '/next']);
  });

  it('starts again when the page comes back from the back/forward cache, not on a first show', async () => {
    document.body.innerHTML = post('plain');
    const { sentry, asked } = sentryFor();
    await sentry.start();
    await settle();
    const shown = (persisted: boolean) => {
      const event = new Event('pageshow');
      Object.defineProperty(event, 'persisted', { value: persisted });
      window.dispatchEvent(event);
    };
    shown(false);
    await settle();
    expect(asked).toHaveLength(1);
    shown(true);
    await settle();
    expect(asked).toHaveLength(2);
    sentry.stop();
    shown(true);
    await settle();
    expect(asked).toHaveLength(2);
  });

  it('restarts on a rescan, and hands over for any other message, passing it on', async () => {
    document.body.innerHTML = post('plain');
    const { sentry, asked, watcher, loads } = sentryFor();
    await sentry.start();
    await settle();
    expect(sentry.handleMessage({ type: 'background:rescan', payload: {} })).toBeNull();
    await settle();
    expect(asked).toHaveLength(2);
    expect(loads()).toBe(0);
    expect(sentry.handleMessage({ type: 'page:anything' })).toBeNull();
    const message = { type: 'background:set-layout', payload: { state: 'toggle' } };
    await expect(sentry.handleMessage(message)).resolves.toBe('answered');
    expect(watcher.messages).toEqual([message]);
    expect(loads()).toBe(1);
  });

  it('tries again later when the background cannot load the rest, a few times per page', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      document.body.innerHTML = post('my acme order is late');
      let attempts = 0;
      const sentry: PageSentry = new PageSentry({
        getPageScreen: async () => ({
          enabled: true,
          postSelector: POST,
          screen: SCREEN,
          sidebarOpen: false,
        }),
        loadWatcher: async () => {
          attempts += 1;
          throw new Error('background restarting');
        },
        contextValid: () => true,
      });
      running.push(sentry);
      await sentry.start();
      await vi.advanceTimersByTimeAsync(10);
      expect(attempts).toBe(1);
      await vi.advanceTimersByTimeAsync(6_000);
      expect(attempts).toBe(2);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(attempts).toBe(4);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps following navigation when the background does not answer, and asks again later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const asked: string[] = [];
      let answer = false;
      const sentry: PageSentry = new PageSentry({
        getPageScreen: async (url) => {
          asked.push(new URL(url).pathname);
          if (!answer) throw new Error('no receiver');
          return { enabled: true, postSelector: POST, screen: SCREEN, sidebarOpen: false };
        },
        loadWatcher: async () => undefined,
        contextValid: () => true,
      });
      running.push(sentry);
      await sentry.start();
      history.pushState(null, '', '/elsewhere');
      document.body.append(document.createElement('div'));
      await vi.advanceTimersByTimeAsync(10);
      expect(asked).toEqual(['/home', '/elsewhere']);
      answer = true;
      await vi.advanceTimersByTimeAsync(6_000);
      expect(asked).toEqual(['/home', '/elsewhere', '/elsewhere']);
      expect(sentry.clock.marks.map((mark) => mark.name)).toContain('parley:scan:start');
    } finally {
      vi.useRealTimers();
    }
  });

  it('during a hand-over, a rescan restarts the full watcher instead of watching the page a second time', async () => {
    document.body.innerHTML = post('my acme order is late');
    let release: () => void = () => undefined;
    const loaded = new Promise<void>((resolve) => {
      release = resolve;
    });
    const starts: number[] = [];
    const asked: string[] = [];
    const sentry: PageSentry = new PageSentry({
      getPageScreen: async (url) => {
        asked.push(url);
        return { enabled: true, postSelector: POST, screen: SCREEN, sidebarOpen: false };
      },
      loadWatcher: async () => {
        await loaded;
        publishWatcherFactory(() => ({
          start: async () => {
            starts.push(Date.now());
          },
          stop: () => undefined,
          handleMessage: () => null,
        }));
      },
      contextValid: () => true,
    });
    running.push(sentry);
    await sentry.start();
    await settle();
    expect(sentry.handleMessage({ type: 'background:rescan', payload: {} })).toBeNull();
    await settle();
    expect(asked).toHaveLength(1); // the sentry did not start over
    release();
    await settle();
    expect(starts).toHaveLength(2); // taken over, then restarted for the rescan
  });
});

describe('PageSentry where the browser has the Navigation API', () => {
  let navigation: EventTarget;
  let Sentry: typeof PageSentry;
  beforeEach(async () => {
    // The sentry reads `navigation` when its module loads: a fresh copy of the module sees this one.
    navigation = new EventTarget();
    (globalThis as { navigation?: EventTarget }).navigation = navigation;
    vi.resetModules();
    ({ PageSentry: Sentry } = await import('../../../lib/content/page-sentry'));
  });
  afterEach(() => {
    delete (globalThis as { navigation?: EventTarget }).navigation;
  });

  /** An SPA navigation that changes nothing on the page, as Chromium tells of it. */
  const navigate = (path: string) => {
    history.pushState(null, '', path);
    navigation.dispatchEvent(new Event('currententrychange'));
  };

  it('starts again on a navigation that changes nothing on the page, once per address, not after stop()', async () => {
    document.body.innerHTML = post('plain');
    const { sentry, asked } = sentryFor({}, Sentry);
    await sentry.start();
    await settle();
    navigate('/next');
    await settle();
    navigation.dispatchEvent(new Event('currententrychange')); // the same address again
    await settle();
    expect(asked.map((url) => new URL(url).pathname)).toEqual(['/home', '/next']);
    sentry.stop();
    navigate('/after-stop');
    await settle();
    expect(asked).toHaveLength(2);
  });

  it('after the hand-over, starts the full watcher again on such a navigation', async () => {
    document.body.innerHTML = post('my acme order is late');
    const { sentry, watcher, loads } = sentryFor({}, Sentry);
    await sentry.start();
    await settle();
    expect([loads(), watcher.started]).toEqual([1, 1]);
    navigate('/next');
    await settle();
    expect([loads(), watcher.started]).toEqual([1, 2]);
  });
});

/** A childList record as Chromium delivers one insertion of several nodes (a fragment). */
function added(target: Node, ...nodes: Node[]): MutationRecord {
  return { type: 'childList', target, addedNodes: nodes, removedNodes: [] } as unknown as MutationRecord;
}

describe('postsToRead: the posts a batch of changes could have made mention the brand', () => {
  const screen = {
    mayCompleteHit: (text: string) => regExpScreen(SCREEN as ScreenRegExpSources).mayCompleteHit(text),
  };

  it("leaves comments out of the changed text (they are not part of a post's text)", () => {
    document.body.innerHTML = post('I like <span id="slot">Ac</span>');
    const slot = document.getElementById('slot') as Element;
    const outer = document.querySelector(POST);
    // "Ac" + <!--x--> + "me" reads "Acme": "me" could complete the brand, "xme" could not.
    expect([
      ...postsToRead([added(slot, document.createComment('x'), document.createTextNode('me'))], POST, screen),
    ]).toEqual([outer]);
    expect(postsToRead([added(slot, document.createTextNode('5m'))], POST, screen).size).toBe(0);
  });

  it('reads the enclosing post again when a post is added inside it, whatever text comes with it', () => {
    document.body.innerHTML = post('I like <span id="slot">Ac</span>');
    const slot = document.getElementById('slot') as Element;
    const outer = document.querySelector(POST);
    const wrapper = document.createElement('div');
    wrapper.innerHTML = `me${post('nothing to see')}`;
    const quote = wrapper.querySelector(POST);
    const toRead = postsToRead([added(slot, wrapper, document.createTextNode(' 5m'))], POST, screen);
    expect(new Set(toRead)).toEqual(new Set([quote, outer]));
  });

  it("skips a clock's tick and reads a post whose text node now completes the brand", () => {
    document.body.innerHTML = post('I like ac<b>x</b>me');
    const time = document.querySelector('time')?.firstChild as Text;
    const tick = {
      type: 'characterData',
      target: time,
      addedNodes: [],
      removedNodes: [],
    } as unknown as MutationRecord;
    expect(postsToRead([tick], POST, screen).size).toBe(0);
    (document.querySelector('b')?.firstChild as Text).data = '';
    const joined = {
      type: 'characterData',
      target: document.querySelector('b')?.firstChild,
      addedNodes: [],
      removedNodes: [],
    } as unknown as MutationRecord;
    expect(postsToRead([joined], POST, screen).size).toBe(1);
  });
});
