/**
 * Sites whose posts keep everything that can make them relevant (text, the author's @handle, the
 * handles they reply to) in light-DOM text nodes (SiteAdapter.screenableText). On these, the content
 * script screens the page's text (the page sentry with the post selector the background sends it, then
 * the full watcher: lib/content/page-sentry.ts, lib/content/watcher.ts) and loads the adapters only for
 * posts that pass, so it needs their hosts and post selector without the adapters themselves.
 * The adapters take both from here; a unit test keeps this list and the adapters' flags in step.
 */
export interface ScreenableSite {
  id: string;
  hosts: ReadonlySet<string>;
  postSelector: string;
}

export const X_SITE: ScreenableSite = {
  id: 'x',
  hosts: new Set([
    'x.com',
    'www.x.com',
    'mobile.x.com',
    'twitter.com',
    'www.twitter.com',
    'mobile.twitter.com',
  ]),
  postSelector: 'article[data-testid="tweet"]',
};

export const SCREENABLE_SITES: readonly ScreenableSite[] = [X_SITE];

export function screenableSiteFor(url: URL): ScreenableSite | null {
  return SCREENABLE_SITES.find((site) => site.hosts.has(url.hostname)) ?? null;
}
