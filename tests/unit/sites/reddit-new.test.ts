// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { redditNewAdapter } from '../../../lib/sites/reddit-new';
import {
  composerTemplate,
  expectSelectorCounts,
  FIXTURE_NOW,
  loadFixture,
  mountComposerOnClick,
  postElement,
  summarize,
} from './fixture-helpers';

const PAGE = 'https://www.reddit.com/r/BuyItForLife/comments/1gx0abc/does_acme_ship_to_canada/';

describe('reddit-new adapter on a post page fixture', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    loadFixture('reddit-new', PAGE);
  });
  afterEach(() => vi.useRealTimers());

  it('fixture markup has the selectors the adapter reads (light DOM)', () => {
    expectSelectorCounts(document, {
      'shreddit-post[id^="t3_"][author][permalink][created-timestamp]': 1,
      'shreddit-post [slot="text-body"]': 1,
      'shreddit-comment[thingid^="t1_"][author][permalink]': 4,
      'shreddit-comment [slot="comment"]': 4,
      'shreddit-comment faceplate-timeago > time[datetime]': 4,
      'shreddit-comment-action-row faceplate-tracker[noun="reply_comment"] button': 4,
      'faceplate-partial': 1,
    });
    const partial = document.querySelector('faceplate-partial');
    expect(partial?.shadowRoot?.querySelectorAll('shreddit-comment').length).toBe(1);
  });

  it('finds posts and comments, including those in open shadow roots', () => {
    expect(summarize(redditNewAdapter)).toEqual({
      found: 6,
      read: 6,
      withText: 6,
      withTime: 6,
      withExactTime: 6,
      withPermalink: 6,
      replies: 5,
      mentioningAcme: 3,
    });
    const ids = redditNewAdapter
      .findPosts(document)
      .map((element) => redditNewAdapter.readPost(element)?.postId);
    expect(ids).toEqual(['t3_1gx0abc', 't1_lx1aaa1', 't1_lx1bbb2', 't1_lx1ccc3', 't1_lx1ddd4', 't1_lx1eee5']);
  });

  it('reads the submission: title and body, exact time from created-timestamp', () => {
    expect(redditNewAdapter.readPost(postElement(redditNewAdapter, 't3_1gx0abc'))).toEqual({
      platform: 'reddit',
      postId: 't3_1gx0abc',
      permalink: 'https://www.reddit.com/r/BuyItForLife/comments/1gx0abc/does_acme_ship_to_canada/',
      author: { handle: 'canuck_buyer', displayName: null },
      text: 'Does Acme ship to Canada?\nThinking of ordering the Acme blender, but the checkout only lists US addresses.\nAnyone in Ontario had luck?',
      postedAt: '2026-11-20T09:15:00.000Z',
      postedAtEstimated: false,
      isReply: false,
      inReplyTo: null,
    });
  });

  it("reads a comment's own text only, not its nested replies", () => {
    expect(redditNewAdapter.readPost(postElement(redditNewAdapter, 't1_lx1aaa1'))).toEqual({
      platform: 'reddit',
      postId: 't1_lx1aaa1',
      permalink: 'https://www.reddit.com/r/BuyItForLife/comments/1gx0abc/comment/lx1aaa1/',
      author: { handle: 'jdoe_shop', displayName: null },
      text: 'My Acme order never arrived either, took three emails to get a refund.\nTheir chat support was quicker than email though.',
      postedAt: '2026-11-20T10:00:00.000Z',
      postedAtEstimated: false,
      isReply: true,
      inReplyTo: 't3_1gx0abc',
    });
  });

  it("reads the brand's own reply and what it replies to", () => {
    expect(redditNewAdapter.readPost(postElement(redditNewAdapter, 't1_lx1bbb2'))).toMatchObject({
      author: { handle: 'AcmeHelp' },
      isReply: true,
      inReplyTo: 't1_lx1aaa1',
      text: 'Hi! Sorry about that. We do ship to Canada now: send us a DM with your order number and we’ll check it 👍',
    });
  });

  it('finds posts under a subtree root, and inside a shadow host passed as root', () => {
    const tree = document.querySelector('shreddit-comment-tree');
    expect(tree && redditNewAdapter.findPosts(tree).length).toBe(5);
    const partial = document.querySelector('faceplate-partial');
    expect(partial && redditNewAdapter.findPosts(partial).length).toBe(1);
  });

  it('degrades on odd markup', () => {
    const comment = postElement(redditNewAdapter, 't1_lx1ccc3');
    comment.querySelector('[slot="comment"]')?.remove();
    for (const time of comment.querySelectorAll('faceplate-timeago')) time.remove();
    expect(redditNewAdapter.readPost(comment)).toMatchObject({ text: '', postedAt: null });
    comment.removeAttribute('author');
    expect(redditNewAdapter.readPost(comment)).toBeNull();
    expect(redditNewAdapter.readPost(document.createElement('shreddit-comment'))).toBeNull();
    expect(redditNewAdapter.markerAnchor(document.createElement('shreddit-comment'))).toBeNull();
  });

  it('reads no author for a deleted or removed account, so such posts never share one customer', () => {
    // Reddit keeps the text of a post or comment whose account is gone and names its author "[deleted]".
    const comment = postElement(redditNewAdapter, 't1_lx1ccc3');
    const post = postElement(redditNewAdapter, 't3_1gx0abc');
    for (const author of ['[deleted]', '[removed]', ' [deleted] ']) {
      comment.setAttribute('author', author);
      post.setAttribute('author', author);
      expect(redditNewAdapter.readPost(comment), author).toBeNull();
      expect(redditNewAdapter.readPost(post), author).toBeNull();
    }
  });

  it('anchors the marker inside the comment meta slot, outside the time link', () => {
    const comment = postElement(redditNewAdapter, 't1_lx1aaa1');
    const anchor = redditNewAdapter.markerAnchor(comment);
    expect(anchor?.parentElement?.getAttribute('slot')).toBe('commentMeta');
    expect(anchor?.closest('shreddit-comment')).toBe(comment);
    const post = postElement(redditNewAdapter, 't3_1gx0abc');
    expect(redditNewAdapter.markerAnchor(post)?.parentElement?.getAttribute('slot')).toBe('credit-bar');
  });

  it("opens a comment's reply composer inside that comment, and reuses it", async () => {
    const stub = mountComposerOnClick(
      'faceplate-tracker[noun="reply_comment"] button',
      'reddit-comment-composer',
      (trigger) => trigger.closest('shreddit-comment-action-row'),
    );
    const comment = postElement(redditNewAdapter, 't1_lx1ccc3');
    const editor = await redditNewAdapter.openReplyComposer(comment, { timeoutMs: 1_000 });
    expect(editor?.getAttribute('data-lexical-editor')).toBe('true');
    expect(editor?.closest('shreddit-comment')).toBe(comment);
    expect(await redditNewAdapter.openReplyComposer(comment, { timeoutMs: 1_000 })).toBe(editor);
    expect(stub.clicks()).toBe(1);
    stub.stop();
  });

  it("never clicks a composer's own buttons when the post's trigger is missing", async () => {
    // A comment's composer is expanded, with its Comment and Cancel buttons; the post's "Join the
    // conversation" trigger is not rendered (yet).
    const row = postElement(redditNewAdapter, 't1_lx1ccc3').querySelector('shreddit-comment-action-row');
    const composer = composerTemplate('reddit-comment-composer');
    const buttons = composer.querySelector('shreddit-composer');
    for (const [slot, label] of [
      ['submit-button', 'Comment'],
      ['cancel-button', 'Cancel'],
    ] as const) {
      const button = document.createElement('button');
      button.setAttribute('slot', slot);
      button.type = slot === 'submit-button' ? 'submit' : 'button';
      button.textContent = label;
      buttons?.append(button);
    }
    row?.append(composer);
    document.querySelector('comment-composer-host [data-testid="trigger-button"]')?.remove();
    const clicked: string[] = [];
    const controller = new AbortController();
    document.addEventListener('click', (event) => clicked.push((event.target as Element).textContent ?? ''), {
      capture: true,
      signal: controller.signal,
    });
    const post = postElement(redditNewAdapter, 't3_1gx0abc');
    expect(await redditNewAdapter.openReplyComposer(post, { timeoutMs: 50 })).toBeNull();
    expect(clicked).toEqual([]);
    controller.abort();
  });

  it('opens the post-level composer for the submission', async () => {
    const stub = mountComposerOnClick(
      'comment-composer-host [data-testid="trigger-button"]',
      'reddit-post-composer',
    );
    const editor = await redditNewAdapter.openReplyComposer(postElement(redditNewAdapter, 't3_1gx0abc'), {
      timeoutMs: 1_000,
    });
    expect(editor?.closest('comment-composer-host')).not.toBeNull();
    stub.stop();
  });
});
