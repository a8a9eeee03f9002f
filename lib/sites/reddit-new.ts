/**
 * Reddit's current UI (www.reddit.com, shreddit web components). Posts and comments carry their data
 * as attributes (kepano/defuddle, Reddit-Enhancement-Suite); text sits in light-DOM slots. Some
 * content can live in open shadow roots of Reddit's custom elements, so discovery also looks inside
 * the shadow roots of the hosts listed below (named hosts only: see queryAllDeep).
 */
import type { ScrapedPost } from '../domain/types';
import { openComposer } from './composer';
import { parseTimestamp } from './dates';
import { absoluteUrl, attr, ownFirst, queryAllDeep, queryFirstDeep } from './dom';
import { guardAdapter } from './guard';
import { NO_TIME, readPostedAt, redditHandle } from './read';
import { readLabel, readText } from './text';
import type { SiteAdapter } from './types';

const HOSTS = new Set(['www.reddit.com', 'reddit.com', 'new.reddit.com', 'sh.reddit.com']);
const POST_SELECTOR = 'shreddit-post, shreddit-comment';
const COMMENT_SELECTOR = 'shreddit-comment';
/** Reddit custom elements that may hold posts or comments in an open shadow root. */
export const REDDIT_SHADOW_HOSTS =
  'shreddit-app, shreddit-feed, shreddit-comment-tree, faceplate-partial, faceplate-batch, shreddit-async-loader';
const ORIGIN = 'https://www.reddit.com/';
const EDITABLE = '[contenteditable="true"]';
const COMMENT_COMPOSER = `[bundlename="comment_composer"] shreddit-composer ${EDITABLE}`;
const POST_TRIGGER = 'comment-composer-host [data-testid="trigger-button"]';

function readPost(element: Element): ScrapedPost | null {
  return element.localName === 'shreddit-post' ? readSubmission(element) : readComment(element);
}

function readSubmission(post: Element): ScrapedPost | null {
  const id = attr(post, 'id') ?? attr(post, 'thingid');
  const handle = redditHandle(attr(post, 'author'));
  if (!id?.startsWith('t3_') || !handle) return null;
  const title = attr(post, 'post-title') ?? readLabel(post.querySelector('[slot="title"]'));
  const body = readText(post.querySelector('[slot="text-body"]'));
  const exact = parseTimestamp(attr(post, 'created-timestamp'));
  return {
    platform: 'reddit',
    postId: id,
    permalink: absoluteUrl(attr(post, 'permalink') ?? attr(post, 'content-href'), ORIGIN),
    author: { handle, displayName: null },
    text: [title, body].filter(Boolean).join('\n'),
    ...(exact
      ? { postedAt: exact, postedAtEstimated: false }
      : readPostedAt(post.querySelector('[slot="credit-bar"] time'))),
    isReply: false,
    inReplyTo: null,
  };
}

function readComment(comment: Element): ScrapedPost | null {
  const id = attr(comment, 'thingid');
  const handle = redditHandle(attr(comment, 'author'));
  if (!id?.startsWith('t1_') || !handle) return null;
  const time = ownFirst(comment, 'faceplate-timeago time, time[datetime]', COMMENT_SELECTOR);
  const timeago = ownFirst(comment, 'faceplate-timeago[ts]', COMMENT_SELECTOR);
  const exact = parseTimestamp(attr(timeago, 'ts'));
  return {
    platform: 'reddit',
    postId: id,
    permalink: absoluteUrl(attr(comment, 'permalink'), ORIGIN),
    author: { handle, displayName: null },
    text: readText(ownFirst(comment, '[slot="comment"]', COMMENT_SELECTOR)),
    ...(time ? readPostedAt(time) : exact ? { postedAt: exact, postedAtEstimated: false } : NO_TIME),
    isReply: true,
    inReplyTo: attr(comment, 'parentid') ?? attr(comment, 'postid'),
  };
}

function markerAnchor(element: Element): Element | null {
  const meta =
    element.localName === 'shreddit-post'
      ? element.querySelector('[slot="credit-bar"]')
      : ownFirst(element, '[slot="commentMeta"]', COMMENT_SELECTOR);
  if (!meta) return null;
  // Inside the slotted container (a sibling of it would not be slotted and so never rendered), after
  // the time link so it does not sit inside a link.
  const time = meta.querySelector('faceplate-timeago');
  let anchor: Element | null = time;
  for (let current = time; current && current !== meta; current = current.parentElement) anchor = current;
  return anchor ?? meta.lastElementChild;
}

function replyTrigger(element: Element): Element | null {
  if (element.localName === 'shreddit-post') {
    // The post's "Join the conversation" sits outside the post, in a composer host; an expanded composer
    // (the post's or a comment's) holds Comment and Cancel buttons, so nothing but that trigger is clicked.
    for (const trigger of element.ownerDocument.querySelectorAll(POST_TRIGGER)) {
      if (!trigger.closest(`${COMMENT_SELECTOR}, shreddit-composer`)) return trigger;
    }
    return null;
  }
  const row = ownFirst(element, 'shreddit-comment-action-row', COMMENT_SELECTOR);
  if (!row) return null;
  return queryFirstDeep(
    row,
    'faceplate-tracker[noun="reply_comment"] button, button[slot="comment-reply"], [slot="comment-reply"] button',
    'shreddit-comment-action-row',
  );
}

function ownComposer(element: Element): HTMLElement | null {
  if (element.localName === 'shreddit-post') {
    const editor = element.ownerDocument.querySelector(`comment-composer-host shreddit-composer ${EDITABLE}`);
    return editor && !editor.closest(COMMENT_SELECTOR) ? (editor as HTMLElement) : null;
  }
  return ownFirst(element, COMMENT_COMPOSER, COMMENT_SELECTOR) as HTMLElement | null;
}

export const redditNewAdapter: SiteAdapter = guardAdapter({
  id: 'reddit-new',
  platform: 'reddit',
  postSelector: POST_SELECTOR,
  matchesUrl: (url) => HOSTS.has(url.hostname),
  findPosts: (root) => queryAllDeep(root, POST_SELECTOR, REDDIT_SHADOW_HOSTS),
  readPost,
  markerAnchor,
  openReplyComposer(element, options) {
    return openComposer({
      post: element,
      findTrigger: () => replyTrigger(element),
      findOwn: () => ownComposer(element),
      timeoutMs: options?.timeoutMs,
    });
  },
});
