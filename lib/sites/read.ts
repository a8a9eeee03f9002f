/** Field readers shared by several adapters (DOM-specific; the parsing itself lives in dates/text). */
import { parseDisplayedTime, parseTimestamp } from './dates';
import { readLabel } from './text';

export interface PostedAt {
  postedAt: string | null;
  postedAtEstimated: boolean;
}

export const NO_TIME: PostedAt = { postedAt: null, postedAtEstimated: false };

/**
 * The posting time shown by element: its `datetime` attribute when it has one (exact), else the
 * display text, title or aria-label parsed as relative/localized time (estimated).
 */
export function readPostedAt(element: Element | null, now: Date = new Date()): PostedAt {
  if (!element) return NO_TIME;
  const exact = parseTimestamp(element.getAttribute('datetime'));
  if (exact) return { postedAt: exact, postedAtEstimated: false };
  for (const text of [
    element.getAttribute('title'),
    element.getAttribute('aria-label'),
    readLabel(element),
  ]) {
    const parsed = parseDisplayedTime(text, now);
    if (parsed) return { postedAt: parsed.iso, postedAtEstimated: parsed.estimated };
  }
  return NO_TIME;
}

/** Display text parsed as relative/localized time (estimated), or NO_TIME. */
export function postedAtFromText(text: string | null | undefined, now: Date = new Date()): PostedAt {
  const parsed = parseDisplayedTime(text, now);
  return parsed ? { postedAt: parsed.iso, postedAtEstimated: parsed.estimated } : NO_TIME;
}

/** Strips a leading '@' and surrounding whitespace from a handle. */
export function cleanHandle(value: string | null | undefined): string | null {
  const handle = value
    ?.replace(/[\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    .trim()
    .replace(/^@/, '');
  return handle ? handle : null;
}

/**
 * Reddit names the author of a post or comment whose account was deleted (or removed) "[deleted]"
 * ("[removed]") and keeps its text: that is no one's handle, and taken as one it would make every such
 * post the same customer's.
 */
const REDDIT_NO_AUTHOR = new Set(['[deleted]', '[removed]']);

/** A Reddit author attribute as a handle, or null when it names no account. */
export function redditHandle(value: string | null | undefined): string | null {
  const handle = cleanHandle(value);
  return handle && !REDDIT_NO_AUTHOR.has(handle) ? handle : null;
}
