/**
 * Which posts a page may report. Why this check exists: a post's key (platform + id) decides which
 * case and customer a report writes to, and a re-report refreshes a known post's text. The content
 * script reads ids from a page it does not control (a link's href, an element's id), so without this a
 * page could write posts of another site, or another origin's, into the agent's case history. A page
 * may report only posts of the site it is.
 */
import type { Platform } from '../domain/types';
import { PLATFORM_HOSTS } from '../sites/matches';

const HOST_PLATFORM = new Map<string, Platform>(
  Object.entries(PLATFORM_HOSTS).flatMap(([platform, hosts]) =>
    hosts.map((host): [string, Platform] => [host, platform as Platform]),
  ),
);

function parseUrl(url: string | undefined | null): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function mayReport(
  senderUrl: string | undefined,
  post: { platform: Platform; postId: string },
): boolean {
  const page = parseUrl(senderUrl);
  if (page?.protocol !== 'https:') return false;
  const sitePlatform = HOST_PLATFORM.get(page.hostname);
  if (sitePlatform !== undefined) return post.platform === sitePlatform;
  // Hosts enabled at runtime: a Mastodon instance, or any other site read by the generic adapter,
  // whose post ids are URLs on the page's own origin.
  if (post.platform === 'mastodon') return true;
  if (post.platform === 'web') return parseUrl(post.postId)?.origin === page.origin;
  return false;
}
