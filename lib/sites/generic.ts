/**
 * Any other site the agent enables (forums, blogs, review sites): enabled per host at runtime.
 * Posts are found with common markup conventions: schema.org Comment/Review/Answer microdata,
 * WordPress-style comment lists (li.comment, .comment-content, .comment-author), [itemprop=text],
 * and stand-alone <article>s. Everything here is a heuristic; anything unreadable is skipped.
 */
import type { Platform, ScrapedPost } from '../domain/types';
import { openComposer } from './composer';
import { parseTimestamp } from './dates';
import {
  absoluteUrl,
  attr,
  documentUrl,
  outsideControls,
  ownAll,
  ownFirst,
  pathSegments,
  queryAll,
  stableHash,
} from './dom';
import { isHostEnabled } from './enabled-hosts';
import { guardAdapter } from './guard';
import { cleanHandle, NO_TIME, postedAtFromText, readPostedAt } from './read';
import { readLabel, readText } from './text';
import type { SiteAdapter } from './types';

const REPLY_LIKE = [
  '[itemtype$="schema.org/Comment"]',
  '[itemtype$="schema.org/Answer"]',
  'li.comment',
  'article.comment',
  'div.comment',
  '[data-comment-id]',
].join(', ');
const TOP_LEVEL = ['[itemtype$="schema.org/Review"]', '.review[id]', 'article'].join(', ');
const POST_SELECTOR = `${REPLY_LIKE}, ${TOP_LEVEL}`;
/** Posts nested in a post. A bare <article> is left out: WordPress wraps each comment's body in one. */
const NESTED = `${REPLY_LIKE}, [itemtype$="schema.org/Review"], .review[id]`;
const TEXT_SELECTORS = [
  '[itemprop="text"], [itemprop="reviewBody"], [itemprop="articleBody"]',
  '.comment-content, .comment__content, .comment-text, .comment__body, .review-text, .review-body, .review-content',
  '.entry-content, .post-content, .post-body, .message-body, .message-content',
];
const AUTHOR_SELECTORS = [
  '[itemprop="author"] [itemprop="name"]',
  '[itemprop="author"]',
  '.comment-author .fn, .comment-author',
  '.fn, .author-name, .username, [rel="author"], .author, .byline',
];
const META_SKIP = 'header, footer, nav, form, aside, .comment-meta, .comment-metadata, .reply, .says';
const REPLY_WORDS = new Set([
  'reply',
  'répondre',
  'antworten',
  'responder',
  'rispondi',
  'beantwoorden',
  'quote',
]);

function findPosts(root: ParentNode): Element[] {
  return queryAll(root, POST_SELECTOR).filter(isPost);
}

/** A bare <article> inside a comment (WordPress's article.comment-body) is that comment's body. */
function isPost(element: Element): boolean {
  if (element.matches(REPLY_LIKE) || element.matches('[itemtype$="schema.org/Review"], .review[id]'))
    return true;
  return !element.parentElement?.closest(POST_SELECTOR);
}

function readPost(element: Element): ScrapedPost | null {
  if (!isPost(element)) return null;
  const base = documentUrl(element);
  if (!base) return null;
  const author = readAuthor(element, base);
  const text = readBody(element);
  if (!author || !text) return null;
  const permalink = readPermalink(element, base);
  const isReply = element.matches(REPLY_LIKE);
  return {
    platform: 'web' satisfies Platform,
    postId: postIdOf(element, base, permalink, author.handle, text),
    permalink,
    author,
    text,
    ...readTime(element),
    isReply,
    inReplyTo: isReply ? parentId(element, base) : null,
  };
}

function readBody(element: Element): string {
  for (const selector of TEXT_SELECTORS) {
    const container = ownFirst(element, selector, NESTED);
    if (container) return readText(container, { skip: (child) => child.matches(NESTED) });
  }
  // Fallback: the element's own text without its meta lines, controls and nested posts.
  return readText(element, { skip: (child) => child.matches(META_SKIP) || child.matches(NESTED) });
}

function readAuthor(element: Element, base: string): ScrapedPost['author'] | null {
  for (const selector of AUTHOR_SELECTORS) {
    const node = ownFirst(element, selector, NESTED);
    const name = node ? readLabel(node).replace(/\s+says:?$/i, '') : '';
    if (!node || !name || name.length > 80) continue;
    return { handle: handleFor(element, node, name, base), displayName: name };
  }
  return null;
}

/**
 * A stable handle: WordPress's comment-author-{nicename} class, else a same-site profile path
 * (/author/kat/, /u/priya), else the display name itself.
 */
function handleFor(element: Element, authorNode: Element, name: string, base: string): string {
  const wordpress = [...element.classList].find((name) => name.startsWith('comment-author-'));
  if (wordpress) return wordpress.slice('comment-author-'.length);
  const link = authorNode.closest('a[href]') ?? authorNode.querySelector('a[href]');
  const href = link?.getAttribute('href');
  const url = absoluteUrl(href, base);
  if (url && new URL(url).hostname === new URL(base).hostname) {
    const segments = pathSegments(url, base);
    const last = segments.at(-1);
    if (
      segments.length >= 2 &&
      last &&
      /^(?:author|user|users|u|profile|members|member|people)$/.test(segments.at(-2) ?? '')
    ) {
      return cleanHandle(last) ?? name;
    }
  }
  return name;
}

function readTime(element: Element): ReturnType<typeof readPostedAt> {
  const time = ownFirst(
    element,
    'time[datetime], [itemprop="datePublished"], [itemprop="dateCreated"]',
    NESTED,
  );
  if (time) {
    const fromContent = parseTimestamp(attr(time, 'content'));
    if (fromContent) return { postedAt: fromContent, postedAtEstimated: false };
    const read = readPostedAt(time);
    if (read.postedAt) return read;
  }
  const dated = ownFirst(element, 'time, .comment-date, .date, .timestamp, .review-date', NESTED);
  return dated ? postedAtFromText(readLabel(dated)) : NO_TIME;
}

function readPermalink(element: Element, base: string): string | null {
  const explicit = ownFirst(element, 'a[itemprop="url"], [itemprop="url"][href], a[rel="bookmark"]', NESTED);
  const id = attr(element, 'id');
  const anchored = ownAll(element, 'a[href*="#"]', NESTED).find((link) => {
    const hash = (link.getAttribute('href') ?? '').split('#')[1];
    return hash !== undefined && (hash === id || /^(?:comment|review|post|reply)-?\d+/.test(hash));
  });
  const href = explicit?.getAttribute('href') ?? anchored?.getAttribute('href') ?? null;
  const resolved = absoluteUrl(href, base);
  if (resolved) return resolved;
  const page = new URL(base);
  page.hash = '';
  if (id) return `${page.href}#${encodeURIComponent(id)}`;
  // A page's single main article is the page itself.
  return element.localName === 'article' || element.matches('[itemtype$="schema.org/BlogPosting"]')
    ? page.href
    : null;
}

function postIdOf(
  element: Element,
  base: string,
  permalink: string | null,
  handle: string,
  text: string,
): string {
  if (permalink && onPageOrigin(permalink, base)) return permalink;
  const id = attr(element, 'id') ?? attr(element, 'data-comment-id');
  const page = new URL(base);
  return id
    ? `${page.origin}${page.pathname}#${id}`
    : `${page.origin}${page.pathname}#h${stableHash(`${handle}\u0000${text}`)}`;
}

/**
 * The nearest enclosing post (a parent comment), else the page's main article, else the page. Only
 * ids are read here (no text): this runs for every comment of long threads.
 */
function parentId(element: Element, base: string): string {
  const parent = element.parentElement?.closest(NESTED);
  if (parent) return idOnly(parent, base);
  const main = element.ownerDocument.querySelector('main article, [role="main"] article, article');
  if (main && !main.matches(REPLY_LIKE) && isPost(main)) return idOnly(main, base);
  const page = new URL(base);
  page.hash = '';
  return page.href;
}

/** A post's id without reading its text (permalink, or page URL + element id). */
function idOnly(element: Element, base: string): string {
  const permalink = readPermalink(element, base);
  if (permalink && onPageOrigin(permalink, base)) return permalink;
  const page = new URL(base);
  page.hash = '';
  const id = attr(element, 'id') ?? attr(element, 'data-comment-id');
  return id ? `${page.href}#${id}` : page.href;
}

/**
 * A post's id is its permalink only on the page's own origin: the background records a page's posts
 * only under ids of that origin (so one site cannot write another's), and real pages link their own
 * posts elsewhere too (http:// links on an https page, a blog's old domain). The link is still shown.
 */
function onPageOrigin(permalink: string, base: string): boolean {
  return new URL(permalink).origin === new URL(base).origin;
}

function replyTrigger(element: Element): Element | null {
  const explicit = ownFirst(
    element,
    'a.comment-reply-link, [itemprop="replyAction"], button.reply, a.reply, .reply > a, [data-action="reply"]',
    NESTED,
  );
  if (explicit) return explicit;
  return (
    ownAll(element, 'a, button', NESTED).find((control) =>
      REPLY_WORDS.has(readLabel(control).toLowerCase()),
    ) ?? null
  );
}

/** A textarea inside the post (WordPress moves its #respond form under the comment) or the page's form. */
function ownComposer(element: Element): HTMLElement | null {
  const inside = ownFirst(element, 'textarea', NESTED);
  if (inside) return inside as HTMLElement;
  if (element.matches(REPLY_LIKE)) return null;
  return element.ownerDocument.querySelector<HTMLElement>(
    '#respond textarea, .comment-form textarea, form textarea[name*="comment"]',
  );
}

export const genericAdapter: SiteAdapter = guardAdapter({
  id: 'generic',
  platform: 'web',
  postSelector: POST_SELECTOR,
  matchesUrl: (url) => isHostEnabled('generic', url.hostname),
  findPosts,
  readPost,
  markerAnchor(element) {
    const time = ownFirst(element, 'time', NESTED);
    if (time) return outsideControls(time, element);
    for (const selector of AUTHOR_SELECTORS) {
      const node = ownFirst(element, selector, NESTED);
      if (node) return outsideControls(node, element);
    }
    return null;
  },
  openReplyComposer(element, options) {
    return openComposer({
      post: element,
      findTrigger: () => replyTrigger(element),
      findOwn: () => ownComposer(element),
      composerSelector: 'textarea',
      // Comment forms sit anywhere on the page (WordPress moves one form under the comment replied to).
      opensAnywhere: true,
      timeoutMs: options?.timeoutMs,
    });
  },
});
