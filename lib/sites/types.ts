import type { Platform, ScrapedPost } from '../domain/types';

/**
 * One adapter per site (or per markup generation of a site), registered in `lib/sites/registry.ts`.
 * Adapters read untrusted markup: they must never throw into the page; anything they cannot read is
 * skipped (readPost returns null).
 */
export interface SiteAdapter {
  /** Unique id, e.g. 'x', 'reddit-new', 'reddit-old', 'linkedin-legacy', 'linkedin-new'. */
  id: string;
  platform: Platform;
  /** Whether this adapter handles pages at this URL (host check; Mastodon/generic are enabled per host). */
  matchesUrl(url: URL): boolean;
  /**
   * True when readPost takes everything that can make a post relevant (its text, the author's @handle,
   * the handles it replies to) from text nodes in the post's light DOM. The scanner may then screen the
   * page's text once and read only posts whose text contains a brand term or own handle. Leave unset for
   * sites that keep authors in attributes or content in shadow roots (Reddit).
   */
  screenableText?: boolean;
  /** A CSS selector list matching every post/comment element this adapter reads (used for batching). */
  postSelector: string;
  /** Posts/comments found under root (document or a subtree), outermost-first, no duplicates. */
  findPosts(root: ParentNode): Element[];
  /** Reads one post element; null when it cannot (odd markup) or it is not a post. */
  readPost(element: Element): ScrapedPost | null;
  /** The element the marker button is placed after (inside the post, not covering the site's controls). */
  markerAnchor(element: Element): Element | null;
  /**
   * Opens that post's reply composer and resolves with the editable element (contenteditable root or
   * textarea), or null when it cannot be found within the timeout.
   */
  openReplyComposer(element: Element, options?: { timeoutMs?: number }): Promise<HTMLElement | null>;
}
