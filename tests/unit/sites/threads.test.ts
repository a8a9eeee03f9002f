// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { threadsAdapter } from '../../../lib/sites/threads';
import {
  expectSelectorCounts,
  FIXTURE_NOW,
  loadFixture,
  mountComposerOnClick,
  postElement,
  setPageUrl,
  summarize,
} from './fixture-helpers';

const PAGE = 'https://www.threads.com/@janedoe/post/DCxJane01';

describe('threads adapter on a post page fixture', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    loadFixture('threads', PAGE);
  });
  afterEach(() => vi.useRealTimers());

  it('fixture markup has the selectors the adapter reads', () => {
    expectSelectorCounts(document, {
      '[data-pagelet^="threads_post_page_"]': 8,
      '[data-pressable-container]': 10,
      '[data-pressable-container] [data-pressable-container]': 1,
      'a[href*="/post/"] > time[datetime]': 10,
      'svg[aria-label="Reply"]': 9,
      'a[href*="l.threads.com"] span[dir="auto"]': 2,
    });
  });

  it('finds top-level posts (not the quoted one) and reads them', () => {
    expect(summarize(threadsAdapter)).toEqual({
      found: 9,
      read: 9,
      withText: 9,
      withTime: 9,
      withExactTime: 9,
      withPermalink: 9,
      replies: 8,
      mentioningAcme: 3,
    });
  });

  it('reads the focused post exactly', () => {
    expect(threadsAdapter.readPost(postElement(threadsAdapter, 'DCxJane01'))).toEqual({
      platform: 'threads',
      postId: 'DCxJane01',
      permalink: 'https://www.threads.com/@janedoe/post/DCxJane01',
      author: { handle: 'janedoe', displayName: null },
      text: '@acmehelp my order never arrived 😡\nOrdered on the 2nd and tracking hasn’t moved.',
      postedAt: '2026-11-20T12:00:00.000Z',
      postedAtEstimated: false,
      isReply: false,
      inReplyTo: null,
    });
  });

  it('reads reply chains: the brand replies to the focused post, the next post to the brand', () => {
    expect(threadsAdapter.readPost(postElement(threadsAdapter, 'DCxAcmeR1'))).toMatchObject({
      author: { handle: 'acmehelp' },
      text: 'Sorry to hear that, Jane! Please DM us your order number 🙏',
      isReply: true,
      inReplyTo: 'DCxJane01',
    });
    expect(threadsAdapter.readPost(postElement(threadsAdapter, 'DCxJane02'))).toMatchObject({
      text: 'Done, thanks!',
      inReplyTo: 'DCxAcmeR1',
    });
    expect(threadsAdapter.readPost(postElement(threadsAdapter, 'DCxRuns06'))?.text).toBe(
      'Same thing happened to me last month.\nIt showed up a week late.',
    );
  });

  it("reads a self-thread: each part answers the author's part before it, replies below the focused post", () => {
    expect(threadsAdapter.readPost(postElement(threadsAdapter, 'DCxJane1b'))).toMatchObject({
      author: { handle: 'janedoe' },
      text: 'Support chat closed on me twice this morning.',
      isReply: true,
      inReplyTo: 'DCxJane01',
    });
    expect(threadsAdapter.readPost(postElement(threadsAdapter, 'DCxJane1c'))).toMatchObject({
      author: { handle: 'janedoe' },
      isReply: true,
      inReplyTo: 'DCxJane1b',
    });
    expect(threadsAdapter.readPost(postElement(threadsAdapter, 'DCxSam003'))?.inReplyTo).toBe('DCxJane01');
  });

  it("opens the reply to a self-thread's part from that part's own Reply button", async () => {
    let clicked: Element | null = null;
    const stub = mountComposerOnClick(
      '[role="button"]:has(> svg[aria-label="Reply"])',
      'threads-reply-dialog',
      (trigger) => {
        clicked = trigger;
        return document.querySelector('[data-fixture-composer-slot="threads-reply-dialog"]');
      },
    );
    const part = postElement(threadsAdapter, 'DCxJane1c');
    expect(await threadsAdapter.openReplyComposer(part, { timeoutMs: 1_000 })).not.toBeNull();
    expect(clicked && part.contains(clicked)).toBe(true);
    stub.stop();
  });

  it("keeps a link preview card's site and headline out of the post's text", () => {
    const post = threadsAdapter.readPost(postElement(threadsAdapter, 'DCxRuns06'));
    expect(post?.text).toBe('Same thing happened to me last month.\nIt showed up a week late.');
    expect(post?.text).not.toMatch(/Acme|news\.example/);
  });

  it("keeps a quoted post's text, author and time out of the quoting post", () => {
    expect(threadsAdapter.readPost(postElement(threadsAdapter, 'DCxPriya4'))).toMatchObject({
      author: { handle: 'priya.travels' },
      text: 'Does Acme ship to Canada? Asking for this move 👇',
      postedAt: '2026-11-20T13:40:00.000Z',
    });
    const quoted = document.querySelector('[data-pressable-container] [data-pressable-container]');
    expect(quoted && threadsAdapter.readPost(quoted)).toBeNull();
  });

  it('outside a post page nothing is taken for a reply', () => {
    setPageUrl('https://www.threads.com/');
    expect(threadsAdapter.readPost(postElement(threadsAdapter, 'DCxAcmeR1'))?.isReply).toBe(false);
  });

  it('degrades on odd markup', () => {
    const post = postElement(threadsAdapter, 'DCxGold05');
    for (const link of post.querySelectorAll('a[href="/@golden.hour"]')) link.remove();
    expect(threadsAdapter.readPost(post)?.author.handle).toBe('golden.hour'); // from the permalink
    post.querySelector('a[href*="/post/"]')?.remove();
    expect(threadsAdapter.readPost(post)).toBeNull();
  });

  it('anchors the marker after the permalink', () => {
    const anchor = threadsAdapter.markerAnchor(postElement(threadsAdapter, 'DCxSam003'));
    expect(anchor?.getAttribute('href')).toBe('/@samlee/post/DCxSam003');
  });

  it('opens the reply dialog from the Reply icon button', async () => {
    const stub = mountComposerOnClick(
      '[role="button"]:has(> svg[aria-label="Reply"])',
      'threads-reply-dialog',
    );
    const post = postElement(threadsAdapter, 'DCxSam003');
    const editor = await threadsAdapter.openReplyComposer(post, { timeoutMs: 1_000 });
    expect(editor?.closest('[role="dialog"]')).not.toBeNull();
    expect(stub.clicks()).toBe(1);
    stub.stop();
  });
});
