/**
 * Domain vocabulary shared by every context (content script, background, sidebar, CLI).
 * Pure types and constants only: no browser or DOM access here.
 */

export const PLATFORMS = [
  'x',
  'facebook',
  'instagram',
  'linkedin',
  'reddit',
  'youtube',
  'bluesky',
  'mastodon',
  'threads',
  'web',
] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_LABELS: Record<Platform, string> = {
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  reddit: 'Reddit',
  youtube: 'YouTube',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  threads: 'Threads',
  web: 'Web',
};

export const CATEGORIES = ['complaint', 'question', 'praise', 'crisis', 'spam', 'neutral'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  complaint: 'Complaint',
  question: 'Question',
  praise: 'Praise',
  crisis: 'Crisis',
  spam: 'Spam',
  neutral: 'Neutral',
};

/** 1 = lowest, 4 = highest; what each level means is defined by the policy's ratings. */
export const SEVERITIES = [1, 2, 3, 4] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What a site adapter reads from one post or comment in the page. All strings are untrusted page text. */
export interface ScrapedPost {
  platform: Platform;
  /** Stable id on the platform (status id, t1_/t3_ fullname, urn, …): the dedupe key with `platform`. */
  postId: string;
  permalink: string | null;
  author: {
    /** Handle without the leading @ (Mastodon keeps user@domain). */
    handle: string;
    displayName: string | null;
  };
  /** Visible text, emoji images replaced by their alt text. */
  text: string;
  /** ISO 8601, or null when the page shows no time at all. */
  postedAt: string | null;
  /** True when postedAt was parsed from relative or localized text rather than read as ISO. */
  postedAtEstimated: boolean;
  isReply: boolean;
  /** Post id (preferred) or handle of what this replies to, when the page shows it. */
  inReplyTo: string | null;
  /**
   * Every handle the page names as replied to, where it names several (X's "Replying to" line): the
   * brand can be any of them, not only the first, and X keeps them out of the text.
   */
  replyingTo?: string[];
}
