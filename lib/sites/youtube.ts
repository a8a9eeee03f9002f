/**
 * YouTube (www.youtube.com) comments: ytd-comment-view-model (older: ytd-comment-renderer). The
 * permalink in #published-time-text carries the comment id as `lc` (replies: PARENT.REPLY); times are
 * relative text ("3 hours ago"), parsed as estimates. Every comment replies to the video (or, for
 * replies, to the parent comment, or to the account a reply to a reply starts with).
 */
import type { ScrapedPost } from '../domain/types';
import { openComposer } from './composer';
import { absoluteUrl, outsideControls, ownAll, ownFirst, queryAll } from './dom';
import { guardAdapter } from './guard';
import {
  cleanHandle,
  flattenedReplyTarget,
  leadingHandle,
  mentionedHandle,
  NO_TIME,
  postedAtFromText,
  sameHandle,
} from './read';
import { readLabel, readText } from './text';
import type { SiteAdapter } from './types';

const HOSTS = new Set(['www.youtube.com', 'youtube.com']);
const ORIGIN = 'https://www.youtube.com/';
const POST_SELECTOR = 'ytd-comment-view-model, ytd-comment-renderer';
/**
 * YouTube repeats the same ids (#author-text, #content-text…) in every comment. Chromium answers a
 * selector ending in an id ("#x" or "[id=x]") through the document's id map, scanning every duplicate
 * on each scoped query (~40 µs per query with 2,000 comments, measured), so these selectors end in a
 * tag, slot or attribute instead; ids only appear on ancestors, which is fast.
 */
const EDITOR = 'ytd-commentbox [contenteditable="true"]';
const PERMALINK = 'a[href*="lc="]';
const AUTHOR = 'h3 a[href]';
/**
 * #content-text shares its slot with other expander content: a hidden Super Thanks chip
 * (#paid-comment-chip) and, in ytd-comment-renderer, a hidden #voted-option come before it.
 */
const CONTENT_SLOT = '[slot="content"]';

function readPost(comment: Element): ScrapedPost | null {
  const timeLink = ownFirst(comment, PERMALINK, POST_SELECTOR);
  const permalink = absoluteUrl(timeLink?.getAttribute('href'), ORIGIN);
  const params = permalink ? new URL(permalink).searchParams : null;
  const commentId = params?.get('lc');
  const authorLink = ownFirst(comment, AUTHOR, POST_SELECTOR);
  const handle = readHandle(authorLink);
  if (!commentId || !handle) return null;
  const parentId = commentId.includes('.') ? commentId.split('.')[0] : null;
  const content = ownAll(comment, CONTENT_SLOT, POST_SELECTOR).find((slot) => slot.id === 'content-text');
  const text = readText(content, { whitespace: 'pre-wrap' });
  return {
    platform: 'youtube',
    postId: commentId,
    permalink,
    author: { handle, displayName: null },
    text,
    ...(timeLink ? postedAtFromText(readLabel(timeLink)) : NO_TIME),
    isReply: true,
    inReplyTo: parentId
      ? flattenedReplyTarget({
          parentId,
          author: handle,
          mentioned: leadingHandle(text, HANDLE),
          parentAuthor: () => topCommentAuthor(comment),
          names: sameHandle,
          handleOf: mentionedHandle,
        })
      : (params?.get('v') ?? null),
  };
}

/** A handle's characters (letters and digits of any script, _ - . ·), as text after the @. */
const HANDLE = /^[\p{L}\p{M}\p{N}_.·-]{3,30}(?![\p{L}\p{M}\p{N}_])/u;

/** The author of the thread's top comment: a child of the thread, beside (not around) its replies. */
function topCommentAuthor(reply: Element): string | null {
  const thread = reply.closest('ytd-comment-thread-renderer');
  if (!thread) return null;
  for (const child of thread.children) {
    if (child !== reply && child.matches(POST_SELECTOR))
      return readHandle(ownFirst(child, AUTHOR, POST_SELECTOR));
  }
  return null;
}

/** '@handle' from the author link text, else from its /@handle href (channel ids as a last resort). */
function readHandle(authorLink: Element | null): string | null {
  if (!authorLink) return null;
  const label = readLabel(authorLink);
  if (label.startsWith('@')) return cleanHandle(label);
  const href = authorLink.getAttribute('href') ?? '';
  const fromHref = /^\/(@[^/?#]+)|^\/channel\/([\w-]+)/.exec(href);
  return cleanHandle(fromHref?.[1] ?? fromHref?.[2] ?? label);
}

export const youtubeAdapter: SiteAdapter = guardAdapter({
  id: 'youtube',
  platform: 'youtube',
  postSelector: POST_SELECTOR,
  matchesUrl: (url) => HOSTS.has(url.hostname),
  findPosts: (root) => queryAll(root, POST_SELECTOR),
  readPost,
  markerAnchor: (comment) =>
    // After the time link's wrapper (#published-time-text), outside the link.
    ownFirst(comment, PERMALINK, POST_SELECTOR)?.parentElement ??
    outsideControls(ownFirst(comment, AUTHOR, POST_SELECTOR), comment),
  openReplyComposer(comment, options) {
    return openComposer({
      post: comment,
      findTrigger: () => ownFirst(comment, '[id="reply-button-end"] button', POST_SELECTOR),
      findOwn: () => ownFirst(comment, `[id="reply-dialog"] ${EDITOR}`, POST_SELECTOR) as HTMLElement | null,
      composerSelector: EDITOR,
      timeoutMs: options?.timeoutMs,
    });
  },
});
