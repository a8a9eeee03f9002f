/**
 * Old Reddit (old.reddit.com): server-rendered "things" with data-* attributes (Reddit-Enhancement-Suite
 * lib/utils/Thing.js, kepano/defuddle). Comments nest inside their parent's .child, so every read is
 * scoped to the thing's own parts (not its children's).
 */
import type { ScrapedPost } from '../domain/types';
import { openComposer } from './composer';
import { absoluteUrl, attr, outsideControls, ownFirst, queryAll } from './dom';
import { guardAdapter } from './guard';
import { NO_TIME, readPostedAt, redditHandle } from './read';
import { readLabel, readText } from './text';
import type { SiteAdapter } from './types';

const POST_SELECTOR = '.thing.link[data-fullname], .thing.comment[data-fullname]';
const THING = '.thing';
const ORIGIN = 'https://old.reddit.com/';

function readPost(thing: Element): ScrapedPost | null {
  const id = attr(thing, 'data-fullname');
  const handle = redditHandle(attr(thing, 'data-author'));
  if (!id || !/^t[13]_\w+$/.test(id) || !handle || thing.classList.contains('deleted')) return null;
  const isComment = id.startsWith('t1_');
  const time = ownFirst(thing, '.tagline time', THING);
  const permalink =
    attr(thing, 'data-permalink') ?? ownFirst(thing, 'a.bylink', THING)?.getAttribute('href') ?? null;
  const body = readText(ownFirst(thing, '.usertext-body .md', THING));
  const text = isComment
    ? body
    : [readLabel(ownFirst(thing, 'a.title', THING)), body].filter(Boolean).join('\n');
  return {
    platform: 'reddit',
    postId: id,
    permalink: absoluteUrl(permalink, ORIGIN),
    author: { handle, displayName: null },
    text,
    ...(time ? readPostedAt(time) : NO_TIME),
    isReply: isComment,
    inReplyTo: isComment ? parentFullname(thing, permalink) : null,
  };
}

function parentFullname(comment: Element, permalink: string | null): string | null {
  const parent = comment.parentElement?.closest(THING);
  const parentId = attr(parent, 'data-fullname');
  if (parentId) return parentId;
  const linkId = /\/comments\/(\w+)\//.exec(permalink ?? '')?.[1];
  return linkId ? `t3_${linkId}` : null;
}

/** The reply form old Reddit clones into the thing's .child (or the page's comment form for the link). */
function ownComposer(thing: Element): HTMLElement | null {
  const id = attr(thing, 'data-fullname');
  if (!id) return null;
  if (id.startsWith('t3_')) {
    for (const input of thing.ownerDocument.querySelectorAll(
      '.commentarea > form.usertext input[name="thing_id"]',
    )) {
      if (input.getAttribute('value') === id)
        return input.closest('form')?.querySelector('textarea[name="text"]') ?? null;
    }
    return null;
  }
  return ownFirst(thing, '.child > form.usertext textarea[name="text"]', THING) as HTMLElement | null;
}

export const redditOldAdapter: SiteAdapter = guardAdapter({
  id: 'reddit-old',
  platform: 'reddit',
  postSelector: POST_SELECTOR,
  matchesUrl: (url) => url.hostname === 'old.reddit.com',
  findPosts: (root) => queryAll(root, POST_SELECTOR),
  readPost,
  markerAnchor: (thing) =>
    outsideControls(
      ownFirst(thing, '.tagline time', THING) ?? ownFirst(thing, '.tagline a.author', THING),
      thing,
    ),
  openReplyComposer(thing, options) {
    return openComposer({
      post: thing,
      findTrigger: () => ownFirst(thing, '.buttons a[onclick*="reply"]', THING),
      findOwn: () => ownComposer(thing),
      timeoutMs: options?.timeoutMs,
    });
  },
});
