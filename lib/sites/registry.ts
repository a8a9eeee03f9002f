/**
 * The one place site adapters are registered. Order matters only for readability: adaptersForUrl
 * returns every adapter whose matchesUrl accepts the page (LinkedIn has two markup generations, both
 * active on www.linkedin.com; each finds only its own markup).
 */
import { redditNewAdapter } from './reddit-new';
import type { SiteAdapter } from './types';
import { xAdapter } from './x';

export const SITE_ADAPTERS: readonly SiteAdapter[] = [xAdapter, redditNewAdapter];

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
