// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { linkedInLegacyAdapter } from '../../../lib/sites/linkedin-legacy';
import { linkedInNewAdapter } from '../../../lib/sites/linkedin-new';
import {
  composerTemplate,
  expectSelectorCounts,
  FIXTURE_NOW,
  loadFixture,
  mountComposerOnClick,
  postElement,
  summarize,
} from './fixture-helpers';

const FEED = 'https://www.linkedin.com/feed/';
const POST_2 = 'urn:li:activity:7529196788121777092';
const SAM = 'urn:li:comment:(activity:7529196788121777092,7529528976998646997)';
const BRAND_REPLY = 'urn:li:comment:(activity:7529196788121777092,7529536526745916902)';

describe('linkedin-legacy adapter on a feed fixture', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    loadFixture('linkedin-legacy', FEED);
  });
  afterEach(() => vi.useRealTimers());

  it('fixture markup has the selectors the adapter reads', () => {
    expectSelectorCounts(document, {
      '.feed-shared-update-v2[data-urn]': 4,
      '.update-components-actor__title': 5,
      '.update-components-text': 9,
      '.feed-shared-update-v2__update-content-wrapper': 1,
      'article.comments-comment-entity[data-id]': 4,
      'article.comments-comment-entity--reply': 1,
      '.comments-comment-meta__description-title': 4,
      'button.comments-comment-social-bar__reply-action-button--cr': 4,
      '.comments-comment-box .ql-editor[contenteditable="true"]': 1,
    });
  });

  it('finds updates and comments; times come from the ids (exact)', () => {
    expect(summarize(linkedInLegacyAdapter)).toEqual({
      found: 8,
      read: 8,
      withText: 8,
      withTime: 8,
      withExactTime: 8,
      withPermalink: 8,
      replies: 4,
      mentioningAcme: 4,
    });
  });

  it('reads an update exactly (visible name copy only, paragraph break kept)', () => {
    expect(
      linkedInLegacyAdapter.readPost(
        postElement(linkedInLegacyAdapter, 'urn:li:activity:7529513877504107187'),
      ),
    ).toEqual({
      platform: 'linkedin',
      postId: 'urn:li:activity:7529513877504107187',
      permalink: 'https://www.linkedin.com/feed/update/urn:li:activity:7529513877504107187/',
      author: { handle: 'jane-doe-5821', displayName: 'Jane Doe' },
      text: 'Acme Help my order never arrived 😡\nOrdered two weeks ago and tracking has not moved.',
      postedAt: '2026-11-20T12:00:00.000Z',
      postedAtEstimated: false,
      isReply: false,
      inReplyTo: null,
    });
  });

  it('excludes the reshared update from the resharing post', () => {
    const post = linkedInLegacyAdapter.readPost(
      postElement(linkedInLegacyAdapter, 'urn:li:activity:7526931863962060825'),
    );
    expect(post?.author).toEqual({ handle: 'tom-baker-921', displayName: 'Tom Baker' });
    expect(post?.text).toBe('Great team, worth a look if you are job hunting.');
  });

  it('reads comments and the brand reply with its parent comment', () => {
    expect(linkedInLegacyAdapter.readPost(postElement(linkedInLegacyAdapter, SAM))).toEqual({
      platform: 'linkedin',
      postId: SAM,
      permalink: `https://www.linkedin.com/feed/update/${POST_2}/?commentUrn=${encodeURIComponent(SAM)}`,
      author: { handle: 'sam-lee-77', displayName: 'Sam Lee' },
      text: 'Loving the new Acme app!',
      postedAt: '2026-11-20T13:00:00.000Z',
      postedAtEstimated: false,
      isReply: true,
      inReplyTo: POST_2,
    });
    expect(linkedInLegacyAdapter.readPost(postElement(linkedInLegacyAdapter, BRAND_REPLY))).toMatchObject({
      author: { handle: 'acmehelp', displayName: 'Acme Help' },
      text: 'Thanks Sam, glad you like it! 💙',
      inReplyTo: SAM,
    });
    // A parent comment's text does not include its replies.
    expect(linkedInLegacyAdapter.readPost(postElement(linkedInLegacyAdapter, SAM))?.text).not.toMatch(
      /Thanks/,
    );
  });

  it('files a reply to a reply under whom it answers: LinkedIn puts it under the top comment, opening with a mention', () => {
    const reply = postElement(linkedInLegacyAdapter, BRAND_REPLY);
    const text = reply.querySelector('.comments-comment-item__main-content .update-components-text > span');
    if (!text) throw new Error('no reply text');
    // The brand answers Priya's reply in Sam's thread: LinkedIn lists it under Sam's comment and starts
    // it with the mention its reply box fills in.
    const mention = (href: string, name: string) =>
      `<a class="ZFPQIfcMjUIcpOazRqwHNbkyBJvCKLMvMM " href="${href}" data-test-app-aware-link="">${name}</a>`;
    text.innerHTML = `${mention('https://www.linkedin.com/in/priya-raman/', 'Priya Raman')} thanks Priya, fixed in 3.0.1`;
    expect(linkedInLegacyAdapter.readPost(reply)).toMatchObject({
      text: 'Priya Raman thanks Priya, fixed in 3.0.1',
      isReply: true,
      inReplyTo: 'priya-raman',
    });
    // Mentioning the thread's own author, or a mention later in the text, still answers the comment above.
    text.innerHTML = `${mention('https://www.linkedin.com/in/sam-lee-77/', 'Sam Lee')} thanks Sam, fixed in 3.0.1`;
    expect(linkedInLegacyAdapter.readPost(reply)?.inReplyTo).toBe(SAM);
    text.innerHTML = `Thanks, ${mention('https://www.linkedin.com/in/priya-raman/', 'Priya Raman')} too`;
    expect(linkedInLegacyAdapter.readPost(reply)?.inReplyTo).toBe(SAM);
    // A top-level comment opening with a mention answers the post.
    const top = postElement(linkedInLegacyAdapter, SAM);
    const topText = top.querySelector(
      ':scope > .comments-comment-entity__content .update-components-text > span',
    );
    if (!topText) throw new Error('no comment text');
    topText.innerHTML = `${mention('https://www.linkedin.com/company/acmehelp/', 'Acme Help')} loving the new app!`;
    expect(linkedInLegacyAdapter.readPost(top)?.inReplyTo).toBe(POST_2);
  });

  it('takes a mention for the comment above when it links its author another way or shows their name', () => {
    const reply = postElement(linkedInLegacyAdapter, BRAND_REPLY);
    const text = reply.querySelector('.comments-comment-item__main-content .update-components-text > span');
    if (!text) throw new Error('no reply text');
    const mention = (href: string, name: string) =>
      `<a class="ZFPQIfcMjUIcpOazRqwHNbkyBJvCKLMvMM " href="${href}" data-test-app-aware-link="">${name}</a>`;
    // The pre-filled mention links Sam by member id; his header links his vanity slug.
    text.innerHTML = `${mention('https://www.linkedin.com/in/ACoAABx7Ez0BkQ9/', 'Sam Lee')} fixed in 3.0.1`;
    expect(linkedInLegacyAdapter.readPost(reply)?.inReplyTo).toBe(SAM);
    // His avatar links the member id, and the mention (cut to his first name) links it too.
    const sam = postElement(linkedInLegacyAdapter, SAM);
    sam
      .querySelector(':scope > .comments-comment-meta__container > a.comments-comment-meta__image-link')
      ?.setAttribute('href', 'https://www.linkedin.com/in/ACoAABx7Ez0BkQ9/');
    text.innerHTML = `${mention('https://www.linkedin.com/in/ACoAABx7Ez0BkQ9/', 'Sam')} fixed in 3.0.1`;
    expect(linkedInLegacyAdapter.readPost(reply)?.inReplyTo).toBe(SAM);
    // Somebody else, by member id: that person.
    text.innerHTML = `${mention('https://www.linkedin.com/in/ACoAACq2Rn4PriY/', 'Priya Raman')} fixed in 3.0.1`;
    expect(linkedInLegacyAdapter.readPost(reply)?.inReplyTo).toBe('ACoAACq2Rn4PriY');
  });

  it('leaves the new-markup adapter with nothing to read here', () => {
    expect(linkedInNewAdapter.findPosts(document)).toEqual([]);
  });

  it('degrades on odd markup', () => {
    const comment = postElement(linkedInLegacyAdapter, SAM);
    comment.setAttribute('data-id', 'urn:li:comment:broken');
    expect(linkedInLegacyAdapter.readPost(comment)).toBeNull();
    const update = postElement(linkedInLegacyAdapter, 'urn:li:activity:7529453479526930730');
    update.setAttribute('data-urn', 'urn:li:activity:42');
    expect(linkedInLegacyAdapter.readPost(update)).toMatchObject({
      postId: 'urn:li:activity:42',
      postedAt: null,
    });
    for (const link of update.querySelectorAll('a')) link.remove();
    expect(linkedInLegacyAdapter.readPost(update)).toBeNull();
  });

  it('anchors markers after the actor link / comment author link, not inside them', () => {
    const update = postElement(linkedInLegacyAdapter, 'urn:li:activity:7529513877504107187');
    expect(linkedInLegacyAdapter.markerAnchor(update)?.className).toBe('update-components-actor__meta-link');
    const comment = postElement(linkedInLegacyAdapter, SAM);
    expect(linkedInLegacyAdapter.markerAnchor(comment)?.className).toBe(
      'comments-comment-meta__description-container',
    );
  });

  it("opens a comment's Quill reply box inside its thread", async () => {
    const stub = mountComposerOnClick(
      'button.comments-comment-social-bar__reply-action-button--cr',
      'linkedin-reply',
      (trigger) =>
        trigger.closest('article.comments-comment-entity')?.querySelector('.comments-replies-list') ?? null,
    );
    const comment = postElement(
      linkedInLegacyAdapter,
      'urn:li:comment:(activity:7529196788121777092,7529544076493186807)',
    );
    const editor = await linkedInLegacyAdapter.openReplyComposer(comment, { timeoutMs: 1_000 });
    expect(editor?.classList.contains('ql-editor')).toBe(true);
    expect(editor?.closest('article.comments-comment-entity')).toBe(comment);
    expect(stub.clicks()).toBe(1);
    stub.stop();
  });

  it("clicks each comment's own Reply for the thread's one reply box, so it answers that comment", async () => {
    // LinkedIn keeps one reply box per thread; the Reply clicked last decides whom it answers (@mention).
    const answering: string[] = [];
    const controller = new AbortController();
    document.addEventListener(
      'click',
      (event) => {
        const button = (event.target as Element).closest(
          'button.comments-comment-social-bar__reply-action-button--cr',
        );
        if (!button) return;
        answering.push(button.getAttribute('aria-label') ?? '');
        const thread =
          button.closest('.comments-replies-list')?.closest('article') ?? button.closest('article');
        const list = thread?.querySelector(':scope > .comments-replies-list');
        if (list && !list.querySelector('.ql-editor'))
          setTimeout(() => list.append(composerTemplate('linkedin-reply')), 10);
      },
      { capture: true, signal: controller.signal },
    );
    const sam = postElement(linkedInLegacyAdapter, SAM);
    const brandReply = postElement(linkedInLegacyAdapter, BRAND_REPLY);
    const box = await linkedInLegacyAdapter.openReplyComposer(sam, { timeoutMs: 1_000 });
    expect(box?.classList.contains('ql-editor')).toBe(true);
    expect(await linkedInLegacyAdapter.openReplyComposer(brandReply, { timeoutMs: 1_000 })).toBe(box);
    expect(await linkedInLegacyAdapter.openReplyComposer(sam, { timeoutMs: 1_000 })).toBe(box);
    expect(answering).toEqual([
      'Reply to Sam Lee’s comment',
      'Reply to Acme Help’s comment',
      'Reply to Sam Lee’s comment',
    ]);
    controller.abort();
  });

  it("returns a post's open comment box without clicking", async () => {
    const editor = await linkedInLegacyAdapter.openReplyComposer(postElement(linkedInLegacyAdapter, POST_2), {
      timeoutMs: 100,
    });
    expect(editor?.getAttribute('data-placeholder')).toBe('Add a comment…');
  });
});
