import type { Platform } from '../domain/types';

/** Which platform a site's host belongs to, for the popup's "this site" switch. */
const HOSTS: Record<string, Platform> = {
  'x.com': 'x',
  'twitter.com': 'x',
  'mobile.twitter.com': 'x',
  'www.facebook.com': 'facebook',
  'm.facebook.com': 'facebook',
  'www.instagram.com': 'instagram',
  'www.linkedin.com': 'linkedin',
  'www.reddit.com': 'reddit',
  'old.reddit.com': 'reddit',
  'www.youtube.com': 'youtube',
  'bsky.app': 'bluesky',
  'www.threads.com': 'threads',
  'www.threads.net': 'threads',
};

export function platformForHost(
  host: string,
  enabled: { mastodonHosts: readonly string[]; genericHosts: readonly string[] },
): Platform | null {
  const normalized = host.toLowerCase();
  const known = HOSTS[normalized];
  if (known) return known;
  if (enabled.mastodonHosts.includes(normalized)) return 'mastodon';
  if (enabled.genericHosts.includes(normalized)) return 'web';
  return null;
}

/**
 * A link from page text (a permalink) as something safe to put in href: http(s) only, so a hostile
 * `javascript:` or `data:` value can never run in the sidebar.
 */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The origin pattern an optional host permission is requested for ('https://host/*'). */
export function originPatternFor(url: URL): string {
  return `${url.protocol}//${url.hostname}/*`;
}
