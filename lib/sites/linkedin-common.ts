/** Shared by the two LinkedIn adapters (legacy and 2026 markup): ids, times and profile handles. */
import { linkedInIdToIso } from './dates';
import { pathSegments } from './dom';
import { flattenedReplyTarget, type PostedAt, sameHandle } from './read';
import { readLabel } from './text';

export const LINKEDIN_HOSTS = new Set(['www.linkedin.com', 'linkedin.com']);
export const LINKEDIN_ORIGIN = 'https://www.linkedin.com/';

/** urn:li:comment:(activity:P,C) and urn:li:comment:(urn:li:ugcPost:P,C) → parts. */
const COMMENT_URN = /urn:li:comment:\((?:urn:li:)?(activity|ugcPost|share):(\d+),(\d+)\)/;

export interface CommentUrn {
  urn: string;
  postUrn: string;
  commentId: string;
}

export function parseCommentUrn(value: string | null | undefined): CommentUrn | null {
  const match = value ? COMMENT_URN.exec(value) : null;
  if (!match?.[1] || !match[2] || !match[3]) return null;
  // Canonical form (the two markups print the post half differently), so ids survive a markup switch.
  return {
    urn: `urn:li:comment:(${match[1]}:${match[2]},${match[3]})`,
    postUrn: `urn:li:${match[1]}:${match[2]}`,
    commentId: match[3],
  };
}

export function activityIdOf(urn: string | null | undefined): string | null {
  return urn ? (/urn:li:(?:activity|ugcPost|share):(\d+)/.exec(urn)?.[1] ?? null) : null;
}

/** The time encoded in a LinkedIn id (exact). */
export function postedAtFromId(id: string | null): PostedAt | null {
  const iso = linkedInIdToIso(id);
  return iso ? { postedAt: iso, postedAtEstimated: false } : null;
}

/** '/in/jane-doe-5821/' → 'jane-doe-5821'; '/company/acmehelp/' → 'acmehelp'. */
export function linkedInHandle(href: string | null | undefined): string | null {
  const segments = pathSegments(href ?? null, LINKEDIN_ORIGIN);
  const kind = segments[0];
  if ((kind === 'in' || kind === 'company' || kind === 'school' || kind === 'showcase') && segments[1]) {
    return segments[1];
  }
  return null;
}

export function postPermalink(postUrn: string): string {
  return `${LINKEDIN_ORIGIN}feed/update/${postUrn}/`;
}

export function commentPermalink(comment: CommentUrn): string {
  return `${postPermalink(comment.postUrn)}?commentUrn=${encodeURIComponent(comment.urn)}`;
}

/** Links to the kinds of profile that post: people, companies, their showcase pages, schools. */
export const PROFILE_LINK = ['in', 'company', 'showcase', 'school']
  .map((kind) => `a[href*="linkedin.com/${kind}/"], a[href^="/${kind}/"]`)
  .join(', ');

/**
 * Who wrote a comment, as its header shows them: the handles its profile links give (LinkedIn may link
 * one person by vanity slug in one place and by member id, /in/ACoAA…, in another) and the name shown.
 */
export interface CommentAuthor {
  handles: readonly string[];
  name: string | null;
}

/**
 * What a comment answers. LinkedIn lists a reply to a reply under the thread's top comment, and its
 * reply box opens the text with a mention of whom it answers: a reply that opens with a profile other
 * than the top comment's author (or its own) answers that profile, given as its handle, since the page
 * shows no id of the reply it answers. Otherwise the comment it is listed under, or the post. A mention
 * is taken for an author when it links any of the author's profile links or shows the author's name,
 * as the link a mention carries need not be the one in the author's header.
 */
export function answeredBy(
  comment: { postUrn: string; author: CommentAuthor; textBox: Element | null; text: string },
  parent: { urn: string; author: () => CommentAuthor | null } | null,
): string {
  if (!parent) return comment.postUrn;
  return flattenedReplyTarget({
    parentId: parent.urn,
    author: comment.author,
    mentioned: openingMention(comment.textBox, comment.text),
    parentAuthor: parent.author,
    names,
    handleOf: (mention) => mention.handle,
  });
}

interface Mention {
  handle: string;
  name: string;
}

function names(mention: Mention, author: CommentAuthor): boolean {
  if (author.handles.some((candidate) => sameHandle(candidate, mention.handle))) return true;
  return author.name !== null && comparableName(author.name) === comparableName(mention.name);
}

function comparableName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The profile a text opens with (a mention link): its handle and the name it shows, or null. */
function openingMention(textBox: Element | null, text: string): Mention | null {
  const link = textBox?.querySelector(PROFILE_LINK);
  const name = link ? readLabel(link) : '';
  if (!link || !name || !text.trimStart().startsWith(name)) return null;
  const handle = linkedInHandle(link.getAttribute('href'));
  return handle ? { handle, name } : null;
}
