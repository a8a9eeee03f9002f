/**
 * Threads (threads.com, threads.net). Markup per kepano/defuddle src/extractors/threads.ts: posts are
 * [data-pressable-container] (a nested one is a quoted post), author a[href^="/@"], time[datetime]
 * inside the a[href*="/post/"] permalink, text in span[dir=auto] outside links. On a post page the
 * [data-pagelet^="threads_post_page_"] blocks are the focused post, then reply chains.
 */
import type { ScrapedPost } from '../domain/types';
import { openComposer } from './composer';
import {
  absoluteUrl,
  documentUrl,
  isInsideWithin,
  outsideControls,
  ownAll,
  ownFirst,
  pathSegments,
  queryAll,
} from './dom';
import { guardAdapter } from './guard';
import { cleanHandle, NO_TIME, readPostedAt } from './read';
import { readText } from './text';
import type { SiteAdapter } from './types';

const HOSTS = new Set(['www.threads.com', 'threads.com', 'www.threads.net', 'threads.net']);
const ORIGIN = 'https://www.threads.com/';
const PRESSABLE = '[data-pressable-container]';
const PAGELET = '[data-pagelet^="threads_post_page_"]';
const REPLY_LABELS = ['Reply', 'Répondre', 'Antworten', 'Responder', 'Rispondi', 'Beantwoorden'];
const UI_TEXT = new Set(['Author', '·', 'Top', 'View activity', 'Translate', 'Auteur', 'Autor', 'Autore']);

interface PostRef {
  user: string;
  code: string;
}

function postRef(href: string | null): PostRef | null {
  const segments = pathSegments(href, ORIGIN);
  const post = segments.indexOf('post');
  const user = segments[post - 1];
  const code = segments[post + 1];
  return post > 0 && user?.startsWith('@') && code ? { user: user.slice(1), code } : null;
}

function ownPermalink(post: Element): Element | null {
  return (
    ownFirst(post, 'a[href*="/post/"] time', PRESSABLE)?.closest('a') ??
    ownFirst(post, 'a[href*="/post/"]', PRESSABLE)
  );
}

function readPost(post: Element): ScrapedPost | null {
  if (post.parentElement?.closest(PRESSABLE)) return null; // a quoted post: part of its quoting post
  const link = ownPermalink(post);
  const href = link?.getAttribute('href') ?? null;
  const ref = postRef(href);
  const handle = readHandle(post) ?? ref?.user ?? null;
  if (!ref || !handle) return null;
  const time = link?.querySelector('time') ?? ownFirst(post, 'time[datetime]', PRESSABLE);
  return {
    platform: 'threads',
    postId: ref.code,
    permalink: absoluteUrl(href, ORIGIN),
    author: { handle, displayName: null },
    text: readPostText(post),
    ...(time ? readPostedAt(time) : NO_TIME),
    ...readReply(post, ref),
  };
}

function readHandle(post: Element): string | null {
  for (const link of ownAll(post, 'a[href^="/@"]', PRESSABLE)) {
    const href = link.getAttribute('href') ?? '';
    if (href.includes('/post/')) continue;
    const user = cleanHandle(pathSegments(href, ORIGIN)[0]);
    if (user) return user;
  }
  return null;
}

/**
 * Text spans outside links, time and buttons (defuddle's rule); one line per span. Any link, not only
 * profile and post links: a link preview card (l.threads.com) carries the linked page's site and headline
 * in its own spans, which are not the author's words. Links inside the text sit in its outer span.
 */
function readPostText(post: Element): string {
  const parts: string[] = [];
  for (const span of ownAll(post, 'span[dir="auto"]', PRESSABLE)) {
    if (isInsideWithin(span, 'a, time, [role="button"]', post)) continue;
    if (span.parentElement && isInsideWithin(span.parentElement, 'span[dir="auto"]', post)) continue;
    if (span.querySelector('time, a[href*="/post/"]')) continue; // the header's time wrapper
    const text = readText(span, { whitespace: 'pre-wrap' });
    if (!text || UI_TEXT.has(text) || /^\d+\s*\/\s*\d+$/.test(text)) continue;
    parts.push(text);
  }
  return parts.join('\n');
}

/**
 * On a post page: the first pagelet is the focused post; in each later pagelet the first post replies
 * to the focused one and each further post to the one before it. A self-thread is the exception: its
 * parts follow the focused post one pagelet each, and each part continues the part before it.
 */
function readReply(post: Element, ref: PostRef): Pick<ScrapedPost, 'isReply' | 'inReplyTo'> {
  const pagelet = post.closest(PAGELET);
  const focus = postRef(documentUrl(post) || null);
  if (!pagelet || !focus || focus.code === ref.code) return { isReply: false, inReplyTo: null };
  const chain = topPosts(pagelet);
  const index = chain.indexOf(post);
  // Only a pagelet's lone post by the focused post's author can be a self-thread's part: other replies
  // skip the walk over the page's pagelets.
  const mayBePart = index === 0 && chain.length === 1 && ref.user === focus.user;
  const previous = index > 0 ? chain[index - 1] : mayBePart ? previousPart(pagelet) : null;
  const previousRef = previous ? permalinkRef(previous) : null;
  return { isReply: true, inReplyTo: previousRef?.code ?? focus.code };
}

/**
 * The self-thread part before the one `pagelet` holds, or null when it holds none: the parts are the run
 * of one-post pagelets by the focused post's author that the page starts with.
 */
function previousPart(pagelet: Element): Element | null {
  let author: string | null = null;
  let previous: Element | null = null;
  for (const candidate of pagelet.ownerDocument.querySelectorAll(PAGELET)) {
    const posts = topPosts(candidate);
    const only = posts.length === 1 ? posts[0] : undefined;
    const user = only ? permalinkRef(only)?.user : undefined;
    if (!only || !user || (author !== null && user !== author)) return null;
    if (candidate === pagelet) return previous;
    author = user;
    previous = only;
  }
  return null;
}

function topPosts(pagelet: Element): Element[] {
  return [...pagelet.querySelectorAll(PRESSABLE)].filter(
    (candidate) => !candidate.parentElement?.closest(PRESSABLE),
  );
}

function permalinkRef(post: Element): PostRef | null {
  return postRef(ownPermalink(post)?.getAttribute('href') ?? null);
}

function replyButton(post: Element): Element | null {
  const labels = REPLY_LABELS.map((label) => `svg[aria-label="${label}"]`).join(', ');
  return ownFirst(post, labels, PRESSABLE)?.closest('[role="button"], button') ?? null;
}

export const threadsAdapter: SiteAdapter = guardAdapter({
  id: 'threads',
  platform: 'threads',
  postSelector: PRESSABLE,
  matchesUrl: (url) => HOSTS.has(url.hostname),
  findPosts: (root) => queryAll(root, PRESSABLE).filter((post) => !post.parentElement?.closest(PRESSABLE)),
  readPost,
  markerAnchor: (post) => outsideControls(ownPermalink(post), post),
  openReplyComposer(post, options) {
    const code = postRef(ownPermalink(post)?.getAttribute('href') ?? null)?.code;
    return openComposer({
      post,
      key: code ? `threads:${code}` : null,
      findTrigger: () => replyButton(post),
      composerSelector: '[role="dialog"] [contenteditable="true"][role="textbox"]',
      timeoutMs: options?.timeoutMs,
    });
  },
});
