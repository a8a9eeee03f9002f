/**
 * Which posts a page may report. Why this check exists: a post's key (platform + id) decides which
 * case and customer a report writes to, and a re-report refreshes a known post's text. The content
 * script reads ids from a page it does not control (a link's href, an element's id), so without this a
 * page could write posts of another site, or another origin's, into the agent's case history. A page
 * may report only posts of the site it is: the platform its own adapters read, a Mastodon instance the
 * agent enabled, or a site enabled for the generic reader whose post ids are on its own origin.
 */
import type { Platform } from '../domain/types';
import { normalizeHost } from '../sites/enabled-hosts';
import { adaptersForUrl } from '../sites/registry';

export interface EnabledHostLists {
  mastodonHosts: readonly string[];
  genericHosts: readonly string[];
}

/** The host-agnostic adapters: they apply only where the agent enabled them, decided below. */
const RUNTIME_PLATFORMS: ReadonlySet<Platform> = new Set(['mastodon', 'web']);

function parseUrl(url: string | undefined | null): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The check for one report: what the page is is worked out once, then each post is a lookup. Returns
 * whether the page may report `post`.
 */
export function reportFilter(
  senderUrl: string | undefined,
  enabled: EnabledHostLists,
): (post: { platform: Platform; postId: string }) => boolean {
  const page = parseUrl(senderUrl);
  if (!page) return () => false;
  const sitePlatforms = new Set(
    adaptersForUrl(page)
      .map((adapter) => adapter.platform)
      .filter((platform) => !RUNTIME_PLATFORMS.has(platform)),
  );
  if (sitePlatforms.size > 0) return (post) => sitePlatforms.has(post.platform);
  const host = normalizeHost(page.hostname);
  if (host === null) return () => false;
  const enabledFor = (hosts: readonly string[]) => hosts.some((entry) => normalizeHost(entry) === host);
  const mastodon = enabledFor(enabled.mastodonHosts);
  const generic = enabledFor(enabled.genericHosts);
  return (post) => {
    if (post.platform === 'mastodon') return mastodon;
    if (post.platform === 'web') return generic && parseUrl(post.postId)?.origin === page.origin;
    return false;
  };
}
