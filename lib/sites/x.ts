/**
 * X / Twitter (x.com, twitter.com). Markup per insin/control-panel-for-twitter and kepano/defuddle
 * (see /work/shared/notes/sites.md). The timeline is virtualized and recycles cells, so posts are keyed
 * by status id and every read goes back to the element (nothing is cached on it).
 */
import type { ScrapedPost } from '../domain/types';
import { openComposer } from './composer';
import { absoluteUrl, documentUrl, type OwnScope, ownFirst, ownScope, queryAll } from './dom';
import { guardAdapter } from './guard';
import { cleanHandle, NO_TIME, readPostedAt } from './read';
import { X_SITE } from './screenable';
import { readLabel, readText } from './text';
import type { SiteAdapter } from './types';

const HOSTS = X_SITE.hosts;
const POST_SELECTOR = X_SITE.postSelector;
/** A quoted tweet is a role=link card inside the article; nested articles are other tweets. */
const NESTED_SELECTOR = `div[role="link"], ${POST_SELECTOR}`;
const STATUS_PATH = /\/status(?:es)?\/(\d{1,25})(?:[/?#]|$)/;
const HANDLE_TEXT = /^@(\w{1,15})$/;
const PROFILE_PATH = /^\/(\w{1,15})\/?(?:[?#]|$)/;
const COMPOSER_SELECTOR = '[data-testid^="tweetTextarea_"][contenteditable="true"]';
const CELL_SELECTOR = '[data-testid="cellInnerDiv"]';
/** A timeline section's title ("Discover more", "Who to follow") is an h2 in a cell of its own. */
const HEADING_SELECTOR = 'h2[role="heading"]';
/** X keeps a few dozen cells mounted: a look further up or down than this finds nothing more. */
const MAX_CELLS_AWAY = 50;
/** Tweets placed per conversation before starting over (a status page's replies, read for hours). */
const MAX_PLACES = 10_000;

function readPost(article: Element): ScrapedPost | null {
  const own = ownScope(article, NESTED_SELECTOR);
  const statusLink = ownStatusLink(own);
  const href = statusLink?.getAttribute('href') ?? null;
  const statusId = href ? STATUS_PATH.exec(href)?.[1] : undefined;
  if (!statusId) return null;

  const userName = own.first('[data-testid="User-Name"]');
  const handle = readHandle(userName) ?? cleanHandle(href?.split('/')[1]);
  if (!handle) return null;

  const tweetText = own.first('[data-testid="tweetText"]');
  const time = statusLink?.querySelector('time') ?? own.first('time');
  const replyingTo = replyingToHandles(own, userName, tweetText);
  const page = pageFacts(documentUrl(article));
  const focalId = page.focalId;
  // A "Replying to" line already says whom it answers: the walk among the cells is only for the rest.
  const followsFocal =
    replyingTo.length === 0 &&
    focalId !== null &&
    focalId !== statusId &&
    inRepliesBlock(article, statusId, focalId);

  return {
    platform: 'x',
    postId: statusId,
    permalink: absoluteUrl(href, page.base),
    author: { handle, displayName: readDisplayName(userName) },
    text: readText(tweetText, { whitespace: 'pre-wrap' }),
    ...(time ? readPostedAt(time) : NO_TIME),
    isReply: replyingTo.length > 0 || followsFocal,
    inReplyTo: replyingTo[0] ?? (followsFocal ? focalId : null),
    ...(replyingTo.length > 1 ? { replyingTo } : {}),
  };
}

/** The article's own permalink: the link around its own <time>, else its own /status/ link. */
function ownStatusLink(own: OwnScope): Element | null {
  const time = own.first('time');
  const around = time?.closest('a[href]');
  if (around && STATUS_PATH.test(around.getAttribute('href') ?? '')) return around;
  for (const link of own.all('a[href*="/status/"]')) {
    const href = link.getAttribute('href') ?? '';
    if (!/\/(?:photo|video|analytics|quotes|retweets|likes|history)(?:\/|$)/.test(href)) return link;
  }
  return null;
}

/**
 * The author's handle: the "@handle" whose own link goes to that handle's profile. A display name can
 * read "@brand" too (it comes first), so text alone is not trusted; else the first profile link's.
 */
function readHandle(userName: Element | null): string | null {
  if (!userName) return null;
  let firstProfile: string | null = null;
  for (const link of userName.querySelectorAll('a[href^="/"]')) {
    const profile = PROFILE_PATH.exec(link.getAttribute('href') ?? '')?.[1];
    if (!profile) continue;
    firstProfile ??= profile;
    // The '@' can only come from a text node (emoji alt text never holds one): the display name's
    // link is passed over without walking its text.
    if (!link.textContent?.includes('@')) continue;
    const shown = HANDLE_TEXT.exec(readLabel(link))?.[1];
    if (shown?.toLowerCase() === profile.toLowerCase()) return profile;
  }
  return firstProfile;
}

/** Display name: the name link's text (emoji as alt), never the @handle or the time. */
function readDisplayName(userName: Element | null): string | null {
  if (!userName) return null;
  for (const link of userName.querySelectorAll('a')) {
    if (link.querySelector('time')) continue;
    const label = readLabel(link);
    if (label && !label.startsWith('@')) return label;
  }
  // Quoted-tweet style (no links): the first block holds the name.
  const first = userName.firstElementChild;
  const label = first ? readLabel(first) : '';
  return label && !label.startsWith('@') ? label : null;
}

/** Handles in the "Replying to @…" line: own @links outside the name row and the tweet text. */
function replyingToHandles(own: OwnScope, userName: Element | null, tweetText: Element | null): string[] {
  const handles: string[] = [];
  for (const link of own.all('a[href^="/"]')) {
    // Cheap checks first: this runs for every link of every tweet.
    if (!link.textContent?.includes('@') || userName?.contains(link) || tweetText?.contains(link)) continue;
    const match = HANDLE_TEXT.exec(readLabel(link));
    if (match?.[1]) handles.push(match[1]);
  }
  return handles;
}

/** On a /status/ID page, the focal tweet's id; replies are rendered after it. */
function conversationFocus(article: Element): string | null {
  return pageFacts(documentUrl(article)).focalId;
}

function statusIdOf(article: Element): string | null {
  const href = ownStatusLink(ownScope(article, NESTED_SELECTOR))?.getAttribute('href');
  return (href && STATUS_PATH.exec(href)?.[1]) || null;
}

/**
 * Whether a tweet of a /status/ page is in its replies block: below the focal tweet and above the
 * first heading cell, under which ("Discover more") X lists tweets that reply to nothing. Above the
 * focal tweet is the thread it answers.
 *
 * X unmounts cells far from the viewport, the focal tweet first as the agent reads down the replies,
 * and only tweets that pass the text screen are read, so the answer comes from the nearest cell that
 * tells: above, the focal tweet (a reply), a heading (after the replies) or a tweet placed before;
 * failing that, below, the focal tweet (the thread), a heading (a reply) or a placed tweet. Every cell
 * passed on the way sits where the tweet does. Kept by status id for the conversation (the focal
 * tweet's id, not the URL, which the photo viewer changes), so a tweet is placed once: a re-read is a
 * lookup.
 *
 * With nothing telling in reach either way (the tweet is far from both ends of the replies block, or
 * far under the heading), it counts as a reply until a walk has met a heading in this conversation, and
 * not after: the agent reads a status page downwards, so a reply is rarely first read once the heading
 * went by, and a suggestion read before any walk met the heading counts as a reply, as every tweet
 * below the focal tweet once did. The cells' translateY offsets would tell more, but they shift as
 * cells above them grow, and a recorded one goes stale.
 */
function inRepliesBlock(article: Element, statusId: string, focalId: string): boolean {
  const cell = article.closest(CELL_SELECTOR);
  if (!cell?.parentElement) return false;
  const talk = conversationAbout(focalId);
  const known = talk.places.get(statusId);
  if (known) return known === 'replies';

  const passed = [statusId];
  const place =
    placeFromCells(cell, 'up', talk, passed) ??
    placeFromCells(cell, 'down', talk, passed) ??
    (talk.headingSeen ? 'more' : 'replies');
  if (talk.places.size + passed.length > MAX_PLACES) talk.places.clear();
  for (const id of passed) talk.places.set(id, place);
  return place === 'replies';
}

/**
 * The place the nearest telling cell above (or below) gives, or undefined; the ids of the tweets passed
 * on the way are added to passed.
 */
function placeFromCells(
  cell: Element,
  direction: 'up' | 'down',
  talk: Conversation,
  passed: string[],
): Place | undefined {
  const up = direction === 'up';
  const step = (from: Element) => (up ? from.previousElementSibling : from.nextElementSibling);
  let other = step(cell);
  for (let steps = 0; other && steps < MAX_CELLS_AWAY; steps++, other = step(other)) {
    const tweet = other.querySelector(POST_SELECTOR);
    if (!tweet) {
      if (other.querySelector(HEADING_SELECTOR)) {
        talk.headingSeen = true;
        return up ? 'more' : 'replies';
      }
      continue;
    }
    const id = statusIdOf(tweet);
    if (!id) continue;
    if (id === talk.focalId) return up ? 'replies' : 'thread';
    const place = talk.places.get(id);
    if (place) return place;
    passed.push(id);
  }
  return undefined;
}

/** Where a tweet of a /status/ page sits: above the focal tweet, among its replies, or under a heading. */
type Place = 'thread' | 'replies' | 'more';

interface Conversation {
  focalId: string;
  places: Map<string, Place>;
  headingSeen: boolean;
}

/** The conversation last read: one status page at a time. */
let conversation: Conversation | null = null;

function conversationAbout(focalId: string): Conversation {
  if (conversation?.focalId !== focalId) conversation = { focalId, places: new Map(), headingSeen: false };
  return conversation;
}

interface PageFacts {
  base: string;
  focalId: string | null;
}

/**
 * What the page's URL says about every post on it, parsed once per URL rather than twice per post
 * (a first pass reads hundreds of posts on the same page).
 */
let lastPage: (PageFacts & { url: string }) | null = null;
function pageFacts(url: string): PageFacts {
  if (lastPage?.url === url) return lastPage;
  let base = 'https://x.com/';
  let focalId: string | null = null;
  try {
    const parsed = url ? new URL(url) : null;
    if (parsed && HOSTS.has(parsed.hostname)) base = url;
    if (parsed) focalId = STATUS_PATH.exec(parsed.pathname)?.[1] ?? null;
  } catch {
    // Not a URL: no focus, the default base.
  }
  lastPage = { url, base, focalId };
  return lastPage;
}

export const xAdapter: SiteAdapter = guardAdapter({
  id: 'x',
  screenableText: true,
  platform: 'x',
  postSelector: POST_SELECTOR,
  matchesUrl: (url) => HOSTS.has(url.hostname),
  findPosts: (root) => queryAll(root, POST_SELECTOR),
  readPost,
  markerAnchor: (article) => ownFirst(article, '[data-testid="User-Name"]', NESTED_SELECTOR),
  openReplyComposer(article, options) {
    const statusId = statusIdOf(article);
    const isFocal = statusId !== null && statusId === conversationFocus(article);
    return openComposer({
      post: article,
      key: statusId ? `x:${statusId}` : null,
      findTrigger: () => ownFirst(article, '[data-testid="reply"]', NESTED_SELECTOR),
      // The inline composer under the focal tweet of a /status/ page replies to that tweet.
      findOwn: () =>
        isFocal
          ? ([...article.ownerDocument.querySelectorAll<HTMLElement>(COMPOSER_SELECTOR)].find(
              (editor) => !editor.closest('[role="dialog"]'),
            ) ?? null)
          : null,
      composerSelector: COMPOSER_SELECTOR,
      timeoutMs: options?.timeoutMs,
    });
  },
});
