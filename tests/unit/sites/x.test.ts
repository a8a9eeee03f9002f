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

  describe('on a long /status/ page as X mounts and unmounts its cells', () => {
    const CELL = '[data-testid="cellInnerDiv"]';
    // Each test talks about its own conversation: what is learned about one is kept for the page.
    let conversation = 0;
    let prefix = '';
    const id = (index: number) => `${prefix}${String(index).padStart(3, '0')}`;
    const cellOf = (index: number) =>
      document.querySelector(`${CELL} a[href$="/status/${id(index)}"]`)?.closest(CELL) ?? null;
    const read = (index: number) => {
      const article = cellOf(index)?.querySelector('article');
      if (!article) throw new Error(`tweet ${index} is not mounted`);
      return xAdapter.readPost(article);
    };
    const replyToFocal = () => ({ isReply: true, inReplyTo: id(0) });
    const notAReply = { isReply: false, inReplyTo: null };
    /** Cells in page order, each a tweet's index (0 is the focal tweet) or a heading cell. */
    const mount = (layout: Array<number | 'heading'>): Element => {
      const tweetModel = postElement(xAdapter, '1991000000000000003').closest(CELL);
      const headingModel = document.querySelector(`${CELL} h2[role="heading"]`)?.closest(CELL);
      const list = tweetModel?.parentElement;
      if (!tweetModel || !headingModel || !list) throw new Error('fixture changed');
      list.replaceChildren(
        ...layout.map((entry) => {
          const cell = (entry === 'heading' ? headingModel : tweetModel).cloneNode(true) as Element;
          if (entry === 'heading') return cell;
          for (const link of cell.querySelectorAll('a[href*="/status/1991000000000000003"]')) {
            link.setAttribute(
              'href',
              (link.getAttribute('href') ?? '').replace('1991000000000000003', id(entry)),
            );
          }
          return cell;
        }),
      );
      setPageUrl(`https://x.com/janedoe/status/${id(0)}`);
      return list;
    };
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const unmountThrough = (list: Element, index: number) => {
      const last = cellOf(index);
      while (list.firstElementChild && last?.isConnected) list.firstElementChild.remove();
    };

    beforeEach(() => {
      conversation += 1;
      prefix = `19920000000000${String(conversation).padStart(2, '0')}`;
    });

    it('a reply far down stays a reply once the focal tweet and the replies read before unmount, and is placed once', () => {
      const list = mount(range(0, 80));
      expect(read(3)).toMatchObject(replyToFocal());
      unmountThrough(list, 40);
      expect(read(70)).toMatchObject(replyToFocal());

      // Read again (every change to the tweet re-reads it): no other cell is looked at.
      const article = cellOf(70)?.querySelector('article') as Element;
      const one = vi.spyOn(Element.prototype, 'querySelector');
      const all = vi.spyOn(Element.prototype, 'querySelectorAll');
      try {
        expect(xAdapter.readPost(article)).toMatchObject(replyToFocal());
        const elsewhere = [...one.mock.contexts, ...all.mock.contexts].filter(
          (scope) => !article.contains(scope as Node),
        );
        expect(elsewhere).toEqual([]);
      } finally {
        one.mockRestore();
        all.mockRestore();
      }
    });

    it('a reply far down after the photo viewer was opened and closed is a reply', () => {
      const list = mount(range(0, 80));
      expect(read(3)).toMatchObject(replyToFocal());
      // The viewer opens over the page, whose tweets are still read as they change.
      setPageUrl(`https://x.com/janedoe/status/${id(0)}/photo/1`);
      expect(read(4)).toMatchObject(replyToFocal());
      setPageUrl(`https://x.com/janedoe/status/${id(0)}`);
      unmountThrough(list, 39);
      expect(read(45)).toMatchObject(replyToFocal());
    });

    it('keeps what it learned about the conversation while the photo viewer is open', () => {
      const list = mount([...range(0, 50), 'heading', ...range(51, 90)]);
      expect(read(3)).toMatchObject(replyToFocal());
      expect(read(52)).toMatchObject(notAReply);
      setPageUrl(`https://x.com/janedoe/status/${id(0)}/photo/1`);
      expect(read(53)).toMatchObject(notAReply);
      setPageUrl(`https://x.com/janedoe/status/${id(0)}`);
      // The heading is gone; the suggestion read under it is remembered.
      unmountThrough(list, 51);
      expect(read(80)).toMatchObject(notAReply);
    });

    it('the thread above the focal tweet does not reply to it, read before or after the focal tweet unmounts', () => {
      mount([101, 102, 0, ...range(1, 5)]);
      expect(read(101)).toMatchObject(notAReply);
      expect(read(3)).toMatchObject(replyToFocal());
      cellOf(0)?.remove();
      expect(read(102)).toMatchObject(notAReply);
    });

    it('a suggestion far under the heading is not a reply once a heading has been seen', () => {
      const list = mount([...range(0, 5), 'heading', ...range(6, 90)]);
      expect(read(7)).toMatchObject(notAReply);
      unmountThrough(list, 40);
      expect(read(85)).toMatchObject(notAReply);
    });

    it('a reply with the heading below it in reach is a reply, though nothing above tells', () => {
      const list = mount([...range(0, 60), 'heading', ...range(61, 70)]);
      unmountThrough(list, 20);
      expect(read(58)).toMatchObject(replyToFocal());
      expect(read(65)).toMatchObject(notAReply);
    });
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
