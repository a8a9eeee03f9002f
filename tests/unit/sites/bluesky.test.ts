// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blueskyAdapter } from '../../../lib/sites/bluesky';
import {
  expectSelectorCounts,
  FIXTURE_NOW,
  loadFixture,
  mountComposerOnClick,
  postElement,
  setPageUrl,
  summarize,
} from './fixture-helpers';

const HOME = 'https://bsky.app/';
const JANE = 'jane.bsky.social/3lbjanedoe2a';
/** Jane's DID: the page never shows it, as her handle verifies. */
const JANE_DID = 'did:plc:jd3k5zq7mxv2wq4hn6rcy2te';
/** The fixture's account whose handle does not verify. */
const MARCO_DID = 'did:plc:w4xbfzo7kqfes5zb7r6qv3rw';

/** Local time, as the fixture's labels show dates in the viewer's zone. */
const local = (day: number, hours: number, minutes = 0) =>
  new Date(2026, 10, day, hours, minutes).toISOString();

/** The feed as a thread opened at url, focused on Jane's post (which then shows its date, not a link). */
function showAsThread(url: string): void {
  for (const item of document.querySelectorAll('[data-testid^="feedItem-by-"]')) {
    item.setAttribute(
      'data-testid',
      (item.getAttribute('data-testid') ?? '').replace('feedItem', 'postThreadItem'),
    );
  }
  const anchor = document.querySelector('[data-testid="postThreadItem-by-jane.bsky.social"]');
  const timeLink = anchor?.querySelector('a[href*="/post/"]');
  const fullDate = document.createElement('div');
  fullDate.setAttribute('dir', 'auto');
  fullDate.textContent = 'Nov 20, 2026 at 12:00 PM';
  timeLink?.replaceWith(fullDate);
  setPageUrl(url);
}

describe('bluesky adapter on a feed fixture', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    loadFixture('bluesky', HOME);
  });
  afterEach(() => vi.useRealTimers());

  it('fixture markup has the test ids the adapter reads', () => {
    expectSelectorCounts(document, {
      '[data-testid^="feedItem-by-"]': 8,
      '[data-testid="postText"]': 10,
      'a[href*="/post/"][aria-label][title]': 10,
      'div[role="link"] [data-testid="postText"]': 10,
      '[data-testid="contentHider-embed"] div[role="link"]': 2,
      '[data-testid="replyBtn"]': 8,
      '[data-testid="feedItem-by-handle.invalid"] a[href^="/profile/did:plc:"]': 4,
      time: 0,
    });
  });

  it('finds every feed item and reads those with a handle; dates from aria-label are estimates', () => {
    expect(summarize(blueskyAdapter)).toEqual({
      found: 8,
      read: 8,
      withText: 8,
      withTime: 8,
      withExactTime: 0,
      withPermalink: 8,
      replies: 2,
      mentioningAcme: 4,
    });
  });

  it('reads a post exactly (handle from the test id, bidi marks stripped, line break kept)', () => {
    expect(blueskyAdapter.readPost(postElement(blueskyAdapter, JANE))).toEqual({
      platform: 'bluesky',
      postId: JANE,
      permalink: 'https://bsky.app/profile/jane.bsky.social/post/3lbjanedoe2a',
      author: { handle: 'jane.bsky.social', displayName: 'Jane Doe' },
      text: '@acmehelp.bsky.social my order never arrived 😡\nOrdered on the 2nd and tracking hasn’t moved.',
      postedAt: local(20, 12),
      postedAtEstimated: true,
      isReply: false,
      inReplyTo: null,
    });
  });

  it('reads the brand reply and its "Reply to" target; a repost line is not a reply', () => {
    expect(
      blueskyAdapter.readPost(postElement(blueskyAdapter, 'acmehelp.bsky.social/3lbacmereply')),
    ).toMatchObject({
      author: { handle: 'acmehelp.bsky.social', displayName: 'Acme Help' },
      isReply: true,
      inReplyTo: 'jane.bsky.social',
      postedAt: local(20, 12, 30),
    });
    expect(
      blueskyAdapter.readPost(postElement(blueskyAdapter, 'goldenhour.photo/3lbsunset88')),
    ).toMatchObject({
      author: { handle: 'goldenhour.photo', displayName: 'Golden Hour' },
      isReply: false,
      inReplyTo: null,
    });
  });

  it("scopes a quote post to the quoting author's own words, id and time", () => {
    expect(blueskyAdapter.readPost(postElement(blueskyAdapter, 'priya.travel/3lbpriyacan'))).toMatchObject({
      author: { handle: 'priya.travel', displayName: 'Priya Raman' },
      text: 'Does Acme ship to Canada? Asking for this move 👇',
      postedAt: local(19, 18),
    });
    const quoting = blueskyAdapter.readPost(
      postElement(blueskyAdapter, 'runswithdogs.bsky.social/3lbrun10k06'),
    );
    expect(quoting?.text).toBe('Just finished a 10k run 🏃');
  });

  it('thread view: the focused post (no time link) and the replies under it', () => {
    showAsThread('https://bsky.app/profile/jane.bsky.social/post/3lbjanedoe2a');

    expect(blueskyAdapter.readPost(postElement(blueskyAdapter, JANE))).toMatchObject({
      permalink: 'https://bsky.app/profile/jane.bsky.social/post/3lbjanedoe2a',
      postedAt: local(20, 12),
      isReply: false,
    });
    expect(
      blueskyAdapter.readPost(postElement(blueskyAdapter, 'acmehelp.bsky.social/3lbacmereply')),
    ).toMatchObject({
      isReply: true,
      inReplyTo: JANE,
    });
    expect(
      blueskyAdapter.readPost(postElement(blueskyAdapter, 'samlee.bsky.social/3lbsamlee01'))?.inReplyTo,
    ).toBe(JANE);
  });

  it('keys a post by handle when its link names the author by DID', () => {
    const item = postElement(blueskyAdapter, JANE);
    item
      .querySelector('a[href="/profile/jane.bsky.social/post/3lbjanedoe2a"]')
      ?.setAttribute('href', `/profile/${JANE_DID}/post/3lbjanedoe2a`);
    expect(blueskyAdapter.readPost(item)).toMatchObject({
      postId: JANE,
      permalink: 'https://bsky.app/profile/jane.bsky.social/post/3lbjanedoe2a',
      author: { handle: 'jane.bsky.social', displayName: 'Jane Doe' },
    });
  });

  it('thread opened at a link naming the author by DID: the focused post keeps its handle key', () => {
    showAsThread(`https://bsky.app/profile/${JANE_DID}/post/3lbjanedoe2a`);
    const anchor = document.querySelector('[data-testid="postThreadItem-by-jane.bsky.social"]');
    expect(anchor && blueskyAdapter.readPost(anchor)).toMatchObject({
      postId: JANE,
      permalink: 'https://bsky.app/profile/jane.bsky.social/post/3lbjanedoe2a',
      author: { handle: 'jane.bsky.social' },
      isReply: false,
    });
    expect(
      blueskyAdapter.readPost(postElement(blueskyAdapter, 'acmehelp.bsky.social/3lbacmereply'))?.inReplyTo,
    ).toBe(JANE);
  });

  it('takes the DID for the handle of an account whose handle does not verify, and reads its post', () => {
    const item = document.querySelector('[data-testid="feedItem-by-handle.invalid"]');
    expect(item && blueskyAdapter.readPost(item)).toMatchObject({
      postId: `${MARCO_DID}/3lbmarcoref1`,
      permalink: `https://bsky.app/profile/${MARCO_DID}/post/3lbmarcoref1`,
      author: { handle: MARCO_DID, displayName: 'Marco Ruiz' },
      text: '@acmehelp.bsky.social still no refund for the blender I sent back 3 weeks ago',
      isReply: false,
    });
    expect(
      blueskyAdapter.readPost(postElement(blueskyAdapter, 'nora.bsky.social/3lbnorasame2')),
    ).toMatchObject({
      author: { handle: 'nora.bsky.social', displayName: 'Nora Quinn' },
      isReply: true,
      inReplyTo: MARCO_DID,
    });
  });

  it('degrades on odd markup', () => {
    const item = postElement(blueskyAdapter, 'samlee.bsky.social/3lbsamlee01');
    item.querySelector('[data-testid="postText"]')?.remove();
    expect(blueskyAdapter.readPost(item)?.text).toBe('');
    for (const link of item.querySelectorAll('a[href*="/post/"]')) link.remove();
    expect(blueskyAdapter.readPost(item)).toBeNull();
    item.setAttribute('data-testid', 'feedItem-by-');
    expect(blueskyAdapter.readPost(item)).toBeNull();
  });

  it('anchors the marker after the time link, outside it', () => {
    const item = postElement(blueskyAdapter, JANE);
    const anchor = blueskyAdapter.markerAnchor(item);
    expect(anchor?.getAttribute('href')).toBe('/profile/jane.bsky.social/post/3lbjanedoe2a');
  });

  it('opens the modal composer from the reply button and reuses it for the same post', async () => {
    const stub = mountComposerOnClick('[data-testid="replyBtn"]', 'bluesky-composer');
    const item = postElement(blueskyAdapter, JANE);
    const editor = await blueskyAdapter.openReplyComposer(item, { timeoutMs: 1_000 });
    expect(editor?.closest('[data-testid="composePostView"]')).not.toBeNull();
    expect(await blueskyAdapter.openReplyComposer(item, { timeoutMs: 1_000 })).toBe(editor);
    expect(stub.clicks()).toBe(1);
    stub.stop();
  });
});
