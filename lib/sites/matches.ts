/**
 * Pages the content script is declared on. Mastodon instances and any other site the agent
 * enables are added at runtime (optional host permission + scripting.registerContentScripts),
 * because their hosts are not known when the extension is built.
 */
export const SUPPORTED_SITE_MATCHES = [
  'https://x.com/*',
  'https://twitter.com/*',
  'https://www.facebook.com/*',
  'https://www.instagram.com/*',
  'https://www.linkedin.com/*',
  'https://www.reddit.com/*',
  'https://old.reddit.com/*',
  'https://www.youtube.com/*',
  'https://bsky.app/*',
  'https://www.threads.com/*',
  'https://www.threads.net/*',
] as const;
