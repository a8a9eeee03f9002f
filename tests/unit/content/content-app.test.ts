// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentApp, type ContentBridge } from '../../../lib/content/content-app';
import { WorkClock } from '../../../lib/content/work-clock';
import type { ScanConfig } from '../../../lib/messaging/protocol';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import { loadFixture } from '../sites/fixture-helpers';

const HOME = 'https://x.com/home';

const CONFIG = {
  enabled: true,
  brand: DEFAULT_POLICY.brand,
  mastodonHosts: [],
  genericHosts: [],
  sidebarOpen: false,
  regExpScreen: null,
} as unknown as ScanConfig;

async function until(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

type Reported = Parameters<ContentBridge['reportPosts']>[1];

/**
 * A bridge whose reports fail while `failing` says so, counting the posts of each report; `recorded`
 * picks the posts the background answers for (all of them unless told otherwise), `refused` the ones
 * it refuses as not the page's site's.
 */
function flakyBridge(
  failing: () => boolean,
  recorded: (posts: Reported) => Reported = (posts) => posts,
  refused: (posts: Reported) => Reported = () => [],
) {
  const reports: number[] = [];
  const bridge: ContentBridge = {
    reportPosts: vi.fn(async (_url: string, posts: Reported) => {
      reports.push(posts.length);
      if (failing()) throw new Error('The background did not record the reported posts.');
      return {
        results: recorded(posts).map(({ post }) => ({
          postKey: `${post.platform}:${post.postId}`,
          category: 'complaint' as const,
          severity: 2 as const,
        })),
        refused: refused(posts).map(({ post }) => `${post.platform}:${post.postId}`),
      };
    }),
    openMention: () => undefined,
  };
  return { bridge, reports };
}

const marked = () => document.querySelectorAll('[data-parley-mention]').length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `value` has not changed for `quietMs` (a scan's slices and reports have run). */
async function settled(value: () => number, quietMs = 80): Promise<number> {
  let last = value();
  let since = Date.now();
  await until(() => {
    const now = value();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
    return Date.now() - since >= quietMs;
  }, 5_000);
  return last;
}

describe('content app: reports that fail', () => {
  let everything = 0;

  beforeEach(async () => {
    loadFixture('x', HOME);
    if (everything > 0) return;
    // What a scan whose reports all go through marks on this page.
    const { bridge } = flakyBridge(() => false);
    const app = new ContentApp(bridge, new WorkClock());
    app.start(CONFIG, new URL(HOME), { watched: false });
    everything = await settled(marked);
    app.stop();
    loadFixture('x', HOME);
  });

  it('reads the posts of a failed report again later, reports and marks them', async () => {
    let calls = 0;
    const { bridge, reports } = flakyBridge(() => {
      calls += 1;
      return calls === 1;
    });
    const app = new ContentApp(bridge, new WorkClock(), { reportRetryMs: 20 });
    expect(app.start(CONFIG, new URL(HOME), { watched: false })).toBe(true);
    expect(everything).toBeGreaterThan(0);
    await until(() => marked() === everything);
    expect(reports.length).toBeGreaterThanOrEqual(2);
    app.stop();
  });

  it('reads again the posts a report answered nothing for (the database refused them)', async () => {
    let refuse = true;
    // The first report's answer covers only its first post.
    const { bridge, reports } = flakyBridge(
      () => false,
      (posts) => {
        const answered = refuse ? posts.slice(0, 1) : posts;
        refuse = false;
        return answered;
      },
    );
    const app = new ContentApp(bridge, new WorkClock(), { reportRetryMs: 20 });
    app.start(CONFIG, new URL(HOME), { watched: false });
    await until(() => marked() === everything);
    expect(reports.length).toBeGreaterThanOrEqual(2);
    app.stop();
  });

  it('does not read again, or mark, the posts the background refused as not this site’s', async () => {
    // The background records every post but the first of each report, and refuses that one.
    const seen: string[] = [];
    const { bridge, reports } = flakyBridge(
      () => false,
      (posts) => {
        seen.push(...posts.map(({ post }) => post.postId));
        return posts.slice(1);
      },
      (posts) => posts.slice(0, 1),
    );
    const app = new ContentApp(bridge, new WorkClock(), { reportRetryMs: 5 });
    app.start(CONFIG, new URL(HOME), { watched: false });
    await settled(() => seen.length);
    // Far longer than the 5 ms retry delay: no post, refused or not, is reported a second time.
    await sleep(200);
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(marked()).toBe(everything - reports.length);
    app.stop();
  });

  it('gives up after three retries in a row while the background keeps failing', async () => {
    const { bridge, reports } = flakyBridge(() => true);
    const app = new ContentApp(bridge, new WorkClock(), { reportRetryMs: 5 });
    app.start(CONFIG, new URL(HOME), { watched: false });
    // Each retry reads the failed posts again and reports them again: three more rounds, then none.
    const failedPosts = () => reports.reduce((sum, count) => sum + count, 0);
    await until(() => failedPosts() >= 4 * everything, 5_000);
    // Far longer than the 5 ms between rounds, even on a busy machine: no fifth round comes.
    await sleep(400);
    expect(failedPosts()).toBe(4 * everything);
    expect(marked()).toBe(0);
    app.stop();
  });

  it('stops retrying when the page is stopped (navigation)', async () => {
    const { bridge, reports } = flakyBridge(() => true);
    const app = new ContentApp(bridge, new WorkClock(), { reportRetryMs: 250 });
    app.start(CONFIG, new URL(HOME), { watched: false });
    await until(() => reports.length >= 1);
    const before = await settled(() => reports.length, 60);
    app.stop();
    await sleep(400);
    expect(reports).toHaveLength(before);
  });
});

describe('content app: what it keeps of found posts', () => {
  beforeEach(() => {
    loadFixture('x', HOME);
  });

  it('forgets the posts of the previous page when it starts again (SPA navigation)', async () => {
    const { bridge } = flakyBridge(() => false);
    const app = new ContentApp(bridge, new WorkClock());
    app.start(CONFIG, new URL(HOME), { watched: false });
    await settled(marked);
    const key = document.querySelector('[data-parley-mention]')?.getAttribute('data-parley-post-id');
    expect(app.foundPost(`x:${key}`)).toBeDefined();
    document.body.replaceChildren(); // the new page has no posts
    app.start(CONFIG, new URL('https://x.com/explore'), { watched: false });
    expect(app.foundPost(`x:${key}`)).toBeUndefined();
    app.stop();
  });

  it('drops found posts the site removed once it holds many', async () => {
    const { bridge } = flakyBridge(() => false);
    const app = new ContentApp(bridge, new WorkClock());
    app.start(CONFIG, new URL(HOME), { watched: false });
    const first = await settled(marked);
    expect(first).toBeGreaterThan(0);
    const firstKeys = [...document.querySelectorAll('[data-parley-mention]')].map(
      (element) => `x:${element.getAttribute('data-parley-post-id')}`,
    );
    // An infinite timeline: the site removes the posts already scrolled past and adds new ones.
    const template = document.querySelector(
      '[data-parley-mention]:not([data-parley-mention="own-reply"])',
    ) as Element;
    for (let round = 0; round < 6; round++) {
      for (const element of document.querySelectorAll('article')) element.remove();
      const batch = Array.from({ length: 120 }, (_, index) => {
        const copy = template.cloneNode(true) as Element;
        for (const link of copy.querySelectorAll('a[href*="/status/"]')) {
          const id = `19990000${round}${index.toString().padStart(4, '0')}`;
          link.setAttribute(
            'href',
            (link.getAttribute('href') ?? '').replace(/\/status\/\d+/, `/status/${id}`),
          );
        }
        for (const marker of copy.querySelectorAll('[data-parley-marker]')) marker.remove();
        copy.removeAttribute('data-parley-mention');
        copy.removeAttribute('data-parley-post-id');
        return copy;
      });
      document.body.append(...batch); // the app's own observer reads them
      await until(() => marked() >= 120);
      await settled(marked, 60);
    }
    expect(firstKeys.every((key) => app.foundPost(key) === undefined)).toBe(true);
    app.stop();
  });
});

describe('content app: restarting with other brand terms', () => {
  it('takes the marks off posts the new terms no longer find, once the new reading settles', async () => {
    loadFixture('x', HOME);
    const { bridge } = flakyBridge(() => false);
    const clock = new WorkClock();
    const app = new ContentApp(bridge, clock);
    app.start(CONFIG, new URL(HOME), { watched: false });
    const before = await settled(marked);
    expect(before).toBeGreaterThan(0);
    const markedIds = () =>
      Array.from(document.querySelectorAll('[data-parley-mention]'), (element) =>
        element.getAttribute('data-parley-post-id'),
      ).sort();
    const first = markedIds();

    // A policy whose only term is a word no post on the page holds: nothing is a mention any more,
    // but the brand's own replies are still the brand's.
    const renamed = {
      ...CONFIG,
      brand: {
        ...DEFAULT_POLICY.brand,
        name: 'Zyxwv',
        names: ['Zyxwv'],
        aliases: [],
        handles: [],
        hashtags: [],
        misspellings: [],
      },
    } as ScanConfig;
    app.start(renamed, new URL(HOME), { watched: false });
    await until(() => markedIds().length < first.length);
    const after = await settled(marked);
    expect(after).toBeLessThan(before);
    expect(markedIds().every((id) => first.includes(id))).toBe(true);

    // Back to the old terms: the same posts are marked again.
    app.start(CONFIG, new URL(HOME), { watched: false });
    await until(() => markedIds().length === first.length);
    expect(markedIds()).toEqual(first);
    app.stop();
  });
});
