import type { Platform } from '../domain/types';

/**
 * The hosts of each site Parley knows at build time. Mastodon instances and any other site the agent
 * enables are added at runtime (optional host permission + scripting.registerContentScripts), because
 * their hosts are not known when the extension is built.
 */
const PLATFORM_HOSTS = {
  x: ['x.com', 'twitter.com'],
  facebook: ['www.facebook.com'],
  instagram: ['www.instagram.com'],
  linkedin: ['www.linkedin.com'],
  reddit: ['www.reddit.com', 'old.reddit.com'],
  youtube: ['www.youtube.com'],
  bluesky: ['bsky.app'],
  threads: ['www.threads.com', 'www.threads.net'],
} as const satisfies Partial<Record<Platform, readonly string[]>>;

/** Pages the content script is declared on. */
export const SUPPORTED_SITE_MATCHES: readonly string[] = Object.values(PLATFORM_HOSTS).flatMap((hosts) =>
  hosts.map((host) => `https://${host}/*`),
);
