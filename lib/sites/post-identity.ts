import { normalizeHandle } from '../db/ids';
import type { ScrapedPost } from '../domain/types';
import { isMadeUpId } from './dom';
import type { SiteAdapter } from './types';

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
    (isMadeUpId(now.postId) || isMadeUpId(post.postId)) &&
    normalizeHandle(now.author.handle) === normalizeHandle(post.author.handle)
  );
}
