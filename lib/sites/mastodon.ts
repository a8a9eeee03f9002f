/**
 * Mastodon web UI (any instance: enabled per host at runtime, see enabled-hosts). Markup per
 * mastodon/mastodon app/javascript/mastodon/components/status.jsx: .status[data-id] inside
 * .status__wrapper, time[datetime] in a.status__relative-time, .display-name__html / __account.
 * Handles keep user@domain: local accounts (shown as "@user") get the instance host appended.
 */
import type { ScrapedPost } from '../domain/types';
import { openComposer } from './composer';
import {
  absoluteUrl,
  attr,
  documentUrl,
  outsideControls,
  ownAll,
  ownFirst,
  pathSegments,
  queryAll,
} from './dom';
import { isHostEnabled } from './enabled-hosts';
import { guardAdapter } from './guard';
import { cleanHandle, NO_TIME, readPostedAt } from './read';
import { readLabel, readText } from './text';
import type { SiteAdapter } from './types';

/** Quoted statuses (Mastodon 4.5) are nested .status--is-quote cards: part of the quoting post. */
const POST_SELECTOR = '.status[data-id]:not(.status--is-quote), .detailed-status';
const NESTED = '.status[data-id], .detailed-status';
const COMPOSER_TEXTAREA = '.compose-form textarea.autosuggest-textarea__textarea';
const STATUS_PAGE = /^\/@[^/]+\/\d+\/?$|^\/(?:web\/)?statuses\/\d+\/?$/;

function readPost(status: Element): ScrapedPost | null {
  const base = documentUrl(status) || 'https://invalid.example/';
  const timeLink = ownFirst(status, 'a.status__relative-time, a.detailed-status__datetime', NESTED);
  const href = timeLink?.getAttribute('href') ?? null;
  const id = attr(status, 'data-id') ?? lastNumericSegment(href, base);
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
    ...(time ? readPostedAt(time) : NO_TIME),
    ...reply,
  };
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
 * Whether this status replies, and to what: the "Replied to …" label names the account; in a thread
 * view, statuses after the focused one reply to it (its data-id or permalink id).
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
  // Only a status page (/@acct/ID) has a focused status; skip the document query everywhere else.
  const focused = STATUS_PAGE.test(new URL(base).pathname)
    ? status.ownerDocument.querySelector('.detailed-status')
    : null;
  if (focused && focused !== status && focused.compareDocumentPosition(status) & 4) {
    const focusedId = lastNumericSegment(
      ownFirst(focused, 'a.detailed-status__datetime', NESTED)?.getAttribute('href') ?? null,
      base,
    );
    return { isReply: true, inReplyTo: focusedId };
  }
  return { isReply: Boolean(flagged), inReplyTo: null };
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
  const id = attr(status, 'data-id');
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
      // The action bar's first button is Reply (its label is localized).
      findTrigger: () =>
        ownFirst(status, '.status__action-bar button, .detailed-status__action-bar button', NESTED),
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
