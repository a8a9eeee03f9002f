// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { markPost } from '../../../lib/content/markers';
import { type FoundPost, PageScanner } from '../../../lib/content/page-scanner';
import { compileBrandMatcher } from '../../../lib/detect/brand-matcher';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import type { SiteAdapter } from '../../../lib/sites/types';
import { xAdapter } from '../../../lib/sites/x';
import { FIXTURE_NOW, loadFixture } from '../sites/fixture-helpers';

const HOME = 'https://x.com/home';

/** The X adapter, counting the posts it is asked to read. */
function countingAdapter(): { adapter: SiteAdapter; reads: () => number } {
  let reads = 0;
  return {
    adapter: {
      ...xAdapter,
      readPost(element) {
        reads += 1;
        return xAdapter.readPost(element);
      },
    },
    reads: () => reads,
  };
}

function scanner(adapter: SiteAdapter, options: { screened: boolean }) {
  const found: FoundPost[] = [];
  const lost: string[] = [];
  const scanner = new PageScanner(
    [adapter],
    compileBrandMatcher(DEFAULT_POLICY.brand),
    {
      found: (post) => found.push(post),
      lost: (_element, key) => lost.push(key),
    },
    options.screened ? {} : { screen: false },
  );
  return { scanner, found, lost };
}

const keys = (found: readonly FoundPost[]) => found.map((post) => post.key).sort();

describe('page scanner: the text screen', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    loadFixture('x', HOME);
  });
  afterEach(() => vi.useRealTimers());

  it('reports the same posts as reading every post, and reads fewer', async () => {
    const everyPost = countingAdapter();
    const full = scanner(everyPost.adapter, { screened: false });
    full.scanner.scan(document);
    await full.scanner.whenIdle();

    const screenedRead = countingAdapter();
    const screened = scanner(screenedRead.adapter, { screened: true });
    screened.scanner.scan(document);
    await screened.scanner.whenIdle();

    expect(keys(full.found).length).toBeGreaterThan(0);
    expect(keys(screened.found)).toEqual(keys(full.found));
    // The fixture's sunset post has no brand text and is by someone else: never read.
    expect(screenedRead.reads()).toBeLessThan(everyPost.reads());
    expect(keys(screened.found)).not.toContain('x:1991000000000000005');
  });

  it('follows the page: a new post with the brand is found, an edited one that lost it is forgotten', async () => {
    const { scanner: pageScanner, found, lost } = scanner(xAdapter, { screened: true });
    pageScanner.scan(document);
    await pageScanner.whenIdle();
    const observer = new MutationObserver((records) => pageScanner.handleMutations(records));
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });

    const sunset = found.length;
    const quiet = [...document.querySelectorAll('article[data-testid="tweet"]')].find((article) =>
      article.querySelector('a[href$="/status/1991000000000000005"]'),
    );
    const text = quiet?.querySelector('[data-testid="tweetText"] span');
    expect(text).toBeTruthy();
    (text as Element).textContent = 'Beautiful sunset, thanks to my new Acme camera';
    await new Promise((resolve) => setTimeout(resolve, 0));
    await pageScanner.whenIdle();
    expect(found.slice(sunset).map((post) => post.key)).toEqual(['x:1991000000000000005']);

    (text as Element).textContent = 'Beautiful sunset over the bay tonight';
    await new Promise((resolve) => setTimeout(resolve, 0));
    await pageScanner.whenIdle();
    expect(lost).toEqual(['x:1991000000000000005']);
    observer.disconnect();
  });

  it('does not re-read a post because Parley marked it', async () => {
    const counting = countingAdapter();
    const { scanner: pageScanner, found } = scanner(counting.adapter, { screened: true });
    pageScanner.scan(document);
    await pageScanner.whenIdle();
    const readsAfterScan = counting.reads();
    const observer = new MutationObserver((records) => pageScanner.handleMutations(records));
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    for (const post of found)
      markPost(post.element, {
        postId: post.post.postId,
        category: 'complaint',
        anchor: xAdapter.markerAnchor(post.element),
        onOpen: () => undefined,
      });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await pageScanner.whenIdle();
    expect(document.querySelectorAll('button[data-parley-marker]').length).toBeGreaterThan(0);
    expect(counting.reads()).toBe(readsAfterScan);
    observer.disconnect();
  });
});
