/**
 * Mastodon web UI (any instance: enabled per host at runtime, see enabled-hosts). Markup per
 * mastodon/mastodon app/javascript/mastodon/components/status.jsx: .status[data-id] inside
 * .status__wrapper, time[datetime] in a.status__relative-time, .display-name__html / __account; a
 * status page's focused status per features/status (detailed_status.tsx): .detailed-status, no data-id.
 * Handles keep user@domain: local accounts (shown as "@user") get the instance host appended.
 */
import type { ScrapedPost } from '../domain/types';
import { openComposer } from './composer';
import {
  absoluteUrl,
  attr,
  documentUrl,
  isElement,
  outsideControls,
  ownAll,
  ownFirst,
  pathSegments,
  queryAll,
} from './dom';
import { isHostEnabled } from './enabled-hosts';
import { guardAdapter } from './guard';
import { cleanHandle, readPostedAt, sameHandle } from './read';
import { readLabel, readText } from './text';
import type { SiteAdapter } from './types';

/** Quoted statuses (Mastodon 4.5) are nested .status--is-quote cards: part of the quoting post. */
const POST_SELECTOR = '.status[data-id]:not(.status--is-quote), .detailed-status';
const NESTED = '.status[data-id], .detailed-status';
const COMPOSER_TEXTAREA = '.compose-form textarea.autosuggest-textarea__textarea';
const STATUS_PAGE = /^\/@[^/]+\/\d+\/?$|^\/(?:web\/)?statuses\/\d+\/?$/;

function readPost(status: Element): ScrapedPost | null {
  const base = documentUrl(status) || 'https://invalid.example/';
  const timeLink = readTimeLink(status);
  const href = timeLink?.getAttribute('href') ?? null;
  const id = statusId(status, href, base);
  const handle = readHandle(status, base);
  if (!id || !handle) return null;
  const time = timeLink?.querySelector('time') ?? ownFirst(status, 'time[datetime]', NESTED);
  const reply = readReply(status, base);
  return {
    platform: 'mastodon',
    postId: id,
    permalink: absoluteUrl(href, base),
    author: { handle, displayName: readLabel(ownFirst(status, '.display-name__html', NESTED)) || null },
    text: readStatusText(status),
    // The focused status's date link holds the formatted date as text, with no <time>.
    ...readPostedAt(time ?? timeLink),
    ...reply,
  };
}

function readTimeLink(status: Element): Element | null {
  return ownFirst(status, 'a.status__relative-time, a.detailed-status__datetime', NESTED);
}

/**
 * The warning, the text, then the hashtag bar: all three are what the author wrote. A content warning
 * (not a filter's banner) is often the only text shown, as the content is not rendered until expanded;
 * since 4.2 a last line made only of hashtags is moved out of the content into the hashtag bar (its
 * first three, until the reader asks for more).
 */
function readStatusText(status: Element): string {
  const parts = [
    readText(ownFirst(status, '.content-warning:not(.content-warning--filter) > p', NESTED)),
    readText(ownFirst(status, '.status__content__text', NESTED)),
    ownAll(status, '.hashtag-bar a', NESTED)
      .map((tag) => readLabel(tag))
      .filter(Boolean)
      .join(' '),
  ];
  return parts.filter(Boolean).join('\n');
}

/** user@domain from the account line ("@user@domain", or "@user" on the local instance). */
function readHandle(status: Element, base: string): string | null {
  const account = cleanHandle(readLabel(ownFirst(status, '.display-name__account', NESTED)));
  const profileHref = ownFirst(
    status,
    'a.status__display-name, a.detailed-status__display-name',
    NESTED,
  )?.getAttribute('href');
  const fromHref = cleanHandle(pathSegments(profileHref ?? null, base)[0]);
  return withHost(account ?? fromHref, absoluteUrl(profileHref, base) ?? base);
}

/** 'user' → 'user@host' (the instance serving the profile link); 'user@domain' unchanged. */
function withHost(handle: string | null, profileUrl: string): string | null {
  if (!handle || handle.includes('@')) return handle;
  const host = hostOf(profileUrl);
  return host ? `${handle}@${host}` : handle;
}

/**
 * Whether this status replies, and to what. The "Replied to …" label names the account. A thread view
 * shows no label: Mastodon's reply box starts a reply with the replied account's mention (then the
 * others'), so the leading mention names it. After the focused status, a reply addressed to its author
 * answers it, and so does one with no mention: the author may have deleted the one the box filled in
 * (or it was their own, which Mastodon leaves out), and the focused status is what the page is about.
 */
function readReply(status: Element, base: string): Pick<ScrapedPost, 'isReply' | 'inReplyTo'> {
  const wrapper = status.parentElement?.closest('.status__wrapper');
  const flagged =
    status.classList.contains('status-reply') || wrapper?.classList.contains('status__wrapper-reply');
  const prepend = wrapper?.querySelector(':scope > .status__prepend');
  // A boost's prepend names the booster (retweet/repeat icon), not the account replied to.
  const isBoost =
    prepend?.querySelector('.icon-retweet, [class*="icon-repeat"], [class*="icon-retweet"]') != null;
  const repliedTo = flagged && prepend && !isBoost ? prepend.querySelector('a[href]') : null;
  if (repliedTo) {
    const href = repliedTo.getAttribute('href');
    const account = withHost(cleanHandle(pathSegments(href, base)[0]), absoluteUrl(href, base) ?? base);
    if (account) return { isReply: true, inReplyTo: account };
  }
  const focused = focusedStatus(status, base);
  const afterFocused =
    focused !== null &&
    focused.element !== status &&
    (focused.element.compareDocumentPosition(status) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  if (!flagged && !afterFocused) return { isReply: false, inReplyTo: null };
  const mentioned = leadingMention(status, base);
  if (
    afterFocused &&
    (mentioned === null || (focused.handle !== null && sameHandle(mentioned, focused.handle)))
  ) {
    return { isReply: true, inReplyTo: focused.id };
  }
  return { isReply: true, inReplyTo: mentioned };
}

interface FocusedStatus {
  url: string;
  element: Element;
  id: string | null;
  handle: string | null;
}

/** Read once per focused status: every reply under it asks for it. */
let lastFocused: FocusedStatus | null = null;

/** The status page's focused status (/@acct/ID), or null on any other page. */
function focusedStatus(status: Element, base: string): FocusedStatus | null {
  // Only a status page has a focused status; skip the document query everywhere else.
  if (!STATUS_PAGE.test(new URL(base).pathname)) return null;
  const cached = lastFocused;
  if (
    cached?.url === base &&
    cached.element.isConnected &&
    cached.element.ownerDocument === status.ownerDocument
  )
    return cached;
  const element = status.ownerDocument.querySelector('.detailed-status');
  if (!element) return null;
  const href = readTimeLink(element)?.getAttribute('href') ?? null;
  lastFocused = { url: base, element, id: statusId(element, href, base), handle: readHandle(element, base) };
  return lastFocused;
}

/**
 * user@domain of the mention the status's text starts with, or null. The web app points a mention's
 * link at /@acct (the server's HTML, and other software's, at the profile: https://host/@user or
 * https://host/users/user, whose host completes a bare "@user").
 */
function leadingMention(status: Element, base: string): string | null {
  let node = firstShown(ownFirst(status, '.status__content__text', NESTED)?.firstChild ?? null);
  // Mastodon's own posts are paragraphs; other software's may start with the mention itself.
  if (isElement(node) && node.matches('p')) node = firstShown(node.firstChild);
  if (!isElement(node)) return null;
  const link = node.matches('a') ? node : node.matches('.h-card') ? node.querySelector('a[href]') : null;
  if (!link?.classList.contains('mention') || link.classList.contains('hashtag')) return null;
  const label = readLabel(link);
  if (!label.startsWith('@')) return null;
  const href = link.getAttribute('href');
  const segment = pathSegments(href, base)[0];
  const name = cleanHandle(segment?.startsWith('@') ? segment : label);
  const account = withHost(name, absoluteUrl(href, base) ?? base);
  return account && ACCOUNT.test(account) ? account : null;
}

function firstShown(start: ChildNode | null): ChildNode | null {
  let node = start;
  while (node && node.nodeType === Node.TEXT_NODE && !node.textContent?.trim()) node = node.nextSibling;
  return node;
}

const ACCOUNT = /^[\p{L}\p{N}_.-]+@[\p{L}\p{N}.-]+$/u;

/** A status's id: its data-id, or (the focused status has none) the end of its date link `timeHref`. */
function statusId(status: Element, timeHref: string | null, base: string): string | null {
  return attr(status, 'data-id') ?? lastNumericSegment(timeHref, base);
}

function lastNumericSegment(href: string | null, base: string): string | null {
  const last = pathSegments(href, base).at(-1);
  return last && /^\d+$/.test(last) ? last : null;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/** The compose form's textarea when its reply indicator points at this status. */
function composerFor(status: Element): HTMLElement | null {
  const base = documentUrl(status) || 'https://invalid.example/';
  const id = statusId(status, readTimeLink(status)?.getAttribute('href') ?? null, base);
  if (!id) return null;
  for (const indicator of status.ownerDocument.querySelectorAll('.compose-form .reply-indicator')) {
    const pointsHere = [...indicator.querySelectorAll('a[href]')].some((link) =>
      (link.getAttribute('href') ?? '').endsWith(`/${id}`),
    );
    if (pointsHere)
      return indicator.closest('.compose-form')?.querySelector<HTMLElement>(COMPOSER_TEXTAREA) ?? null;
  }
  return null;
}

export const mastodonAdapter: SiteAdapter = guardAdapter({
  id: 'mastodon',
  platform: 'mastodon',
  postSelector: POST_SELECTOR,
  matchesUrl: (url) => isHostEnabled('mastodon', url.hostname),
  findPosts: (root) => queryAll(root, POST_SELECTOR),
  readPost,
  markerAnchor: (status) =>
    outsideControls(
      ownFirst(status, 'a.status__display-name, a.detailed-status__display-name', NESTED),
      status,
    ),
  openReplyComposer(status, options) {
    return openComposer({
      post: status,
      // The action bar's first button is Reply (its label is localized). The focused status's action bar
      // is beside .detailed-status in its wrapper, not inside it.
      findTrigger: () =>
        ownFirst(status, '.status__action-bar button, .detailed-status__action-bar button', NESTED) ??
        (status.matches('.detailed-status')
          ? (status
              .closest('.detailed-status__wrapper')
              ?.querySelector('.detailed-status__action-bar button') ?? null)
          : null),
      findOwn: () => composerFor(status),
      // Older versions' reply indicator has no link to the status: a new indicator after the click is ours.
      composerSelector: '.compose-form .reply-indicator',
      toEditable: (indicator) =>
        indicator.closest('.compose-form')?.querySelector<HTMLElement>(COMPOSER_TEXTAREA) ?? null,
      // The compose form is a column of its own, beside the timeline.
      opensAnywhere: true,
      timeoutMs: options?.timeoutMs,
    });
  },
});
