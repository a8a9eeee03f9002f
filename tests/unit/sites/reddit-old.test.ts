// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { redditOldAdapter } from '../../../lib/sites/reddit-old';
import {
  expectSelectorCounts,
  FIXTURE_NOW,
  loadFixture,
  mountComposerOnClick,
  postElement,
  summarize,
} from './fixture-helpers';

const PAGE = 'https://old.reddit.com/r/BuyItForLife/comments/1gx0abc/does_acme_ship_to_canada/';

describe('reddit-old adapter on a comments page fixture', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    loadFixture('reddit-old', PAGE);
  });
  afterEach(() => vi.useRealTimers());

  it('fixture markup has the selectors the adapter reads', () => {
    expectSelectorCounts(document, {
      '.thing.link[data-fullname][data-author][data-permalink]': 1,
      '.thing.comment[data-fullname]': 6,
      '.thing.comment[data-author]': 5,
      '.thing .entry .tagline time[datetime]': 7,
      '.thing .usertext-body .md': 7,
      '.thing .buttons a.bylink': 7,
      '.thing .buttons a[onclick*="reply"]': 5,
      '.commentarea > form.usertext textarea[name="text"]': 1,
    });
  });

  it('finds every thing and reads all but the deleted comment', () => {
    expect(summarize(redditOldAdapter)).toEqual({
      found: 7,
      read: 6,
      withText: 6,
      withTime: 6,
      withExactTime: 6,
      withPermalink: 6,
      replies: 5,
      mentioningAcme: 3,
    });
  });

  it('reads the link post with title and self text', () => {
    expect(redditOldAdapter.readPost(postElement(redditOldAdapter, 't3_1gx0abc'))).toEqual({
      platform: 'reddit',
      postId: 't3_1gx0abc',
      permalink: 'https://old.reddit.com/r/BuyItForLife/comments/1gx0abc/does_acme_ship_to_canada/',
      author: { handle: 'canuck_buyer', displayName: null },
      text: 'Does Acme ship to Canada?\nThinking of ordering the Acme blender, but the checkout only lists US addresses.\nAnyone in Ontario had luck?',
      postedAt: '2026-11-20T09:15:00.000Z',
      postedAtEstimated: false,
      isReply: false,
      inReplyTo: null,
    });
  });

  it("reads a parent comment's own text, and the brand's nested reply with its parent", () => {
    expect(redditOldAdapter.readPost(postElement(redditOldAdapter, 't1_lx1aaa1'))).toMatchObject({
      author: { handle: 'jdoe_shop', displayName: null },
      text: 'My Acme order never arrived either, took three emails to get a refund.\nTheir chat support was quicker than email though.',
      inReplyTo: 't3_1gx0abc',
      permalink: 'https://old.reddit.com/r/BuyItForLife/comments/1gx0abc/does_acme_ship_to_canada/lx1aaa1/',
    });
    expect(redditOldAdapter.readPost(postElement(redditOldAdapter, 't1_lx1bbb2'))).toMatchObject({
      author: { handle: 'AcmeHelp' },
      isReply: true,
      inReplyTo: 't1_lx1aaa1',
      text: "Hi! Sorry about that. We do ship to Canada now: send us a DM with your order number and we'll check it 👍",
      postedAt: '2026-11-20T11:20:00.000Z',
    });
  });

  it('degrades on odd markup', () => {
    const thing = postElement(redditOldAdapter, 't1_lx1ccc3');
    thing.querySelector('.tagline time')?.remove();
    thing.removeAttribute('data-permalink');
    for (const link of thing.querySelectorAll('a.bylink')) link.remove();
    expect(redditOldAdapter.readPost(thing)).toMatchObject({
      postedAt: null,
      permalink: null,
      inReplyTo: null,
    });
    thing.setAttribute('data-fullname', 'javascript:alert(1)');
    expect(redditOldAdapter.readPost(thing)).toBeNull();
  });

  it('reads no author for a deleted account, so its comments never share one customer', () => {
    // Old Reddit keeps the text of a comment whose account is gone, with data-author="[deleted]".
    const thing = postElement(redditOldAdapter, 't1_lx1ccc3');
    const link = postElement(redditOldAdapter, 't3_1gx0abc');
    for (const author of ['[deleted]', '[removed]']) {
      thing.setAttribute('data-author', author);
      link.setAttribute('data-author', author);
      expect(redditOldAdapter.readPost(thing), author).toBeNull();
      expect(redditOldAdapter.readPost(link), author).toBeNull();
    }
  });

  it('anchors the marker after the time in the tagline', () => {
    const thing = postElement(redditOldAdapter, 't1_lx1aaa1');
    const anchor = redditOldAdapter.markerAnchor(thing);
    expect(anchor?.localName).toBe('time');
    expect(anchor?.closest('.thing')).toBe(thing);
  });

  it("opens the reply form cloned into the comment's .child", async () => {
    const stub = mountComposerOnClick(
      '.buttons a[onclick*="reply"]',
      'reddit-old-reply',
      (trigger) => trigger.closest('.thing')?.querySelector(':scope > .child') ?? null,
    );
    const thing = postElement(redditOldAdapter, 't1_lx1ccc3');
    const textarea = await redditOldAdapter.openReplyComposer(thing, { timeoutMs: 1_000 });
    expect(textarea?.localName).toBe('textarea');
    expect(textarea?.closest('.thing')).toBe(thing);
    expect(stub.clicks()).toBe(1);
    stub.stop();
  });

  it("returns the link's always-open comment form without clicking", async () => {
    const textarea = await redditOldAdapter.openReplyComposer(postElement(redditOldAdapter, 't3_1gx0abc'), {
      timeoutMs: 100,
    });
    expect(textarea?.closest('.commentarea')).not.toBeNull();
  });
});
