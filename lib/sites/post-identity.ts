import type { ScrapedPost } from '../domain/types';
import type { SiteAdapter } from './types';

/**
 * Ids an adapter made up from the author and text where the page showed none (stableHash: Facebook
 * before it fills in a permalink, generic comments without one, LinkedIn cards). They change as the page
 * fills in the link or expands "See more", while the post stays the same.
 */
const MADE_UP_ID = /(?:^h|#h|^urn:li:card:)[0-9a-f]{8}$/;

const handleKey = (handle: string) => handle.trim().replace(/^@+/, '').toLowerCase();

/**
 * Whether `element` still shows `post`. Sites reuse a post's element for another post (X recycles
 * timeline cells), and a reply through it would answer whichever post it shows now. A made-up id that
 * changed is the same post while the author is.
 */
export function stillShowsPost(
  adapter: Pick<SiteAdapter, 'readPost'>,
  element: Element,
  post: Pick<ScrapedPost, 'postId' | 'author'>,
): boolean {
  const now = adapter.readPost(element);
  if (!now) return false;
  if (now.postId === post.postId) return true;
  return (
    (MADE_UP_ID.test(now.postId) || MADE_UP_ID.test(post.postId)) &&
    handleKey(now.author.handle) === handleKey(post.author.handle)
  );
}
