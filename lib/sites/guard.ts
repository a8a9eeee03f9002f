import type { SiteAdapter } from './types';

/**
 * Wraps an adapter so nothing it does can throw into the page: site markup is untrusted and changes
 * without notice, so any read that fails counts as "could not read" (null or empty).
 */
export function guardAdapter(adapter: SiteAdapter): SiteAdapter {
  return {
    id: adapter.id,
    platform: adapter.platform,
    postSelector: adapter.postSelector,
    screenableText: adapter.screenableText,
    matchesUrl: (url) => attempt(() => adapter.matchesUrl(url), false),
    findPosts: (root) => attempt(() => adapter.findPosts(root), []),
    readPost: (element) => attempt(() => adapter.readPost(element), null),
    markerAnchor: (element) => attempt(() => adapter.markerAnchor(element), null),
    openReplyComposer: async (element, options) => {
      try {
        return await adapter.openReplyComposer(element, options);
      } catch {
        return null;
      }
    },
  };
}

function attempt<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}
