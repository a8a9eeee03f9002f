/**
 * The one place site adapters are registered. adaptersForUrl returns every adapter whose matchesUrl
 * accepts the page: LinkedIn has two markup generations, both active on www.linkedin.com, and each
 * finds only its own markup. Mastodon and generic match only hosts enabled at runtime
 * (enabled-hosts.ts).
 */
import { blueskyAdapter } from './bluesky';
import { facebookAdapter } from './facebook';
import { genericAdapter } from './generic';
import { instagramAdapter } from './instagram';
import { linkedInLegacyAdapter } from './linkedin-legacy';
import { linkedInNewAdapter } from './linkedin-new';
import { mastodonAdapter } from './mastodon';
import { redditNewAdapter } from './reddit-new';
import { redditOldAdapter } from './reddit-old';
import { threadsAdapter } from './threads';
import type { SiteAdapter } from './types';
import { xAdapter } from './x';
import { youtubeAdapter } from './youtube';

export const SITE_ADAPTERS: readonly SiteAdapter[] = [
  xAdapter,
  redditNewAdapter,
  redditOldAdapter,
  facebookAdapter,
  instagramAdapter,
  linkedInLegacyAdapter,
  linkedInNewAdapter,
  youtubeAdapter,
  blueskyAdapter,
  threadsAdapter,
  mastodonAdapter,
  genericAdapter,
];

/** Adapters for a page. The generic adapter only applies where no site-specific adapter does. */
export function adaptersForUrl(url: URL): SiteAdapter[] {
  const matching = SITE_ADAPTERS.filter((adapter) => adapter.matchesUrl(url));
  const specific = matching.filter((adapter) => adapter.id !== 'generic');
  return specific.length > 0 ? specific : matching;
}

/** One selector list matching every post element of the given adapters. */
export function combinedPostSelector(adapters: readonly SiteAdapter[]): string {
  return adapters.map((adapter) => adapter.postSelector).join(', ');
}

export function adapterById(id: string): SiteAdapter | undefined {
  return SITE_ADAPTERS.find((adapter) => adapter.id === id);
}
