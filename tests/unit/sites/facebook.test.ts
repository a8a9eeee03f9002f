// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { facebookAdapter } from '../../../lib/sites/facebook';
import {
  composerTemplate,
  expectSelectorCounts,
  FIXTURE_NOW,
  loadFixture,
  mountComposerOnClick,
  postElement,
  readAll,
  summarize,
} from './fixture-helpers';

const FEED = 'https://www.facebook.com/';

describe('facebook adapter on a feed fixture', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    loadFixture('facebook', FEED);
  });
  afterEach(() => vi.useRealTimers());

  it('fixture markup has the hooks the adapter reads', () => {
    expectSelectorCounts(document, {
      '[role="feed"]': 1,
      '[aria-label="Actions for this post"]': 5,
      '[aria-posinset]': 4,
      '[data-ad-rendering-role="profile_name"] a[href]': 7,
      '[data-ad-preview="message"]': 6,
      '[role="article"][aria-label^="Comment by "]': 3,
      '[role="article"][aria-label^="Reply by "]': 1,
      'a[href*="comment_id="]': 12,
      'form[role="presentation"] [contenteditable="true"][role="textbox"]': 1,
    });
  });

  it('finds posts by their actions button, and comments by label', () => {
    expect(summarize(facebookAdapter)).toEqual({
      found: 9,
      read: 9,
      withText: 8,
      withTime: 8,
      withExactTime: 0,
      withPermalink: 8,
      replies: 4,
      mentioningAcme: 4,
    });
    // The unit without aria-posinset was marked so the adapter's postSelector matches it.
    for (const element of facebookAdapter.findPosts(document)) {
      expect(element.matches(facebookAdapter.postSelector)).toBe(true);
    }
    expect(document.querySelectorAll('[data-parley-fb-post]').length).toBe(1);
  });

  it('reads a feed post (relative time, estimated; tracking params dropped; "See more" skipped)', () => {
    expect(facebookAdapter.readPost(postElement(facebookAdapter, 'pfbid02JnDoe4OrderQ'))).toEqual({
      platform: 'facebook',
      postId: 'pfbid02JnDoe4OrderQ',
      permalink: 'https://www.facebook.com/jane.doe.5821/posts/pfbid02JnDoe4OrderQ',
      author: { handle: 'jane.doe.5821', displayName: 'Jane Doe' },
      text: 'Acme Help my order never arrived 😡\nOrdered two weeks ago and still nothing.',
      postedAt: '2026-11-20T12:00:00.000Z',
      postedAtEstimated: true,
      isReply: false,
      inReplyTo: null,
    });
  });

  it("takes a post's id from its own timestamp link, never from the post it shares", () => {
    // Priya's own timestamp link has no permalink yet; the shared post's timestamp and photo links do.
    const priya = () =>
      readAll(facebookAdapter).find((post) => !post.isReply && post.author.handle === '100064221133');
    expect(priya()).toMatchObject({ permalink: null, postedAt: null });
    expect(priya()?.postId).toMatch(/^h[0-9a-f]{8}$/);
    expect(facebookAdapter.readPost(postElement(facebookAdapter, 'pfbid0TomShare8Lnt'))).toMatchObject({
      permalink: 'https://www.facebook.com/tom.baker.921/posts/pfbid0TomShare8Lnt',
      postedAt: '2026-11-20T14:40:00.000Z',
    });
    // Once Tom's link is not filled in either, the two shares of one post still keep their own keys.
    postElement(facebookAdapter, 'pfbid0TomShare8Lnt')
      .querySelector('a[href*="pfbid0TomShare8Lnt"]')
      ?.setAttribute('href', '#');
    const ids = readAll(facebookAdapter)
      .filter((post) => !post.isReply)
      .map((post) => post.postId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('pfbid0Nwd7Lantern4K');
    // Nor does the shared post's photo supply one.
    for (const link of document.querySelectorAll('a[href*="pfbid0Nwd7Lantern4K"]')) link.remove();
    expect(priya()?.postId).toMatch(/^h[0-9a-f]{8}$/);
  });

  it('keeps two wordless shares by one person apart while neither has its permalink', () => {
    const tom = postElement(facebookAdapter, 'pfbid0TomShare8Lnt');
    tom.querySelector('a[href*="pfbid0TomShare8Lnt"]')?.setAttribute('href', '#');
    const second = tom.cloneNode(true) as Element;
    for (const link of second.querySelectorAll('a[href*="pfbid0Nwd7Lantern4K"]'))
      link.setAttribute(
        'href',
        (link.getAttribute('href') ?? '').replace('pfbid0Nwd7Lantern4K', 'pfbid0Other2Post'),
      );
    tom.after(second);
    const first = facebookAdapter.readPost(tom);
    const other = facebookAdapter.readPost(second);
    expect(first?.postId).toMatch(/^h[0-9a-f]{8}$/);
    expect(other?.postId).toMatch(/^h[0-9a-f]{8}$/);
    expect(other?.postId).not.toBe(first?.postId);
  });

  it("reads only a share's own words, never the shared post's", () => {
    // Tom shared Northwind's post without a word of his own; Priya added hers above it.
    expect(facebookAdapter.readPost(postElement(facebookAdapter, 'pfbid0TomShare8Lnt'))).toMatchObject({
      author: { handle: 'tom.baker.921', displayName: 'Tom Baker' },
      text: '',
    });
    const priya = readAll(facebookAdapter).find(
      (post) => !post.isReply && post.author.handle === '100064221133',
    );
    expect(priya?.text).toBe(
      'Has anyone tried one of these? Thinking of getting two for our camping trip ⛺',
    );
  });

  it('parses "Yesterday at 7:12 PM" as local time', () => {
    const post = facebookAdapter.readPost(postElement(facebookAdapter, 'pfbid0Sunset9Bay'));
    expect(post?.postedAt).toBe(new Date(2026, 10, 19, 19, 12).toISOString());
    expect(post?.author).toEqual({ handle: 'goldenhourphoto', displayName: 'Golden Hour Photography' });
  });

  it('reads comments with their post, and the brand reply with its parent comment', () => {
    expect(facebookAdapter.readPost(postElement(facebookAdapter, '1120334455667788'))).toEqual({
      platform: 'facebook',
      postId: '1120334455667788',
      permalink: 'https://www.facebook.com/acmehelp/posts/pfbid0Acme3Launch7xQ?comment_id=1120334455667788',
      author: { handle: 'sam.lee.77', displayName: 'Sam Lee' },
      text: 'Loving the new Acme app! 😍',
      postedAt: '2026-11-20T13:00:00.000Z',
      postedAtEstimated: true,
      isReply: true,
      inReplyTo: 'pfbid0Acme3Launch7xQ',
    });
    expect(facebookAdapter.readPost(postElement(facebookAdapter, '1120334455669999'))).toMatchObject({
      author: { handle: 'acmehelp', displayName: 'Acme Help' },
      text: 'Thanks Sam! Glad you like it 💙',
      inReplyTo: '1120334455667788',
    });
    expect(facebookAdapter.readPost(postElement(facebookAdapter, '1120334455671111'))).toMatchObject({
      author: { handle: '100064221133', displayName: 'Priya Raman' },
      text: 'Does Acme ship to Canada?\nAsking for my sister in Toronto.',
    });
  });

  it("keeps a post's own text and links apart from its comments", () => {
    const post = facebookAdapter.readPost(postElement(facebookAdapter, 'pfbid0Acme3Launch7xQ'));
    expect(post?.text).toBe(
      'Acme App 3.0 is live today: faster checkout, dark mode and live order tracking 🚀',
    );
    expect(post?.author.handle).toBe('acmehelp');
  });

  it('degrades on odd markup', () => {
    const comment = postElement(facebookAdapter, '1120334455672222');
    for (const link of comment.querySelectorAll('a[href*="comment_id="]')) link.setAttribute('href', '#');
    expect(facebookAdapter.readPost(comment)).toBeNull();
    const post = postElement(facebookAdapter, 'pfbid02JnDoe4OrderQ');
    for (const link of post.querySelectorAll('a[href*="/posts/"]')) link.remove();
    const keyed = facebookAdapter.readPost(post);
    expect(keyed?.postId).toMatch(/^h[0-9a-f]{8}$/);
    expect(keyed).toMatchObject({ permalink: null, postedAt: null, author: { handle: 'jane.doe.5821' } });
    expect(facebookAdapter.readPost(document.createElement('div'))).toBeNull();
  });

  it('anchors markers by the author name (posts) and after the time link (comments)', () => {
    const post = postElement(facebookAdapter, 'pfbid02JnDoe4OrderQ');
    expect(facebookAdapter.markerAnchor(post)?.getAttribute('data-ad-rendering-role')).toBe('profile_name');
    const comment = postElement(facebookAdapter, '1120334455667788');
    const anchor = facebookAdapter.markerAnchor(comment);
    expect(anchor?.localName).toBe('a');
    expect(anchor?.textContent).toBe('2h');
  });

  it("opens a comment's reply box by clicking its Reply button", async () => {
    const stub = mountComposerOnClick('[role="article"] li [role="button"]', 'facebook-reply', () =>
      document.querySelector('[data-fixture-composer-slot="facebook-reply-1120334455667788"]'),
    );
    const comment = postElement(facebookAdapter, '1120334455667788');
    const box = await facebookAdapter.openReplyComposer(comment, { timeoutMs: 1_000 });
    expect(box?.getAttribute('aria-label')).toBe('Reply to Sam Lee');
    expect(box?.getAttribute('data-lexical-editor')).toBe('true');
    expect(await facebookAdapter.openReplyComposer(comment, { timeoutMs: 1_000 })).toBe(box);
    expect(stub.clicks()).toBe(1);
    stub.stop();
  });

  it("puts a post's comment in its own box, not in another comment's open reply box", async () => {
    // Sam's "Reply to Sam Lee" box is open: it sits in his thread, ahead of the post's box.
    document
      .querySelector('[data-fixture-composer-slot="facebook-reply-1120334455667788"]')
      ?.append(composerTemplate('facebook-reply'));
    const box = await facebookAdapter.openReplyComposer(
      postElement(facebookAdapter, 'pfbid0Acme3Launch7xQ'),
      {
        timeoutMs: 100,
      },
    );
    expect(box?.getAttribute('aria-label')).toBe('Write a comment…');
  });

  it('takes the editor that opens under the post, not a chat window that pops up meanwhile', async () => {
    const post = postElement(facebookAdapter, 'pfbid02JnDoe4OrderQ');
    const slot = document.querySelector('[data-fixture-composer-slot="facebook-comment-box-1"]');
    const controller = new AbortController();
    document.addEventListener(
      'click',
      (event) => {
        if (!(event.target as Element).closest('[aria-label="Leave a comment"]')) return;
        const chat = document.createElement('div');
        chat.setAttribute('aria-label', 'Chat with Sam Lee');
        chat.innerHTML = '<div contenteditable="true" role="textbox" aria-label="Message"></div>';
        setTimeout(() => document.body.append(chat), 5);
        setTimeout(() => {
          const form = composerTemplate('facebook-reply');
          form.querySelector('[role="textbox"]')?.setAttribute('aria-label', 'Write a comment…');
          slot?.append(form);
        }, 40);
      },
      { capture: true, signal: controller.signal },
    );
    const box = await facebookAdapter.openReplyComposer(post, { timeoutMs: 1_000 });
    expect(box?.getAttribute('aria-label')).toBe('Write a comment…');
    expect(post.contains(box ?? null)).toBe(true);
    controller.abort();
  });

  it("never clicks an open comment box's send button, which is also labelled Comment", async () => {
    // The post's comment control is in a language the list does not know, its own box is closed, and
    // Sam's "Reply to Sam Lee" box is open in his thread with a draft: that box's send reads "Comment".
    const post = postElement(facebookAdapter, 'pfbid0Acme3Launch7xQ');
    post.querySelector('[aria-label="Leave a comment"]')?.setAttribute('aria-label', 'Écrire un commentaire');
    post.querySelector('[aria-label="Write a comment…"]')?.closest('form')?.remove();
    const reply = composerTemplate('facebook-reply');
    const form = reply.querySelector('form') as HTMLFormElement;
    const send = document.createElement('div');
    send.setAttribute('role', 'button');
    send.setAttribute('aria-label', 'Comment');
    let sent = 0;
    send.addEventListener('click', () => {
      sent += 1;
    });
    form.append(send);
    document.querySelector('[data-fixture-composer-slot="facebook-reply-1120334455667788"]')?.append(reply);
    expect(await facebookAdapter.openReplyComposer(post, { timeoutMs: 100 })).toBeNull();
    expect(sent).toBe(0);
  });

  it("returns a post's open comment box without clicking", async () => {
    const box = await facebookAdapter.openReplyComposer(
      postElement(facebookAdapter, 'pfbid0Acme3Launch7xQ'),
      {
        timeoutMs: 100,
      },
    );
    expect(box?.getAttribute('aria-label')).toBe('Write a comment…');
  });
});
