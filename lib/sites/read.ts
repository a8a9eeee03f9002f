/** Field readers shared by several adapters (DOM-specific; the parsing itself lives in dates/text). */
import { normalizeHandle } from '../db/ids';
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

/**
 * The handle a text starts with ("@who …"), without the @ and a sentence's trailing dot, or null.
 * `handle` matches the site's handle characters at the start of the text, after the @.
 */
export function leadingHandle(text: string, handle: RegExp): string | null {
  if (!text.startsWith('@')) return null;
  const found = handle.exec(text.slice(1))?.[0]?.replace(/[.·-]+$/, '');
  return found ? found : null;
}

/**
 * What a reply in a flattened thread answers. YouTube, Instagram and LinkedIn list a reply to a reply
 * under the top comment, link that comment as its parent, and start its text with a mention of whom it
 * answers: when the mention names neither the parent's author nor the replier, the reply answers that
 * account (its handle, which inReplyTo allows; the mention is taken as is when the parent's author
 * cannot be read), else the parent comment. `names` says whether a mention names an author: a handle
 * compare on YouTube and Instagram, more on LinkedIn, whose mentions link profiles several ways.
 */
export function flattenedReplyTarget<Mention, Author>(reply: {
  parentId: string;
  author: Author;
  mentioned: Mention | null;
  parentAuthor: () => Author | null;
  names: (mention: Mention, author: Author) => boolean;
  handleOf: (mention: Mention) => string;
}): string {
  const { mentioned, names } = reply;
  if (mentioned === null || names(mentioned, reply.author)) return reply.parentId;
  const parentAuthor = reply.parentAuthor();
  return parentAuthor !== null && names(mentioned, parentAuthor) ? reply.parentId : reply.handleOf(mentioned);
}

/** A mention that is itself a handle ("@who" at the start of a comment). */
export const mentionedHandle = (mention: string): string => mention;

/** One account however its handle is written (case, a leading @). */
export function sameHandle(a: string, b: string): boolean {
  return normalizeHandle(a) === normalizeHandle(b);
}
