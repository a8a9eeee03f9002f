// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContentEngine, SentryWalk } from '../../../lib/content/engine-handle';
import { ContentWatcher } from '../../../lib/content/watcher';
import { compileBrandMatcher } from '../../../lib/detect/brand-matcher';
import { screenRegExpSources } from '../../../lib/detect/screen-regexp';
import { compileScreen } from '../../../lib/detect/text-screen';
import type { ScanConfig } from '../../../lib/messaging/protocol';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';

const POST = 'article[data-testid="tweet"]';
const PATTERNS = compileBrandMatcher(DEFAULT_POLICY.brand).screenPatterns;
const CONFIG: ScanConfig = {
  enabled: true,
  brand: DEFAULT_POLICY.brand,
  mastodonHosts: [],
  genericHosts: [],
  screen: compileScreen(PATTERNS),
  regExpScreen: screenRegExpSources(PATTERNS),
  sidebarOpen: false,
};

function post(text: string): string {
  return `<article data-testid="tweet"><span>${text}</span></article>`;
}

function settle(ms = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const running: ContentWatcher[] = [];

/** A full watcher on an X page whose engine records the posts handed on to it (by their text). */
function watcherOnX() {
  const handedOn: string[] = [];
  const engine: ContentEngine = {
    start: () => true,
    enqueue: (posts) => {
      for (const element of posts) handedOn.push(element.textContent ?? '');
    },
    stop: () => undefined,
    restoreSidebar: async () => undefined,
    handleMessage: async () => undefined,
  };
  const watcher = new ContentWatcher({
    getScanConfig: async () => CONFIG,
    createEngine: () => engine,
    contextValid: () => true,
  });
  running.push(watcher);
  return { watcher, handedOn };
}

/** A walk as the sentry hands it over: what it kept is given once, as the real one does. */
function walkOf(screenedUpTo: number, changes: MutationRecord[] | null, overrides: Partial<SentryWalk> = {}) {
  let taken = false;
  const walk: SentryWalk = {
    href: location.href,
    postSelector: POST,
    posts: document.querySelectorAll(POST),
    screenedUpTo,
    takeChanges: () => {
      const first = !taken;
      taken = true;
      return first ? changes : null;
    },
    ...overrides,
  };
  return { walk };
}

beforeEach(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://x.com/home');
  document.body.innerHTML = '';
});

afterEach(() => {
  for (const watcher of running.splice(0)) watcher.stop();
});

describe('ContentWatcher taking over the sentry’s walk', () => {
  it('screens from where the sentry stopped, and the changes it kept, without querying the page again', async () => {
    // The sentry found the first post clear; a post naming the brand there now would be its error,
    // so seeing it skipped shows the walk was taken up rather than redone.
    document.body.innerHTML = `<div id="timeline">${post('acme before')}${post('acme hit')}${post('plain')}</div>`;
    const posts = document.querySelectorAll(POST);
    const observer = new MutationObserver(() => undefined);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    document.getElementById('timeline')?.insertAdjacentHTML('beforeend', post('acme added meanwhile'));
    const { walk } = walkOf(1, observer.takeRecords(), { posts });
    observer.disconnect();
    let queried = 0;
    const querySelectorAll = document.querySelectorAll.bind(document);
    document.querySelectorAll = ((selector: string) => {
      if (selector === POST) queried += 1;
      return querySelectorAll(selector);
    }) as typeof document.querySelectorAll;
    try {
      const { watcher, handedOn } = watcherOnX();
      await watcher.start(walk);
      await settle();
      expect(queried).toBe(0);
      expect(handedOn.sort()).toEqual(['acme added meanwhile', 'acme hit']);
    } finally {
      document.querySelectorAll = querySelectorAll as typeof document.querySelectorAll;
    }
  });

  it('screens the whole page when the walk was of another page, or the sentry kept no changes', async () => {
    document.body.innerHTML = post('acme before') + post('acme hit');
    for (const overrides of [{ href: 'https://x.com/elsewhere' }, { postSelector: 'article' }, {}]) {
      const { walk } = walkOf(1, Object.keys(overrides).length ? [] : null, overrides);
      const { watcher, handedOn } = watcherOnX();
      await watcher.start(walk);
      await settle();
      expect(handedOn.sort(), JSON.stringify(overrides)).toEqual(['acme before', 'acme hit']);
      watcher.stop();
    }
  });

  it('screens afresh on a restart after the hand-over', async () => {
    document.body.innerHTML = post('acme before') + post('acme hit');
    const { walk } = walkOf(1, []);
    const { watcher, handedOn } = watcherOnX();
    await watcher.start(walk);
    await settle();
    expect(handedOn).toEqual(['acme hit']);
    await watcher.start();
    await settle();
    expect(handedOn.sort()).toEqual(['acme before', 'acme hit', 'acme hit']);
  });
});
