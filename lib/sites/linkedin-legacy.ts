/**
 * LinkedIn, legacy markup (artdeco/ember classes; kepano/defuddle, OpenCLI, Briskine). Runs on
 * www.linkedin.com alongside linkedin-new while LinkedIn migrates; each finds only its own markup.
 * Times come from the activity/comment ids (exact), not from the "3h" labels.
 */
import type { ScrapedPost } from '../domain/types';
import { openComposer } from './composer';
import { attr, outsideControls, ownFirst, queryAll } from './dom';
import { guardAdapter } from './guard';
import {
  activityIdOf,
  answeredBy,
  type CommentAuthor,
  commentPermalink,
  LINKEDIN_HOSTS,
  linkedInHandle,
  parseCommentUrn,
  postedAtFromId,
  postPermalink,
} from './linkedin-common';
import { NO_TIME, readPostedAt } from './read';
import { readLabel, readText, type TextOptions } from './text';
import type { SiteAdapter } from './types';

const UPDATE = '.feed-shared-update-v2[data-urn]';
const COMMENT = 'article.comments-comment-entity';
const POST_SELECTOR = `${UPDATE}, ${COMMENT}[data-id]`;
/** Other posts inside a post: comments and the reshared (quoted) update. */
const NESTED = `${UPDATE}, ${COMMENT}, .feed-shared-update-v2__update-content-wrapper`;
const EDITOR = '.ql-editor[contenteditable="true"]';
const NAME_LINK = 'a.comments-comment-meta__description-container';
const AVATAR_LINK = 'a.comments-comment-meta__image-link';
/** LinkedIn duplicates names for screen readers: read the visible (aria-hidden) copy only. */
const VISIBLE_COPY: TextOptions = {
  keepAriaHidden: true,
  skip: (element) =>
    element.classList.contains('visually-hidden') ||
    element.classList.contains('update-components-actor__supplementary-actor-info') ||
    element.localName === 'button',
};

function readPost(element: Element): ScrapedPost | null {
  return element.matches(COMMENT) ? readComment(element) : readUpdate(element);
}

function readUpdate(update: Element): ScrapedPost | null {
  const urn = attr(update, 'data-urn');
  const activityId = activityIdOf(urn);
  const actorLink = ownFirst(
    update,
    'a.update-components-actor__meta-link, a.update-components-actor__image',
    NESTED,
  );
  const handle = linkedInHandle(actorLink?.getAttribute('href'));
  if (!urn || !activityId || !handle) return null;
  const title = ownFirst(update, '.update-components-actor__title', NESTED);
  const text = ownFirst(update, '.update-components-text', NESTED);
  return {
    platform: 'linkedin',
    postId: urn,
    permalink: postPermalink(urn),
    author: { handle, displayName: readLabel(title, VISIBLE_COPY) || null },
    text: readText(text, VISIBLE_COPY),
    ...(postedAtFromId(activityId) ?? NO_TIME),
    isReply: false,
    inReplyTo: null,
  };
}

function readComment(comment: Element): ScrapedPost | null {
  const urn = parseCommentUrn(attr(comment, 'data-id'));
  const author = commentAuthor(comment);
  if (!urn || !author) return null;
  const parent = comment.parentElement?.closest(COMMENT);
  const parentUrn = parseCommentUrn(attr(parent, 'data-id'))?.urn;
  const time = ownFirst(comment, 'time', COMMENT);
  const textBox = ownFirst(comment, '.comments-comment-item__main-content', COMMENT);
  const text = readText(textBox, VISIBLE_COPY);
  return {
    platform: 'linkedin',
    postId: urn.urn,
    permalink: commentPermalink(urn),
    author: { handle: author.handle, displayName: author.name },
    text,
    ...(postedAtFromId(urn.commentId) ?? readPostedAt(time)),
    isReply: true,
    inReplyTo: answeredBy(
      { postUrn: urn.postUrn, author, textBox, text },
      parent && parentUrn ? { urn: parentUrn, author: () => commentAuthor(parent) } : null,
    ),
  };
}

/**
 * The comment's author from its header: the handle of its first profile link (avatar or name), then
 * the other's, which may link the same person differently, and the name shown. Each is the first match
 * in the comment, found in its own header: its replies come after it.
 */
function commentAuthor(comment: Element): (CommentAuthor & { handle: string }) | null {
  const first = ownFirst(comment, `${NAME_LINK}, ${AVATAR_LINK}`, COMMENT);
  const handle = linkedInHandle(first?.getAttribute('href'));
  if (!first || !handle) return null;
  const other = ownFirst(comment, first.matches(NAME_LINK) ? AVATAR_LINK : NAME_LINK, COMMENT);
  const otherHandle = linkedInHandle(other?.getAttribute('href'));
  const title = ownFirst(comment, '.comments-comment-meta__description-title', COMMENT);
  return {
    handle,
    handles: otherHandle && otherHandle !== handle ? [handle, otherHandle] : [handle],
    name: readLabel(title, VISIBLE_COPY) || null,
  };
}

function markerAnchor(element: Element): Element | null {
  if (element.matches(COMMENT)) {
    return ownFirst(element, NAME_LINK, COMMENT);
  }
  return outsideControls(ownFirst(element, '.update-components-actor__title', NESTED), element);
}

function postCommentBox(update: Element): HTMLElement | null {
  return ownFirst(
    update,
    `.comments-comment-box:not(.comments-comment-box--reply) ${EDITOR}`,
    NESTED,
  ) as HTMLElement | null;
}

/**
 * A comment's reply box lives in its top-level comment's replies list, one box for the whole thread:
 * which comment it answers (and whom it @mentions) is set by the Reply clicked last, so it is only this
 * comment's right after this comment's Reply was clicked.
 */
function threadReplyBox(comment: Element): HTMLElement | null {
  let thread: Element = comment;
  for (
    let current = comment.parentElement?.closest(COMMENT);
    current;
    current = current.parentElement?.closest(COMMENT)
  ) {
    thread = current;
  }
  return thread.querySelector<HTMLElement>(`.comments-comment-box--reply ${EDITOR}`);
}

function replyTrigger(element: Element): Element | null {
  if (element.matches(COMMENT)) {
    return ownFirst(element, 'button[class*="comments-comment-social-bar__reply-action-button"]', COMMENT);
  }
  return ownFirst(element, 'button.comment-button, button[aria-label="Comment"]', NESTED);
}

export const linkedInLegacyAdapter: SiteAdapter = guardAdapter({
  id: 'linkedin-legacy',
  platform: 'linkedin',
  postSelector: POST_SELECTOR,
  matchesUrl: (url) => LINKEDIN_HOSTS.has(url.hostname),
  findPosts: (root) => queryAll(root, POST_SELECTOR),
  readPost,
  markerAnchor,
  openReplyComposer(element, options) {
    const isComment = element.matches(COMMENT);
    return openComposer({
      post: element,
      findTrigger: () => replyTrigger(element),
      findOwn: isComment ? undefined : () => postCommentBox(element),
      findAfterClick: isComment ? () => threadReplyBox(element) : undefined,
      composerSelector: EDITOR,
      timeoutMs: options?.timeoutMs,
    });
  },
});
