/**
 * YouTube (www.youtube.com) comments: ytd-comment-view-model (older: ytd-comment-renderer). The
 * permalink in #published-time-text carries the comment id as `lc` (replies: PARENT.REPLY); times are
 * relative text ("3 hours ago"), parsed as estimates. Every comment replies to the video (or, for
 * replies, to the parent comment).
 */
import type { ScrapedPost } from '../domain/types';
import { openComposer } from './composer';
import { absoluteUrl, outsideControls, ownFirst, queryAll, searchParam } from './dom';
import { guardAdapter } from './guard';
import { cleanHandle, NO_TIME, postedAtFromText } from './read';
import { readLabel, readText } from './text';
import type { SiteAdapter } from './types';

const HOSTS = new Set(['www.youtube.com', 'youtube.com']);
const ORIGIN = 'https://www.youtube.com/';
const POST_SELECTOR = 'ytd-comment-view-model, ytd-comment-renderer';
const EDITOR = 'ytd-commentbox #contenteditable-root[contenteditable="true"]';

function readPost(comment: Element): ScrapedPost | null {
  const timeLink = ownFirst(
    comment,
    '#published-time-text a[href], a#published-time-text[href]',
    POST_SELECTOR,
  );
  const href = timeLink?.getAttribute('href') ?? null;
  const commentId = searchParam(href, ORIGIN, 'lc');
  const authorLink = ownFirst(comment, '#author-text', POST_SELECTOR);
  const handle = readHandle(authorLink);
  if (!commentId || !handle) return null;
  const parentId = commentId.includes('.') ? commentId.split('.')[0] : null;
  const text = ownFirst(comment, '#content-text', POST_SELECTOR);
  return {
    platform: 'youtube',
    postId: commentId,
    permalink: absoluteUrl(href, ORIGIN),
    author: { handle, displayName: null },
    text: readText(text, { whitespace: 'pre-wrap' }),
    ...(timeLink ? postedAtFromText(readLabel(timeLink)) : NO_TIME),
    isReply: true,
    inReplyTo: parentId ?? searchParam(href, ORIGIN, 'v'),
  };
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
    ownFirst(comment, '#published-time-text', POST_SELECTOR) ??
    outsideControls(ownFirst(comment, '#author-text', POST_SELECTOR), comment),
  openReplyComposer(comment, options) {
    const id = readPost(comment)?.postId;
    return openComposer({
      post: comment,
      key: id ? `youtube:${id}` : null,
      findTrigger: () => ownFirst(comment, '#reply-button-end button', POST_SELECTOR),
      findOwn: () => ownFirst(comment, `#reply-dialog ${EDITOR}`, POST_SELECTOR) as HTMLElement | null,
      composerSelector: EDITOR,
      timeoutMs: options?.timeoutMs,
    });
  },
});
