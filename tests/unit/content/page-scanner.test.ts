// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { markPost } from '../../../lib/content/markers';
import { type FoundPost, PageScanner } from '../../../lib/content/page-scanner';
import { regExpScreen } from '../../../lib/content/regexp-screen';
import { ScreenWatcher } from '../../../lib/content/screen-watcher';
import { compileBrandMatcher } from '../../../lib/detect/brand-matcher';
import { screenRegExpSources } from '../../../lib/detect/screen-regexp';
import { compileTextScreen } from '../../../lib/detect/text-screen';
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

/**
 * The page as the content script reads it: with the watcher's text screen in front (screened: only
 * posts that pass are read, as on X) or reading every post.
 */
function scanner(adapter: SiteAdapter, options: { screened: boolean }) {
  const found: FoundPost[] = [];
  const lost: string[] = [];
  const matcher = compileBrandMatcher(DEFAULT_POLICY.brand);
  const reader = new PageScanner([adapter], matcher, {
    found: (post) => found.push(post),
    lost: (_element, key) => lost.push(key),
  });
  if (!options.screened) return { scanner: reader, found, lost };
  const watcher = new ScreenWatcher(compileTextScreen(matcher.screenPatterns), adapter.postSelector, {
    candidates: (posts) => reader.enqueue(posts),
  });
  const page = {
    scan: (root: ParentNode) => watcher.scan(root),
    handleMutations: (records: readonly MutationRecord[]) => watcher.handleMutations(records),
    async whenIdle() {
      await watcher.whenIdle();
      await reader.whenIdle();
    },
  };
  return { scanner: page, found, lost };
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

  it('reports a reply whose "Replying to" line names the brand after someone else', async () => {
    // X moves a reply's leading @mentions out of its text into the "Replying to" line: here Sam's
    // reply names Jane first and the brand second, and its text never says "Acme".
    const brandReply = document.querySelector('article a[href="/AcmeHelp/status/1991000000000000002"]');
    const line = [...(brandReply?.closest('article')?.querySelectorAll('div[dir="ltr"]') ?? [])].find((div) =>
      div.textContent?.startsWith('Replying to '),
    );
    const sams = document
      .querySelector('article a[href="/samlee_/status/1991000000000000003"]')
      ?.closest('article');
    const text = sams?.querySelector('[data-testid="tweetText"]');
    if (!line || !sams || !text) throw new Error('fixture changed');
    const named = line.cloneNode(true) as Element;
    const jane = named.querySelector('a[href="/janedoe"]')?.closest('div.r-xoduu5');
    const brand = jane?.cloneNode(true) as Element;
    brand.querySelector('a')?.setAttribute('href', '/AcmeHelp');
    (brand.querySelector('a') as Element).textContent = '@AcmeHelp';
    const and = document.createElement('span');
    and.textContent = ' and ';
    named.append(and, brand);
    text.parentElement?.before(named);
    text.textContent = 'same here, three weeks and nothing';

    const { scanner: pageScanner, found } = scanner(xAdapter, { screened: true });
    pageScanner.scan(document);
    await pageScanner.whenIdle();
    const sam = found.find((post) => post.key === 'x:1991000000000000003');
    expect(sam?.post).toMatchObject({
      isReply: true,
      inReplyTo: 'janedoe',
      replyingTo: ['janedoe', 'AcmeHelp'],
    });
    expect(sam?.ownAccount).toBe(false);
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

describe('screen watcher: page changes', () => {
  beforeEach(() => loadFixture('x', HOME));

  function watch() {
    const matcher = compileBrandMatcher(DEFAULT_POLICY.brand);
    const screens = compileTextScreen(matcher.screenPatterns);
    let wholeScreens = 0;
    const counting = {
      ...screens,
      screen() {
        const screen = screens.screen();
        return {
          ...screen,
          feed(text: string) {
            wholeScreens += 1;
            return screen.feed(text);
          },
        };
      },
    };
    const handedOn: Element[] = [];
    const watcher = new ScreenWatcher(counting, xAdapter.postSelector, {
      candidates: (posts) => handedOn.push(...posts),
    });
    return { watcher, handedOn, wholeScreens: () => wholeScreens };
  }

  const quietPost = () =>
    [...document.querySelectorAll('article[data-testid="tweet"]')].find((article) =>
      article.querySelector('a[href$="/status/1991000000000000005"]'),
    ) as Element;

  async function changes(watcher: ScreenWatcher, change: () => void): Promise<void> {
    const observer = new MutationObserver((records) => watcher.handleMutations(records));
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    change();
    await new Promise((resolve) => setTimeout(resolve, 0));
    observer.disconnect();
  }

  it('lets a clock tick pass without reading the post’s whole text', async () => {
    const { watcher, handedOn, wholeScreens } = watch();
    watcher.scan(document);
    await watcher.whenIdle();
    const before = { screens: wholeScreens(), handedOn: handedOn.length };
    const time = quietPost().querySelector('time')?.firstChild as Text;
    await changes(watcher, () => {
      time.data = '7m';
    });
    expect(wholeScreens()).toBe(before.screens);
    expect(handedOn.length).toBe(before.handedOn);
  });

  it('hands on a post when an edit completes the brand across two text nodes', async () => {
    const { watcher, handedOn } = watch();
    watcher.scan(document);
    await watcher.whenIdle();
    const text = quietPost().querySelector('[data-testid="tweetText"] span') as Element;
    text.textContent = 'Sunset with my new Ac';
    text.after(document.createTextNode('mx camera'));
    await watcher.whenIdle();
    expect(handedOn).not.toContain(quietPost());
    const tail = text.nextSibling as Text;
    await changes(watcher, () => {
      tail.data = 'me camera';
    });
    expect(handedOn).toContain(quietPost());
  });

  it('hands a handed-on post on again when it changes (a recycled cell)', async () => {
    const { watcher, handedOn } = watch();
    watcher.scan(document);
    await watcher.whenIdle();
    const first = handedOn[0] as Element;
    const count = handedOn.length;
    const time = first.querySelector('time')?.firstChild as Text;
    await changes(watcher, () => {
      time.data = '9m';
    });
    expect(handedOn.length).toBe(count + 1);
    expect(handedOn[count]).toBe(first);
  });
});

describe.each([
  ['the automaton', false],
  ['the regular expressions where the text reads in place', true],
])('screen watcher: the page walk, with %s', (_label, withRegExp) => {
  function page(texts: readonly string[]): Element[] {
    document.body.replaceChildren();
    return texts.map((text) => {
      const article = document.createElement('article');
      article.setAttribute('data-testid', 'tweet');
      const span = document.createElement('span');
      span.textContent = text;
      article.append(span, document.createTextNode(' · 3m'));
      document.body.append(article);
      return article;
    });
  }

  function walker() {
    const matcher = compileBrandMatcher(DEFAULT_POLICY.brand);
    const handedOn: Element[] = [];
    const sources = screenRegExpSources(matcher.screenPatterns);
    let inPlace = 0;
    const regExp = withRegExp && sources ? regExpScreen(sources) : null;
    const counting = regExp && {
      ...regExp,
      readsInPlace(text: string) {
        const reads = regExp.readsInPlace(text);
        if (reads) inPlace += 1;
        return reads;
      },
    };
    const watcher = new ScreenWatcher(
      compileTextScreen(matcher.screenPatterns),
      xAdapter.postSelector,
      { candidates: (posts) => handedOn.push(...posts) },
      { regExp: counting },
    );
    return { watcher, handedOn, inPlace: () => inPlace };
  }

  it('hands on exactly the posts holding the brand, across many steps, in page order', async () => {
    const withBrand = new Set([0, 1, 63, 64, 65, 127, 128, 200, 299]);
    const posts = page(
      Array.from({ length: 300 }, (_, index) =>
        withBrand.has(index) ? `Post ${index}: my ACME order is late` : `Post ${index}: nice weather`,
      ),
    );
    const { watcher, handedOn, inPlace } = walker();
    watcher.scan(document);
    await watcher.whenIdle();
    expect(handedOn.map((post) => posts.indexOf(post))).toEqual([...withBrand]);
    expect(inPlace()).toBe(withRegExp ? 5 : 0); // 300 posts in steps of 64
  });

  it('finds disguised names, in steps the expressions read in place and in steps they cannot', async () => {
    const texts = Array.from({ length: 200 }, (_, index) => `Post ${index}: nice weather`);
    // Step 1 (posts 0-63) reads in place; step 2 holds a tag character, step 3 a math letter.
    const disguised = new Map([
      [5, 'A c m e\u00a0kettle ❤\ufe0f'],
      [40, 'Àc\u200bmé'],
      [70, 'the a\u{E0020}cme store'],
      [100, 'Ac-me is not it'],
      [140, '𝐀𝐜𝐦𝐞 rocks'],
      [150, 'acne cream'],
    ]);
    for (const [index, text] of disguised) texts[index] = text;
    const posts = page(texts);
    const { watcher, handedOn, inPlace } = walker();
    watcher.scan(document);
    await watcher.whenIdle();
    expect(handedOn.map((post) => posts.indexOf(post))).toEqual([5, 40, 70, 140]);
    expect(inPlace()).toBe(withRegExp ? 2 : 0); // steps 1 and 4
  });

  it('never joins two posts into a hit, and skips posts removed before their step', async () => {
    const posts = page(['Sunset with my new Ac', 'me camera, the best', 'Nothing here', 'Acme again']);
    const { watcher, handedOn } = walker();
    watcher.scan(document);
    posts[3]?.remove();
    await watcher.whenIdle();
    expect(handedOn).toEqual([]);
  });
});
