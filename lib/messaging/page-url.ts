/**
 * The page address a content script sends with its requests. The background refuses a longer one (the
 * request schemas), so a page with a very long address (a search with a long query) would get no
 * config and no mentions recorded. What the background reads from it is the host and the path.
 */
export const MAX_PAGE_URL = 4_000;

/** `url` as sent: without its query and fragment when it is too long, and cut when still too long. */
export function pageUrlForMessage(url: string): string {
  if (url.length <= MAX_PAGE_URL) return url;
  const end = url.search(/[?#]/);
  const bare = end === -1 ? url : url.slice(0, end);
  return bare.slice(0, MAX_PAGE_URL);
}
