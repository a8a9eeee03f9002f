/**
 * Facebook (www.facebook.com). Class names are generated and change constantly, so this adapter keys on
 * accessibility attributes. Feed posts are no longer reliably [role=article]: as in OpenCLI, a post is
 * the highest ancestor of its "Actions for this post" button that holds no other such button (cheap
 * path first: the feed unit carrying aria-posinset). Comments are [role=article] labelled
 * "Comment by …" / "Reply by …". Labels are localized: the lists below cover a few locales.
 */
import type { ScrapedPost } from '../domain/types';
import { isSendControl, openComposer } from './composer';
import {
  absoluteUrl,
  attr,
  outsideControls,
  ownAll,
  ownFirst,
  pathSegments,
  queryAll,
  searchParam,
  stableHash,
} from './dom';
import { guardAdapter } from './guard';
import { NO_TIME, postedAtFromText } from './read';
import { readLabel, readText } from './text';
import type { SiteAdapter } from './types';

const HOSTS = new Set(['www.facebook.com', 'facebook.com', 'web.facebook.com']);
const ORIGIN = 'https://www.facebook.com/';

const POST_ACTION_LABELS = [
  'Actions for this post',
  'Actions pour cette publication',
  'Aktionen für diesen Beitrag',
  'Acciones para esta publicación',
  'Ações para esta publicação',
  'Azioni per questo post',
];
const COMMENT_LABEL_PREFIXES = [
  'Comment by ',
  'Reply by ',
  'Commentaire de ',
  'Réponse de ',
  'Kommentar von ',
  'Antwort von ',
  'Comentario de ',
  'Respuesta de ',
  'Comentário de ',
  'Resposta de ',
  'Commento di ',
  'Risposta di ',
];
const REPLY_WORDS = new Set(['reply', 'répondre', 'antworten', 'responder', 'rispondi', 'beantwoorden']);
const COMMENT_BUTTON_LABELS = [
  'Leave a comment',
  'Comment',
  'Commenter',
  'Kommentieren',
  'Comentar',
  'Commenta',
];

const ACTIONS_SELECTOR = POST_ACTION_LABELS.map((label) => `[aria-label="${label}"]`).join(', ');
const COMMENT_SELECTOR = COMMENT_LABEL_PREFIXES.map(
  (prefix) => `[role="article"][aria-label^="${prefix}"]`,
).join(', ');
/** Marks post containers found by climbing from their actions button, so postSelector matches them. */
const POST_MARK = 'data-parley-fb-post';
const FEED_UNIT_SELECTOR = '[aria-posinset], [data-pagelet^="FeedUnit"]';
const POST_SELECTOR = `${FEED_UNIT_SELECTOR}, [${POST_MARK}], ${COMMENT_SELECTOR}`;
const TEXTBOX = '[contenteditable="true"][role="textbox"]';
/**
 * For own-part scoping: inside a post, a labelled [role=article] is a comment (cheaper than matching the
 * label list; an older-markup post article is labelled by aria-labelledby, not aria-label).
 */
const NESTED = '[role="article"][aria-label]';
const PROFILE_LINK = '[data-ad-rendering-role="profile_name"] a[href]';
const HEADING_LINK = 'h2 a[href], h3 a[href], h4 a[href]';
const AUTHOR_LINK = `${PROFILE_LINK}, ${HEADING_LINK}`;
const MESSAGE =
  '[data-ad-rendering-role="story_message"], [data-ad-comet-preview="message"], [data-ad-preview="message"]';
const POST_LINK = /\/(?:posts|permalink|videos|reel)\/([\w.-]+)|[?&](?:story_fbid|fbid)=([\w.-]+)/;
const TRACKING_PARAMS = /^(?:__cft__|__tn__|__xts__|ref|refsrc|mibextid|rdid|share_url)/;

const ACTION_LABEL_SET = new Set(POST_ACTION_LABELS);
/**
 * Discovery uses a few short selectors and classifies in script: a long selector list (every
 * localized label) costs a full match per element on pages of ~100k nodes.
 */
const DISCOVERY_SELECTOR = `[role="button"][aria-label], [role="article"][aria-label], ${FEED_UNIT_SELECTOR}, [${POST_MARK}]`;

function isActionsButton(element: Element): boolean {
  return ACTION_LABEL_SET.has(element.getAttribute('aria-label') ?? '');
}

function isComment(element: Element): boolean {
  if (element.getAttribute('role') !== 'article') return false;
  const label = element.getAttribute('aria-label') ?? '';
  return COMMENT_LABEL_PREFIXES.some((prefix) => label.startsWith(prefix));
}

/**
 * One selector pass over root (this runs on whole 2,000-post pages): comments are kept, feed units and
 * marked containers are kept once their actions button confirms them, and a button whose post has
 * neither (found by climbing) brings its container in at that point.
 */
function findPosts(root: ParentNode): Element[] {
  const ordered: Element[] = [];
  const placed = new Set<Element>();
  const confirmed = new Set<Element>();
  for (const element of queryAll(root, DISCOVERY_SELECTOR)) {
    if (isComment(element)) {
      ordered.push(element);
    } else if (isActionsButton(element)) {
      const container = postContainer(element);
      if (!container) continue;
      confirmed.add(container);
      if (placed.has(container)) continue;
      placed.add(container);
      // A container enclosing root (root was a part of a post) goes first: outermost-first.
      if (root instanceof Node && !root.contains(container)) ordered.unshift(container);
      else ordered.push(container);
    } else if (element.matches(`${FEED_UNIT_SELECTOR}, [${POST_MARK}]`) && !placed.has(element)) {
      placed.add(element);
      ordered.push(element);
    }
  }
  return ordered.filter((element) => confirmed.has(element) || isComment(element));
}

/** The post holding this actions button (see header); marked so postSelector matches it. */
function postContainer(button: Element): Element | null {
  const unit = button.closest(`${FEED_UNIT_SELECTOR}, [${POST_MARK}]`);
  if (unit) return unit;
  let container: Element | null = null;
  let depth = 0;
  for (let current = button.parentElement; current && depth < 40; current = current.parentElement, depth++) {
    if (current.localName === 'body' || current.matches('[role="feed"], [role="main"]')) break;
    if (current.querySelectorAll(ACTIONS_SELECTOR).length > 1) break;
    container = current;
  }
  if (container && !container.hasAttribute(POST_MARK)) container.setAttribute(POST_MARK, '');
  return container;
}

function readPost(element: Element): ScrapedPost | null {
  return isComment(element) ? readComment(element) : readFeedPost(element);
}

function readFeedPost(post: Element): ScrapedPost | null {
  const actions = post.querySelector(ACTIONS_SELECTOR);
  if (!actions) return null;
  const authorLink = ownFirst(post, PROFILE_LINK, NESTED) ?? ownFirst(post, HEADING_LINK, NESTED);
  const handle = profileHandle(authorLink?.getAttribute('href') ?? null);
  if (!authorLink || !handle) return null;
  const authors = ownAll(post, AUTHOR_LINK, NESTED);
  const messages = ownAll(post, MESSAGE, NESTED);
  // One author in the post: nothing shared inside it, so its first message is its own.
  const message =
    authors.length <= 1
      ? (messages[0] ?? null)
      : (messages.find((candidate) => isOwnMessage(candidate, authorLink, authors, post)) ?? null);
  const text = readText(message, { skip: isSeeMoreButton });
  const link = ownPostLink(postHeader(post, authorLink, actions));
  const href = link?.getAttribute('href') ?? null;
  const match = href ? POST_LINK.exec(href) : null;
  const postId = match?.[1] ?? match?.[2] ?? null;
  return {
    platform: 'facebook',
    postId: postId ?? fallbackPostId(post, handle, text),
    permalink: cleanUrl(href),
    author: { handle, displayName: readLabel(authorLink) || null },
    text,
    ...(link ? postedAtFromText(attr(link, 'aria-label') ?? readLabel(link)) : NO_TIME),
    isReply: false,
    inReplyTo: null,
  };
}

function readComment(comment: Element): ScrapedPost | null {
  const label = attr(comment, 'aria-label') ?? '';
  const authorLink = ownAll(comment, 'a[href]', NESTED).find(
    (link) => readLabel(link) !== '' && !isTimeLink(link),
  );
  const handle = profileHandle(authorLink?.getAttribute('href') ?? null);
  if (!handle) return null;
  const timeLink = ownAll(comment, 'a[href*="comment_id="]', NESTED).find(isTimeLink) ?? null;
  const href = timeLink?.getAttribute('href') ?? null;
  const commentId = searchParam(href, ORIGIN, 'comment_id');
  const replyId = searchParam(href, ORIGIN, 'reply_comment_id');
  const postId = href ? (POST_LINK.exec(href)?.slice(1).find(Boolean) ?? null) : null;
  const body = ownAll(comment, 'div[dir="auto"][style*="text-align"]', NESTED)
    .map((block) => readText(block, { skip: isSeeMoreButton }))
    .filter(Boolean)
    .join('\n');
  const displayName = (authorLink && readLabel(authorLink)) || nameFromLabel(label);
  const ownId = replyId ?? commentId;
  return {
    platform: 'facebook',
    postId: ownId ?? `h${stableHash(`${handle}\u0000${body}`)}`,
    permalink: cleanUrl(href, ['comment_id', 'reply_comment_id']),
    author: { handle, displayName: displayName || null },
    text: body,
    ...(timeLink ? postedAtFromText(readLabel(timeLink)) : NO_TIME),
    isReply: true,
    inReplyTo: replyId ? commentId : postId,
  };
}

/**
 * Whether the nearest author above message is the post's. A shared post shows inside the share with its
 * own author and message, and when the sharer adds no words that message is the only one in the post.
 */
function isOwnMessage(
  message: Element,
  authorLink: Element,
  authors: readonly Element[],
  post: Element,
): boolean {
  for (let current = message.parentElement; current && current !== post; current = current.parentElement) {
    if (authors.some((author) => current.contains(author))) return current.contains(authorLink);
  }
  return true;
}

/**
 * The row holding the post's author, timestamp link and actions button. A shared post, link preview or
 * photo below it carries permalinks of its own, and Facebook fills in the post's own timestamp link only
 * when the pointer reaches it: searching the whole post would then key it by what it shares.
 */
function postHeader(post: Element, authorLink: Element, actions: Element): Element {
  let header = authorLink.parentElement;
  while (header && header !== post && !header.contains(actions)) header = header.parentElement;
  return header ?? post;
}

/**
 * Without a permalink in the page (Facebook fills some lazily), the author and text are the key, with
 * the id of the first post or photo the post links to (what it shares), so one person's two wordless
 * shares stay two posts.
 */
function fallbackPostId(post: Element, handle: string, text: string): string {
  const shared = ownPostLink(post)?.getAttribute('href');
  const sharedId = shared ? (POST_LINK.exec(shared)?.slice(1).find(Boolean) ?? null) : null;
  return `h${stableHash(`${handle}\u0000${text}${sharedId === null ? '' : `\u0000${sharedId}`}`)}`;
}

function ownPostLink(scope: Element): Element | null {
  for (const link of ownAll(scope, 'a[href]', NESTED)) {
    const href = link.getAttribute('href') ?? '';
    if (POST_LINK.test(href) && !href.includes('comment_id=')) return link;
  }
  return null;
}

function isTimeLink(link: Element): boolean {
  return postedAtFromText(readLabel(link)).postedAt !== null;
}

function isSeeMoreButton(element: Element): boolean {
  return element.getAttribute('role') === 'button';
}

/** Profile slug ('jane.doe.5821'), numeric id for profile.php / group member links, or null. */
function profileHandle(href: string | null): string | null {
  if (!href) return null;
  const segments = pathSegments(href, ORIGIN);
  if (segments[0] === 'profile.php') return searchParam(href, ORIGIN, 'id');
  if (segments[0] === 'groups' && segments[2] === 'user') return segments[3] ?? null;
  if (segments[0] === 'people') return segments[2] ?? segments[1] ?? null;
  const slug = segments[0];
  return slug &&
    /^[\w.-]+$/.test(slug) &&
    !['watch', 'photo', 'photo.php', 'hashtag', 'events'].includes(slug)
    ? slug
    : null;
}

/** "Comment by Jane Doe 3 hours ago" / "Reply by Jane Doe to Sam's comment 1 hour ago" → "Jane Doe". */
function nameFromLabel(label: string): string | null {
  const prefix = COMMENT_LABEL_PREFIXES.find((candidate) => label.startsWith(candidate));
  if (!prefix) return null;
  const rest = label.slice(prefix.length);
  const name = rest.split(/\s+(?:to|à|an|a)\s+/)[0]?.replace(/\s+\S+\s+\S+\s+ago$/, '');
  return name?.trim() || null;
}

/** Absolute URL without Facebook's tracking parameters (kept: the ones naming the post or comment). */
function cleanUrl(href: string | null, keep: string[] = []): string | null {
  const absolute = absoluteUrl(href, ORIGIN);
  if (!absolute) return null;
  const url = new URL(absolute);
  for (const name of [...url.searchParams.keys()]) {
    if (
      TRACKING_PARAMS.test(name) ||
      (!keep.includes(name) && !['story_fbid', 'id', 'fbid'].includes(name))
    ) {
      url.searchParams.delete(name);
    }
  }
  url.hash = '';
  return url.href;
}

function replyTrigger(element: Element): Element | null {
  if (isComment(element)) {
    return (
      ownAll(element, '[role="button"]', NESTED).find((button) =>
        REPLY_WORDS.has(readLabel(button).toLowerCase()),
      ) ?? null
    );
  }
  // "Comment" also labels the send button of an open comment box: never that one.
  const labels = COMMENT_BUTTON_LABELS.map((label) => `[role="button"][aria-label="${label}"]`).join(', ');
  return ownAll(element, labels, NESTED).find((button) => !isSendControl(button, element)) ?? null;
}

function ownComposer(element: Element): HTMLElement | null {
  if (isComment(element)) {
    const name = readComment(element)?.author.displayName;
    const scope = element.parentElement ?? element;
    for (const box of scope.querySelectorAll<HTMLElement>(TEXTBOX)) {
      if (name && box.getAttribute('aria-label')?.endsWith(name)) return box;
    }
    return null;
  }
  // Open "Reply to …" boxes sit in their comment's thread, ahead of the post's own box; their labels
  // are localized, so they are told apart by where they are. The post's box comes after the threads.
  const threads = [...element.querySelectorAll(COMMENT_SELECTOR)].map(
    (comment) => comment.parentElement ?? comment,
  );
  const boxes = ownAll(element, `form[role="presentation"] ${TEXTBOX}`, NESTED).filter(
    (box) => !threads.some((thread) => thread.contains(box)),
  );
  return (boxes.at(-1) as HTMLElement | undefined) ?? null;
}

export const facebookAdapter: SiteAdapter = guardAdapter({
  id: 'facebook',
  platform: 'facebook',
  postSelector: POST_SELECTOR,
  matchesUrl: (url) => HOSTS.has(url.hostname),
  findPosts,
  readPost,
  markerAnchor(element) {
    if (isComment(element)) {
      const timeLink = ownAll(element, 'a[href*="comment_id="]', NESTED).find(isTimeLink) ?? null;
      return outsideControls(timeLink, element);
    }
    const profile = ownFirst(element, '[data-ad-rendering-role="profile_name"]', NESTED);
    return profile ?? outsideControls(ownFirst(element, 'h2 a, h3 a, h4 a', NESTED), element);
  },
  openReplyComposer(element, options) {
    const post = readPost(element);
    return openComposer({
      post: element,
      // A comment's reply box is its thread's, shared by the replies in it; a post's is its own.
      key: post && !post.isReply ? `facebook:${post.postId}` : null,
      findTrigger: () => replyTrigger(element),
      findOwn: () => ownComposer(element),
      composerSelector: TEXTBOX,
      timeoutMs: options?.timeoutMs,
    });
  },
});
