/**
 * Bluesky web app (bsky.app, React Native Web). Posts carry the author handle in their test id
 * (feedItem-by-{handle}, postThreadItem-by-{handle}); there is no <time>: the permalink's aria-label /
 * title holds a localized date ("Nov 20, 2026 at 12:00 PM"), parsed as an estimate. Quoted posts are
 * nested div[role=link] cards and are excluded from the quoting post's reads.
 */
import type { ScrapedPost } from '../domain/types';
import { openComposer } from './composer';
import { parseLocalizedDate } from './dates';
import { documentUrl, outsideControls, ownAll, ownFirst, pathSegments, queryAll } from './dom';
import { guardAdapter } from './guard';
import { cleanHandle, NO_TIME, type PostedAt, postedAtFromText } from './read';
import { readLabel, readText } from './text';
import type { SiteAdapter } from './types';

const ORIGIN = 'https://bsky.app/';
const FEED_ITEM = '[data-testid^="feedItem-by-"]';
const THREAD_ITEM = '[data-testid^="postThreadItem-by-"]';
const POST_SELECTOR = `${FEED_ITEM}, ${THREAD_ITEM}`;
const NESTED = `${POST_SELECTOR}, div[role="link"]`;
const EDITOR = '[data-testid="composePostView"] .ProseMirror[contenteditable="true"]';
const INVALID_HANDLE = 'handle.invalid';

interface PostRef {
  actor: string;
  rkey: string;
}

/**
 * The author's handle, from the item's test id. An account whose handle does not verify has a test id
 * saying "handle.invalid" and every link to it names its DID: the DID stands in for the handle. It names
 * that account alone and never changes, so its posts stay one customer; "handle.invalid" would merge
 * every such account into one, and leaving the posts unread would miss a complaint. Once the handle
 * verifies, its posts come under the handle: a new identity, which the agent can link.
 */
function itemHandle(item: Element, ownRef: PostRef | null): string | null {
  const testId = item.getAttribute('data-testid') ?? '';
  const handle = cleanHandle(/^(?:feedItem|postThreadItem)-by-(.+)$/.exec(testId)?.[1]);
  if (handle !== INVALID_HANDLE) return handle;
  return ownRef && isDid(ownRef.actor) ? ownRef.actor : null;
}

/** Links name an account by handle or by DID (bsky.app/profile/did:plc:…/post/…). */
function isDid(actor: string): boolean {
  return actor.startsWith('did:');
}

function postRef(href: string | null): PostRef | null {
  const segments = pathSegments(href, ORIGIN);
  if (segments[0] !== 'profile' || segments[2] !== 'post' || !segments[1] || !segments[3]) return null;
  return { actor: segments[1], rkey: segments[3] };
}

/** The item's own permalink: the PostMeta time link (labelled with the date) or any own /post/ link. */
function ownPostLink(item: Element): Element | null {
  return (
    ownFirst(item, 'a[href*="/post/"][aria-label], a[href*="/post/"][title]', NESTED) ??
    ownFirst(item, 'a[href*="/post/"]', NESTED)
  );
}

/** A thread's focused post has no time link: its id comes from the page URL. */
function pageRef(item: Element): PostRef | null {
  const url = documentUrl(item);
  return url ? postRef(url) : null;
}

function idOf(ref: PostRef): string {
  return `${ref.actor}/${ref.rkey}`;
}

/**
 * Keyed by the item's handle whichever form its link or the page URL uses, so a post has one key.
 * A DID in the page URL cannot be checked against the handle (the page shows no DID of an account
 * whose handle verifies); the focused post is the only thread item without a link of its own.
 */
function readRef(item: Element): { ref: PostRef; link: Element | null } | null {
  const link = ownPostLink(item);
  const fromLink = postRef(link?.getAttribute('href') ?? null);
  // A thread's focused post has no link of its own: the page URL names it.
  const fromPage = fromLink === null && item.matches(THREAD_ITEM) ? pageRef(item) : null;
  const handle = itemHandle(item, fromLink ?? fromPage);
  if (!handle) return null;
  if (fromLink) return { ref: { actor: handle, rkey: fromLink.rkey }, link };
  if (fromPage && (fromPage.actor === handle || isDid(fromPage.actor)))
    return { ref: { actor: handle, rkey: fromPage.rkey }, link: null };
  return null;
}

function readPost(item: Element): ScrapedPost | null {
  const found = readRef(item);
  if (!found) return null;
  // The post's key is its author's: the handle, or the DID standing in for it.
  const handle = found.ref.actor;
  const postText = ownFirst(item, '[data-testid="postText"]', NESTED);
  const reply = item.matches(THREAD_ITEM) ? threadReply(item) : feedReply(item, handle, postText, found.link);
  return {
    platform: 'bluesky',
    postId: idOf(found.ref),
    permalink: `${ORIGIN}profile/${found.ref.actor}/post/${found.ref.rkey}`,
    author: { handle, displayName: readDisplayName(item, handle) },
    text: readText(postText, { whitespace: 'pre-wrap' }),
    ...(found.link ? linkTime(found.link) : anchorTime(item)),
    ...reply,
  };
}

function readDisplayName(item: Element, handle: string): string | null {
  for (const link of ownAll(item, 'a[href^="/profile/"]', NESTED)) {
    const segments = pathSegments(link.getAttribute('href'), ORIGIN);
    if (segments.length !== 2 || segments[1] !== handle) continue;
    const label = readLabel(link);
    if (label && !label.startsWith('@')) return label;
  }
  return null;
}

function linkTime(link: Element): PostedAt {
  const label = link.getAttribute('aria-label') ?? link.getAttribute('title');
  const parsed = postedAtFromText(label);
  return parsed.postedAt ? parsed : postedAtFromText(readLabel(link).replace(/^·\s*/, ''));
}

/** The focused post shows its full date as text ("Nov 20, 2026 at 9:00 AM"). */
function anchorTime(item: Element): PostedAt {
  const now = new Date();
  for (const line of ownAll(item, '[dir="auto"]', NESTED)) {
    const text = readLabel(line);
    if (!/\d{4}/.test(text)) continue;
    const parsed = parseLocalizedDate(text, now);
    if (parsed) return { postedAt: parsed.iso, postedAtEstimated: parsed.estimated };
  }
  return NO_TIME;
}

/**
 * Feed items show "Reply to {name}" as a profile link after the post's meta line and outside its text
 * ("Reposted by {name}" sits before the meta line, so position tells them apart in any language).
 */
function feedReply(
  item: Element,
  handle: string,
  postText: Element | null,
  postLink: Element | null,
): Pick<ScrapedPost, 'isReply' | 'inReplyTo'> {
  for (const link of ownAll(item, 'a[href^="/profile/"]', NESTED)) {
    if (postText?.contains(link)) continue;
    if (postLink && !(postLink.compareDocumentPosition(link) & 4)) continue; // not after the meta line
    const segments = pathSegments(link.getAttribute('href'), ORIGIN);
    const actor = segments[1];
    // A parent linked by DID is an account whose handle does not verify: its DID is its handle here.
    if (segments.length === 2 && actor && actor !== handle) return { isReply: true, inReplyTo: actor };
  }
  return { isReply: false, inReplyTo: null };
}

/**
 * Thread view: ancestors, the focused post, then replies. Each ancestor replies to the one above; the
 * replies shown below are taken as replies to the focused post (nesting is drawn, not marked up).
 */
function threadReply(item: Element): Pick<ScrapedPost, 'isReply' | 'inReplyTo'> {
  const items = [...item.ownerDocument.querySelectorAll(THREAD_ITEM)].filter(
    (candidate) => !candidate.parentElement?.closest(THREAD_ITEM),
  );
  const index = items.indexOf(item);
  if (index <= 0) return { isReply: false, inReplyTo: null };
  const page = pageRef(item);
  const anchorIndex = page ? items.findIndex((candidate) => readRef(candidate)?.ref.rkey === page.rkey) : -1;
  const parent = anchorIndex >= 0 && index > anchorIndex ? items[anchorIndex] : items[index - 1];
  const parentRef = parent ? readRef(parent)?.ref : null;
  return { isReply: true, inReplyTo: parentRef ? idOf(parentRef) : null };
}

export const blueskyAdapter: SiteAdapter = guardAdapter({
  id: 'bluesky',
  platform: 'bluesky',
  postSelector: POST_SELECTOR,
  matchesUrl: (url) => url.hostname === 'bsky.app',
  findPosts: (root) => queryAll(root, POST_SELECTOR),
  readPost,
  markerAnchor: (item) =>
    outsideControls(ownPostLink(item), item) ??
    outsideControls(ownFirst(item, 'a[href^="/profile/"]:not([href*="/post/"])', NESTED), item),
  openReplyComposer(item, options) {
    const found = readRef(item);
    return openComposer({
      post: item,
      key: found ? `bluesky:${idOf(found.ref)}` : null,
      findTrigger: () => ownFirst(item, '[data-testid="replyBtn"]', NESTED),
      composerSelector: EDITOR,
      timeoutMs: options?.timeoutMs,
    });
  },
});
