/**
 * Instagram (www.instagram.com). A post's caption and comments are `ul li` rows inside the post's
 * article or dialog; each row's author is a username link and its time[datetime] sits in the row's
 * permalink (/p/CODE/ for the caption, /p/CODE/c/ID/ for comments, /p/CODE/c/PARENT/r/ID/ for replies).
 * Class names are hashed, so none are used.
 */
import type { ScrapedPost } from '../domain/types';
import { openComposer } from './composer';
import { absoluteUrl, isInsideWithin, ownAll, ownFirst, pathSegments, queryAll } from './dom';
import { guardAdapter } from './guard';
import {
  flattenedReplyTarget,
  leadingHandle,
  mentionedHandle,
  NO_TIME,
  readPostedAt,
  sameHandle,
} from './read';
import { readLabel, readText } from './text';
import type { SiteAdapter } from './types';

const HOSTS = new Set(['www.instagram.com', 'instagram.com']);
const ORIGIN = 'https://www.instagram.com/';
/**
 * The comments below the caption sit in one list item that holds their list: it opens with that list.
 * It is no post, and must not be taken for one: every change in the comments (more loaded, a like) would
 * find it as the changed post, and with it every comment already read.
 */
const ROW_ITEM = 'li:not(:has(> ul:first-child))';
const POST_SELECTOR = `article ul ${ROW_ITEM}, [role="dialog"] ul ${ROW_ITEM}`;
const ROW = 'li';
const PERMALINK_TIME = 'a[href*="/p/"] time, a[href*="/reel/"] time';
const REPLY_WORDS = new Set(['reply', 'répondre', 'antworten', 'responder', 'rispondi', 'beantwoorden']);
const RESERVED_PATHS = new Set(['p', 'reel', 'reels', 'explore', 'stories', 'accounts', 'direct']);

interface RowLink {
  code: string;
  commentId: string | null;
  parentId: string | null;
}

function parsePermalink(href: string | null): RowLink | null {
  const segments = pathSegments(href, ORIGIN);
  const kind = segments.findIndex((segment) => segment === 'p' || segment === 'reel');
  const code = kind >= 0 ? segments[kind + 1] : undefined;
  if (!code) return null;
  const c = segments.indexOf('c');
  const r = segments.indexOf('r');
  const commentId = c >= 0 ? (segments[c + 1] ?? null) : null;
  const replyId = r >= 0 ? (segments[r + 1] ?? null) : null;
  return replyId ? { code, commentId: replyId, parentId: commentId } : { code, commentId, parentId: null };
}

function readPost(row: Element): ScrapedPost | null {
  const time = ownFirst(row, PERMALINK_TIME, ROW);
  const link = time?.closest('a[href]') ?? null;
  const href = link?.getAttribute('href') ?? null;
  const parsed = parsePermalink(href);
  // Items that are not comments (a carousel's slides) have no permalink: skip their links' lookup.
  if (!parsed) return null;
  const handle = readUsername(row);
  if (!handle) return null;
  const text = readRowText(row);
  const { parentId } = parsed;
  return {
    platform: 'instagram',
    postId: parsed.commentId ?? parsed.code,
    permalink: absoluteUrl(href, ORIGIN),
    author: { handle, displayName: null },
    text,
    ...(time ? readPostedAt(time) : NO_TIME),
    isReply: parsed.commentId !== null,
    inReplyTo:
      parsed.commentId === null
        ? null
        : parentId
          ? flattenedReplyTarget({
              parentId,
              author: handle,
              mentioned: leadingHandle(text, USERNAME_START),
              parentAuthor: () => parentRowAuthor(row),
              names: sameHandle,
              handleOf: mentionedHandle,
            })
          : parsed.code,
  };
}

const USERNAME_START = /^[\w.]{1,30}(?![\w.])/;

/**
 * The author of the comment a reply sits under: its row holds the replies' list, after its own heading
 * (the first heading in it).
 */
function parentRowAuthor(reply: Element): string | null {
  const parent = reply.parentElement?.closest(ROW);
  const heading = parent?.querySelector('h2 a[href], h3 a[href]');
  return heading && heading.closest(ROW) === parent ? usernameOf(heading) : null;
}

/** The row's author: the username link in its heading, else its first profile link. */
function readUsername(row: Element): string | null {
  const candidates = [
    ...ownAll(row, 'h2 a[href], h3 a[href]', ROW),
    ...ownAll(row, 'a[href^="/"], a[href^="https://www.instagram.com/"]', ROW),
  ];
  for (const link of candidates) {
    const name = usernameOf(link);
    if (name) return name;
  }
  return null;
}

/** The username a profile link (/username/) points at, or null. */
function usernameOf(link: Element): string | null {
  const segments = pathSegments(link.getAttribute('href'), ORIGIN);
  const name = segments[0];
  return segments.length === 1 && name && !RESERVED_PATHS.has(name) && /^[\w.]{1,30}$/.test(name)
    ? name
    : null;
}

/** Text spans of the row outside its heading, controls and time (mentions inside the text are kept). */
function readRowText(row: Element): string {
  const parts: string[] = [];
  for (const span of ownAll(row, 'span[dir="auto"]', ROW)) {
    // Spans inside the row's heading or controls, or inside another text span, are not (separate) text.
    if (isInsideWithin(span, 'h2, h3, button, [role="button"], time', row)) continue;
    if (span.parentElement && isInsideWithin(span.parentElement, 'span[dir="auto"]', row)) continue;
    const text = readText(span);
    if (text) parts.push(text);
  }
  return parts.join('\n');
}

function replyButton(row: Element): Element | null {
  return (
    ownAll(row, 'button, [role="button"]', ROW).find((button) =>
      REPLY_WORDS.has(readLabel(button).toLowerCase()),
    ) ?? null
  );
}

/**
 * The post's one comment textarea, when it is set up for this row: Instagram prefills "@user " for a
 * reply, and moves that state from row to row, so it is checked on every open.
 */
function ownComposer(row: Element): HTMLElement | null {
  const post = readPost(row);
  const container = row.closest('article, [role="dialog"]');
  const textarea = container?.querySelector<HTMLTextAreaElement>('form textarea');
  if (!post || !textarea || !container) return null;
  if (post.isReply) return textarea.value.startsWith(`@${post.author.handle} `) ? textarea : null;
  return repliesToAComment(textarea.value, container) ? null : textarea;
}

/** Whether the box holds the "@user " Instagram prefills when replying to one of the comments. */
function repliesToAComment(value: string, container: Element): boolean {
  if (!value.startsWith('@')) return false;
  return queryAll(container, POST_SELECTOR).some((row) => {
    const post = readPost(row);
    return post?.isReply === true && value.startsWith(`@${post.author.handle} `);
  });
}

export const instagramAdapter: SiteAdapter = guardAdapter({
  id: 'instagram',
  platform: 'instagram',
  postSelector: POST_SELECTOR,
  matchesUrl: (url) => HOSTS.has(url.hostname),
  // Only rows that carry a permalink time are posts (other list items are UI).
  findPosts: (root) =>
    queryAll(root, POST_SELECTOR).filter((row) => ownFirst(row, PERMALINK_TIME, ROW) !== null),
  readPost,
  markerAnchor: (row) => ownFirst(row, PERMALINK_TIME, ROW)?.closest('a') ?? null,
  openReplyComposer(row, options) {
    return openComposer({
      post: row,
      findTrigger: () => replyButton(row),
      findOwn: () => ownComposer(row),
      timeoutMs: options?.timeoutMs,
    });
  },
});
