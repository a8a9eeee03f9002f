// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openComposer } from '../../../lib/sites/composer';
import { xAdapter } from '../../../lib/sites/x';
import {
  expectSelectorCounts,
  FIXTURE_NOW,
  loadFixture,
  mountComposerOnClick,
  postElement,
  setPageUrl,
  summarize,
} from './fixture-helpers';

const HOME = 'https://x.com/home';

describe('x adapter on the home timeline fixture', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    loadFixture('x', HOME);
  });
  afterEach(() => vi.useRealTimers());

  it('fixture markup has the selectors the adapter reads', () => {
    expectSelectorCounts(document, {
      '[data-testid="cellInnerDiv"]': 7,
      'article[data-testid="tweet"]': 6,
      '[data-testid="User-Name"]': 8,
      '[data-testid="tweetText"]': 8,
      'time[datetime]': 8,
      'a[href*="/status/"] > time': 6,
      'div[role="link"] [data-testid="tweetText"]': 2,
      '[data-testid="reply"]': 6,
      'template[data-fixture-composer="x-reply-modal"]': 1,
    });
  });

  it('finds and reads every tweet', () => {
    expect(summarize(xAdapter)).toEqual({
      found: 6,
      read: 6,
      withText: 6,
      withTime: 6,
      withExactTime: 6,
      withPermalink: 6,
      replies: 1,
      mentioningAcme: 3,
    });
  });

  it('reads a customer tweet exactly (emoji as alt text, paragraph break kept)', () => {
    expect(xAdapter.readPost(postElement(xAdapter, '1991000000000000001'))).toEqual({
      platform: 'x',
      postId: '1991000000000000001',
      permalink: 'https://x.com/janedoe/status/1991000000000000001',
      author: { handle: 'janedoe', displayName: 'Jane Doe' },
      text: '@AcmeHelp my order never arrived 😡\nOrdered on the 2nd and tracking hasn’t moved since.',
      postedAt: '2026-11-20T12:00:00.000Z',
      postedAtEstimated: false,
      isReply: false,
      inReplyTo: null,
    });
  });

  it("reads the brand's own reply with its author and what it replies to", () => {
    const post = xAdapter.readPost(postElement(xAdapter, '1991000000000000002'));
    expect(post?.author).toEqual({ handle: 'AcmeHelp', displayName: 'Acme Support' });
    expect(post?.isReply).toBe(true);
    expect(post?.inReplyTo).toBe('janedoe');
    expect(post?.text).toBe(
      'Sorry to hear that, Jane! Please DM us your order number and we’ll sort it out 🙏',
    );
  });

  it('takes the handle from the profile link, not a display name that reads like "@brand"', () => {
    const article = postElement(xAdapter, '1991000000000000001');
    const name = article.querySelector('[data-testid="User-Name"] a[href="/janedoe"] span span span');
    if (!name) throw new Error('no display name span');
    name.textContent = '@AcmeHelp';
    expect(xAdapter.readPost(article)?.author.handle).toBe('janedoe');
  });

  it('reads emoji in display names', () => {
    expect(xAdapter.readPost(postElement(xAdapter, '1991000000000000003'))?.author).toEqual({
      handle: 'samlee_',
      displayName: 'Sam Lee 🌱',
    });
  });

  it("scopes a quote tweet to the outer tweet: its id, author and time, and only the author's words", () => {
    const withQuote = xAdapter.readPost(postElement(xAdapter, '1991000000000000004'));
    expect(withQuote).toMatchObject({
      postId: '1991000000000000004',
      author: { handle: 'priya_travels', displayName: 'Priya Raman' },
      text: 'Does Acme ship to Canada? Asking for this move 👇',
      postedAt: '2026-11-19T18:00:00.000Z',
    });
    const quotingBrand = xAdapter.readPost(postElement(xAdapter, '1991000000000000006'));
    expect(quotingBrand?.author.handle).toBe('runs_with_dogs');
    expect(quotingBrand?.text).toBe('Just finished a 10k run 🏃');
    expect(quotingBrand?.text).not.toMatch(/Acme/);
  });

  it('reads recycled cells afresh (no caching on the element)', () => {
    const cell = postElement(xAdapter, '1991000000000000001');
    const other = postElement(xAdapter, '1991000000000000005');
    expect(xAdapter.readPost(cell)?.author.handle).toBe('janedoe');
    cell.replaceChildren(...[...other.childNodes].map((node) => node.cloneNode(true)));
    const reread = xAdapter.readPost(cell);
    expect(reread?.postId).toBe('1991000000000000005');
    expect(reread?.author.handle).toBe('golden_hour');
  });

  it('on a /status/ page, tweets after the focal one reply to it', () => {
    setPageUrl('https://x.com/janedoe/status/1991000000000000001');
    expect(xAdapter.readPost(postElement(xAdapter, '1991000000000000001'))?.isReply).toBe(false);
    expect(xAdapter.readPost(postElement(xAdapter, '1991000000000000003'))).toMatchObject({
      isReply: true,
      inReplyTo: '1991000000000000001',
    });
    // An explicit "Replying to" line wins over the page structure.
    expect(xAdapter.readPost(postElement(xAdapter, '1991000000000000002'))?.inReplyTo).toBe('janedoe');
  });

  it('on a /status/ page, tweets after the first heading cell ("Discover more") are not replies', () => {
    setPageUrl('https://x.com/janedoe/status/1991000000000000001');
    // On a status page the heading cell after the replies reads "Discover more" (the fixture's home
    // timeline has "Who to follow" in the same markup); the tweets under it are X's suggestions.
    const heading = document.querySelector('[data-testid="cellInnerDiv"] h2[role="heading"] span');
    if (!heading) throw new Error('no heading cell in fixture');
    heading.textContent = 'Discover more';
    for (const id of ['1991000000000000004', '1991000000000000005', '1991000000000000006']) {
      expect(xAdapter.readPost(postElement(xAdapter, id)), id).toMatchObject({
        isReply: false,
        inReplyTo: null,
      });
    }
    expect(xAdapter.readPost(postElement(xAdapter, '1991000000000000003'))).toMatchObject({
      isReply: true,
      inReplyTo: '1991000000000000001',
    });
  });

  it('on a /status/ page, a reply stays a reply once X unmounts the focal tweet, and so do replies mounted later', () => {
    setPageUrl('https://x.com/janedoe/status/1991000000000000001');
    const reply = postElement(xAdapter, '1991000000000000003');
    const suggested = postElement(xAdapter, '1991000000000000005');
    expect(xAdapter.readPost(reply)).toMatchObject({ isReply: true, inReplyTo: '1991000000000000001' });
    expect(xAdapter.readPost(suggested)?.isReply).toBe(false);

    postElement(xAdapter, '1991000000000000001').closest('[data-testid="cellInnerDiv"]')?.remove();
    expect(xAdapter.readPost(reply)).toMatchObject({ isReply: true, inReplyTo: '1991000000000000001' });
    expect(xAdapter.readPost(suggested)?.isReply).toBe(false);

    // X mounts the next reply below Sam's as the agent scrolls down.
    const cell = reply.closest('[data-testid="cellInnerDiv"]') as Element;
    const next = cell.cloneNode(true) as Element;
    for (const link of next.querySelectorAll('a[href*="/status/1991000000000000003"]')) {
      link.setAttribute('href', (link.getAttribute('href') ?? '').replace('0003', '0007'));
    }
    cell.after(next);
    expect(xAdapter.readPost(next.querySelector('article') as Element)).toMatchObject({
      postId: '1991000000000000007',
      isReply: true,
      inReplyTo: '1991000000000000001',
    });
  });

  it('on a /status/ page, reads without searching the whole document', () => {
    setPageUrl('https://x.com/janedoe/status/1991000000000000001');
    const posts = xAdapter.findPosts(document);
    const focalCell = postElement(xAdapter, '1991000000000000001').closest('[data-testid="cellInnerDiv"]');
    const one = vi.spyOn(document, 'querySelector');
    const all = vi.spyOn(document, 'querySelectorAll');
    for (const post of posts) xAdapter.readPost(post);
    focalCell?.remove();
    for (const post of posts) if (post.isConnected) xAdapter.readPost(post);
    expect(one).not.toHaveBeenCalled();
    expect(all).not.toHaveBeenCalled();
    one.mockRestore();
    all.mockRestore();
  });

  it('degrades on odd markup: partial reads or null, never a throw', () => {
    const article = postElement(xAdapter, '1991000000000000003');
    article.querySelector('[data-testid="tweetText"]')?.remove();
    expect(xAdapter.readPost(article)?.text).toBe('');

    const noName = postElement(xAdapter, '1991000000000000005');
    for (const profileLink of noName.querySelectorAll('[data-testid="User-Name"] a[href="/golden_hour"]')) {
      profileLink.remove();
    }
    const partial = xAdapter.readPost(noName);
    expect(partial?.author).toEqual({ handle: 'golden_hour', displayName: null });

    const promoted = postElement(xAdapter, '1991000000000000001');
    for (const link of promoted.querySelectorAll('a[href*="/status/"], time')) link.remove();
    expect(xAdapter.readPost(promoted)).toBeNull();

    expect(xAdapter.readPost(document.createElement('article'))).toBeNull();
    expect(xAdapter.markerAnchor(document.createElement('div'))).toBeNull();
  });

  it("anchors the marker on the outer tweet's name row, outside links", () => {
    const article = postElement(xAdapter, '1991000000000000004');
    const anchor = xAdapter.markerAnchor(article);
    expect(anchor?.getAttribute('data-testid')).toBe('User-Name');
    expect(anchor?.closest('div[role="link"]')).toBeNull();
    expect(anchor?.closest('a')).toBeNull();
  });

  it('opens the reply composer by clicking the tweet’s reply button, and reuses it', async () => {
    const stub = mountComposerOnClick('[data-testid="reply"]', 'x-reply-modal');
    const article = postElement(xAdapter, '1991000000000000003');
    const composer = await xAdapter.openReplyComposer(article, { timeoutMs: 1_000 });
    expect(composer?.getAttribute('data-testid')).toBe('tweetTextarea_0');
    expect(composer?.getAttribute('contenteditable')).toBe('true');
    expect(stub.clicks()).toBe(1);
    const again = await xAdapter.openReplyComposer(article, { timeoutMs: 1_000 });
    expect(again).toBe(composer);
    expect(stub.clicks()).toBe(1);
    stub.stop();
  });

  it('opens a modal again for a post whose modal the site since reused for another post', async () => {
    const first = postElement(xAdapter, '1991000000000000003');
    const second = postElement(xAdapter, '1991000000000000001');
    const stub = mountComposerOnClick('[data-testid="reply"]', 'x-reply-modal');
    const modal = await xAdapter.openReplyComposer(first, { timeoutMs: 1_000 });
    stub.stop();
    // X re-renders the open modal for the second tweet: the same editor now replies to it.
    const reused = openComposer({
      post: second,
      key: 'x:1991000000000000001',
      findTrigger: () => second.querySelector('[data-testid="reply"]'),
      findOwn: () => modal,
    });
    expect(await reused).toBe(modal);
    let clicks = 0;
    first.querySelector('[data-testid="reply"]')?.addEventListener('click', () => {
      clicks += 1;
    });
    await xAdapter.openReplyComposer(first, { timeoutMs: 50 });
    expect(clicks).toBe(1);
  });

  it('resolves null when no composer appears in time', async () => {
    const article = postElement(xAdapter, '1991000000000000005');
    expect(await xAdapter.openReplyComposer(article, { timeoutMs: 60 })).toBeNull();
  });
});
