/** Shared by the two LinkedIn adapters (legacy and 2026 markup): ids, times and profile handles. */
import { linkedInIdToIso } from './dates';
import { pathSegments } from './dom';
import type { PostedAt } from './read';

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
