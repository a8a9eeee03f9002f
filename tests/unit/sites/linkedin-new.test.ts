// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { linkedInLegacyAdapter } from '../../../lib/sites/linkedin-legacy';
import { linkedInNewAdapter } from '../../../lib/sites/linkedin-new';
import {
  expectSelectorCounts,
  FIXTURE_NOW,
  loadFixture,
  mountComposerOnClick,
  postElement,
  readAll,
  summarize,
} from './fixture-helpers';

const FEED = 'https://www.linkedin.com/feed/';
const POST_2 = 'urn:li:activity:7529196788121777092';
const SAM = 'urn:li:comment:(activity:7529196788121777092,7529528976998646997)';

describe('linkedin-new adapter on a 2026 feed fixture', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    loadFixture('linkedin-new', FEED);
  });
  afterEach(() => vi.useRealTimers());

  it('fixture markup has the hooks the adapter reads', () => {
    expectSelectorCounts(document, {
      '[role="listitem"][componentkey]': 5,
      '[data-testid="expandable-text-box"]': 9,
      'div[id^="replaceableComment_urn:li:comment:"]': 4,
      'button[aria-label="Reply"]': 4,
      'button[aria-label^="Open control menu for post by "]': 4,
      '[componentkey^="commentBox-"] .ProseMirror[contenteditable="true"]': 1,
    });
  });

  it('finds cards with text and comments (not suggestion cards)', () => {
    expect(summarize(linkedInNewAdapter)).toEqual({
      found: 8,
      read: 8,
      withText: 8,
      withTime: 8,
      withExactTime: 5,
      withPermalink: 5,
      replies: 4,
      mentioningAcme: 4,
    });
  });

  it('keys a card without comments by its componentkey and estimates its time from "3h •"', () => {
    const [first] = readAll(linkedInNewAdapter);
    expect(first).toEqual({
      platform: 'linkedin',
      postId: expect.stringMatching(/^urn:li:card:[0-9a-f]{8}$/),
      permalink: null,
      author: { handle: 'jane-doe-5821', displayName: 'Jane Doe' },
      text: 'Acme Help my order never arrived 😡\nOrdered two weeks ago and tracking has not moved.',
      postedAt: '2026-11-20T12:00:00.000Z',
      postedAtEstimated: true,
      isReply: false,
      inReplyTo: null,
    });
    // Stable across reads (the key does not depend on the element).
    expect(readAll(linkedInNewAdapter)[0]?.postId).toBe(first?.postId);
  });

  it("reads a card's urn and exact time from its comments' urns, and not the comments' text", () => {
    expect(linkedInNewAdapter.readPost(postElement(linkedInNewAdapter, POST_2))).toMatchObject({
      permalink: `https://www.linkedin.com/feed/update/${POST_2}/`,
      author: { handle: 'acmehelp', displayName: 'Acme Help' },
      text: 'Acme App 3.0 is live today: faster checkout, dark mode and live order tracking 🚀',
      postedAt: '2026-11-19T15:00:00.000Z',
      postedAtEstimated: false,
    });
  });

  it('keeps the urn key from the comments section before its comments load, and after', () => {
    const card = postElement(linkedInNewAdapter, POST_2);
    const withComments = linkedInNewAdapter.readPost(card);
    // LinkedIn renders the comments section and its comment box (both keyed by the post urn) first,
    // then the comments: the same card, read before they arrive.
    for (const comment of card.querySelectorAll('div[id^="replaceableComment_"]')) comment.remove();
    expect(card.querySelector('[componentkey^="commentsSectionContainer-urn:li:"]')).not.toBeNull();
    const beforeComments = linkedInNewAdapter.readPost(card);
    expect(beforeComments).toMatchObject({
      postId: POST_2,
      permalink: `https://www.linkedin.com/feed/update/${POST_2}/`,
      postedAt: '2026-11-19T15:00:00.000Z',
      postedAtEstimated: false,
    });
    expect(beforeComments).toEqual(withComments);

    // Only the comment box rendered so far.
    const section = card.querySelector('[componentkey^="commentsSectionContainer-"]') as Element;
    section.setAttribute('componentkey', 'commentsSectionContainer');
    expect(linkedInNewAdapter.readPost(card)?.postId).toBe(POST_2);

    // A key that is not a post urn is not taken for one.
    for (const keyed of card.querySelectorAll('[componentkey^="commentBox-"]')) {
      keyed.setAttribute('componentkey', 'commentBox-urn:li:activity:75291967<b>');
    }
    expect(linkedInNewAdapter.readPost(card)?.postId).toMatch(/^urn:li:card:[0-9a-f]{8}$/);
  });

  it('keys a card by the urn its comments carry when its comments section names the post by another', () => {
    // One post can be both urn:li:activity:… and urn:li:ugcPost:…, with different numbers.
    const UGC = 'urn:li:ugcPost:7529196790000000001';
    const card = postElement(linkedInNewAdapter, POST_2);
    for (const keyed of card.querySelectorAll(
      '[componentkey^="commentsSectionContainer-"], [componentkey^="commentBox-"]',
    )) {
      keyed.setAttribute('componentkey', (keyed.getAttribute('componentkey') ?? '').replace(POST_2, UGC));
    }
    expect(linkedInNewAdapter.readPost(card)).toMatchObject({
      postId: POST_2,
      permalink: `https://www.linkedin.com/feed/update/${POST_2}/`,
      postedAt: '2026-11-19T15:00:00.000Z',
    });
    // Its comments answer the card's key.
    expect(linkedInNewAdapter.readPost(postElement(linkedInNewAdapter, SAM))?.inReplyTo).toBe(POST_2);
    // Before any comment renders, the section's urn keys it (not a card hash).
    for (const comment of card.querySelectorAll('div[id^="replaceableComment_"]')) comment.remove();
    expect(linkedInNewAdapter.readPost(card)?.postId).toBe(UGC);
  });

  it('excludes a reposted post from the card text', () => {
    const tom = readAll(linkedInNewAdapter).find(
      (post) => post.author.handle === 'tom-baker-921' && !post.isReply,
    );
    expect(tom?.text).toBe('Great team, worth a look if you are job hunting.');
  });

  it('reads comments with the same canonical ids as the legacy adapter', () => {
    expect(linkedInNewAdapter.readPost(postElement(linkedInNewAdapter, SAM))).toEqual({
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
    const brandReply = readAll(linkedInNewAdapter).find(
      (post) => post.author.handle === 'acmehelp' && post.isReply,
    );
    expect(brandReply).toMatchObject({ text: 'Thanks Sam, glad you like it! 💙', inReplyTo: SAM });
  });

  it('files a reply to a reply under whom it answers: LinkedIn puts it under the top comment, opening with a mention', () => {
    const reply = readAll(linkedInNewAdapter).find(
      (post) => post.author.handle === 'acmehelp' && post.isReply,
    );
    const element = postElement(linkedInNewAdapter, reply?.postId ?? '');
    const text = element.querySelector('[data-testid="expandable-text-box"]');
    if (!text) throw new Error('no reply text');
    // The brand answers Priya's reply in Sam's thread: LinkedIn lists it under Sam's comment and starts
    // it with the mention its reply box fills in.
    const mention = (href: string, name: string) => `<a href="${href}" class="_4c2f8a0e">${name}</a>`;
    text.innerHTML = `${mention('https://www.linkedin.com/in/priya-raman/', 'Priya Raman')} thanks Priya, fixed in 3.0.1`;
    expect(linkedInNewAdapter.readPost(element)).toMatchObject({
      author: { handle: 'acmehelp' },
      text: 'Priya Raman thanks Priya, fixed in 3.0.1',
      isReply: true,
      inReplyTo: 'priya-raman',
    });
    // Mentioning the thread's own author, or a mention later in the text, still answers the comment above.
    text.innerHTML = `${mention('https://www.linkedin.com/in/sam-lee-77/', 'Sam Lee')} thanks Sam, fixed in 3.0.1`;
    expect(linkedInNewAdapter.readPost(element)?.inReplyTo).toBe(SAM);
    text.innerHTML = `Thanks, ${mention('https://www.linkedin.com/in/priya-raman/', 'Priya Raman')} too`;
    expect(linkedInNewAdapter.readPost(element)?.inReplyTo).toBe(SAM);
    // A top-level comment opening with a mention answers the post.
    const top = postElement(linkedInNewAdapter, SAM);
    const topText = top.querySelector('[data-testid="expandable-text-box"]');
    if (!topText) throw new Error('no comment text');
    topText.innerHTML = `${mention('https://www.linkedin.com/company/acmehelp/', 'Acme Help')} loving the new app!`;
    expect(linkedInNewAdapter.readPost(top)?.inReplyTo).toBe(POST_2);
  });

  it('takes a mention for the comment above when it links its author another way or shows their name', () => {
    const reply = readAll(linkedInNewAdapter).find(
      (post) => post.author.handle === 'acmehelp' && post.isReply,
    );
    const element = postElement(linkedInNewAdapter, reply?.postId ?? '');
    const text = element.querySelector('[data-testid="expandable-text-box"]');
    if (!text) throw new Error('no reply text');
    const mention = (href: string, name: string) => `<a href="${href}" class="_4c2f8a0e">${name}</a>`;
    // The pre-filled mention links Sam by member id; his header links his vanity slug.
    text.innerHTML = `${mention('https://www.linkedin.com/in/ACoAABx7Ez0BkQ9/', 'Sam Lee')} fixed in 3.0.1`;
    expect(linkedInNewAdapter.readPost(element)?.inReplyTo).toBe(SAM);
    // His avatar links the member id, and the mention (cut to his first name) links it too.
    const samAvatar = postElement(linkedInNewAdapter, SAM).querySelector('a[tabindex="-1"]');
    samAvatar?.setAttribute('href', 'https://www.linkedin.com/in/ACoAABx7Ez0BkQ9/');
    text.innerHTML = `${mention('https://www.linkedin.com/in/ACoAABx7Ez0BkQ9/', 'Sam')} fixed in 3.0.1`;
    expect(linkedInNewAdapter.readPost(element)?.inReplyTo).toBe(SAM);
    // Somebody else, by member id: that person.
    text.innerHTML = `${mention('https://www.linkedin.com/in/ACoAACq2Rn4PriY/', 'Priya Raman')} fixed in 3.0.1`;
    expect(linkedInNewAdapter.readPost(element)?.inReplyTo).toBe('ACoAACq2Rn4PriY');
    // Sam's comment is still read as his, under his vanity slug.
    expect(linkedInNewAdapter.readPost(postElement(linkedInNewAdapter, SAM))?.author).toEqual({
      handle: 'sam-lee-77',
      displayName: 'Sam Lee',
    });
  });

  it('reads a reply without the rest of its thread: work grows with the replies, not their square', () => {
    const TEXT = '[data-testid="expandable-text-box"]';
    // LinkedIn fills a reply box with the top commenter's mention, so nearly every reply in a long
    // thread opens with it and asks who wrote the comment above.
    const work = (replies: number) => {
      loadFixture('linkedin-new', FEED);
      const top = postElement(linkedInNewAdapter, SAM);
      const list = top.querySelector('[componentkey^="replies-"]');
      const model = list?.firstElementChild;
      if (!list || !model) throw new Error('no replies in fixture');
      for (let index = 0; index < replies; index++) {
        const reply = model.cloneNode(true) as Element;
        const urn = `urn:li:comment:(urn:li:activity:7529196788121777092,${7529600000000000000n + BigInt(index)})`;
        reply.id = `replaceableComment_${urn}`;
        reply.setAttribute('componentkey', `replaceableComment_${urn}`);
        const text = reply.querySelector(TEXT);
        if (text) text.innerHTML = '<a href="https://www.linkedin.com/in/sam-lee-77/">Sam Lee</a> thanks!';
        list.append(reply);
      }
      const posts = linkedInNewAdapter.findPosts(list);
      expect(posts).toHaveLength(replies + 1);
      expect(linkedInNewAdapter.readPost(top)?.author.handle).toBe('sam-lee-77');
      const closest = vi.spyOn(Element.prototype, 'closest');
      const one = vi.spyOn(Element.prototype, 'querySelector');
      const all = vi.spyOn(Element.prototype, 'querySelectorAll');
      try {
        for (const post of posts) expect(linkedInNewAdapter.readPost(post)?.inReplyTo).toBe(SAM);
        // No reply searches the comment above it (or anything around that): that is the whole thread.
        const searched = [...one.mock.contexts, ...all.mock.contexts];
        expect(searched.filter((scope) => scope instanceof Element && scope.contains(list))).toEqual([]);
        return closest.mock.calls.length + one.mock.calls.length + all.mock.calls.length;
      } finally {
        closest.mockRestore();
        one.mockRestore();
        all.mockRestore();
      }
    };
    const hundred = work(100);
    const fourHundred = work(400);
    expect(fourHundred).toBeLessThan(hundred * 4 * 1.1);
  });

  it('leaves the legacy adapter with nothing to read here', () => {
    expect(linkedInLegacyAdapter.findPosts(document)).toEqual([]);
  });

  it('degrades on odd markup', () => {
    const comment = postElement(linkedInNewAdapter, SAM);
    comment.id = 'replaceableComment_urn:li:comment:(nonsense)';
    expect(linkedInNewAdapter.readPost(comment)).toBeNull();
    const card = postElement(linkedInNewAdapter, POST_2);
    for (const link of card.querySelectorAll('a')) link.remove();
    expect(linkedInNewAdapter.readPost(card)).toBeNull();
  });

  it('takes the author from the actor, not a "commented on this" header or a profile the text mentions', () => {
    // Golden Hour's card, reshaped: a showcase page posting, its text linking the brand's page, and a
    // "Sam Lee commented on this" header above the actor.
    const card = [...document.querySelectorAll('[role="listitem"][componentkey]')].find((item) =>
      item.querySelector('button[aria-label="Open control menu for post by Golden Hour Photography"]'),
    );
    if (!card) throw new Error('no Golden Hour card');
    for (const link of card.querySelectorAll('a[href*="/company/goldenhourphoto/"]')) {
      link.setAttribute('href', 'https://www.linkedin.com/showcase/goldenhour-studio/');
    }
    const brand = document.createElement('a');
    brand.href = 'https://www.linkedin.com/company/acmehelp/';
    brand.textContent = 'Acme Help';
    card.querySelector('[data-testid="expandable-text-box"]')?.prepend(brand, ' ');
    const actor = { handle: 'goldenhour-studio', displayName: 'Golden Hour Photography' };
    expect(linkedInNewAdapter.readPost(card)?.author).toEqual(actor);

    const header = document.createElement('p');
    const commenter = document.createElement('a');
    commenter.href = 'https://www.linkedin.com/in/sam-lee-77/';
    commenter.textContent = 'Sam Lee';
    header.append(commenter, ' commented on this');
    card.firstElementChild?.prepend(header);
    expect(linkedInNewAdapter.readPost(card)?.author).toEqual(actor);
    expect(linkedInNewAdapter.markerAnchor(card)?.getAttribute('href')).toBe(
      'https://www.linkedin.com/showcase/goldenhour-studio/',
    );
  });

  it('opens the reply box LinkedIn renders right after the comment', async () => {
    const stub = mountComposerOnClick('button[aria-label="Reply"]', 'linkedin-new-reply', (trigger) => {
      const comment = trigger.closest('div[id^="replaceableComment_"]');
      const slot = document.createElement('div');
      comment?.after(slot);
      return slot;
    });
    const comment = postElement(
      linkedInNewAdapter,
      'urn:li:comment:(activity:7529196788121777092,7529544076493186807)',
    );
    const editor = await linkedInNewAdapter.openReplyComposer(comment, { timeoutMs: 1_000 });
    expect(editor?.classList.contains('ProseMirror')).toBe(true);
    expect(comment.nextElementSibling?.contains(editor ?? null)).toBe(true);
    expect(stub.clicks()).toBe(1);
    stub.stop();
  });

  it("returns the card's open comment box without clicking", async () => {
    const editor = await linkedInNewAdapter.openReplyComposer(postElement(linkedInNewAdapter, POST_2), {
      timeoutMs: 100,
    });
    expect(editor?.closest('[componentkey^="commentBox-urn:li:activity:"]')).not.toBeNull();
  });
});
