// The bundled demo/fixture pages and the real URLs they are served at. Tests, the demo and the benchmarks
// intercept requests to these URLs so the shipped manifest's real match patterns are exercised.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const FIXTURES_DIR = path.resolve(import.meta.dirname, '..', 'tests', 'fixtures');

/** One realistic page per supported site (adapter id → URL it is served at). */
export const SITE_PAGES = [
  { adapter: 'x', url: 'https://x.com/home', file: 'sites/x.html' },
  {
    adapter: 'reddit-new',
    url: 'https://www.reddit.com/r/AcmeSupport/comments/1abcde/app_keeps_crashing/',
    file: 'sites/reddit-new.html',
  },
  {
    adapter: 'reddit-old',
    url: 'https://old.reddit.com/r/AcmeSupport/comments/1abcde/app_keeps_crashing/',
    file: 'sites/reddit-old.html',
  },
  {
    adapter: 'facebook',
    url: 'https://www.facebook.com/AcmeStore/posts/1234567890',
    file: 'sites/facebook.html',
  },
  { adapter: 'instagram', url: 'https://www.instagram.com/p/C0ACMEpost1/', file: 'sites/instagram.html' },
  { adapter: 'linkedin-legacy', url: 'https://www.linkedin.com/feed/', file: 'sites/linkedin-legacy.html' },
  {
    adapter: 'linkedin-new',
    url: 'https://www.linkedin.com/feed/?view=new',
    file: 'sites/linkedin-new.html',
  },
  { adapter: 'youtube', url: 'https://www.youtube.com/watch?v=acmeReview1', file: 'sites/youtube.html' },
  { adapter: 'bluesky', url: 'https://bsky.app/', file: 'sites/bluesky.html' },
  { adapter: 'threads', url: 'https://www.threads.com/@acme', file: 'sites/threads.html' },
];

const MIME = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

/**
 * Serves fixture pages at real URLs inside a Playwright context and refuses every other request to the
 * outside world (there is no network; this also keeps the run deterministic). Requests to localhost
 * and the extension itself pass through.
 * `pages`: [{ url, file }] where file is relative to tests/fixtures; `assets`: extra files served under
 * any origin at /__fixtures__/<path> (editor bundles, scroll scripts).
 */
export async function serveFixturePages(context, pages, { headers = {} } = {}) {
  const byUrl = new Map(pages.map((page) => [normalise(page.url), page]));
  await context.route(
    (url) => url.protocol === 'https:' || url.protocol === 'http:',
    async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === 'localhost' || url.hostname === '127.0.0.1') return route.continue();
      if (url.pathname.startsWith('/__fixtures__/')) {
        const file = path.join(FIXTURES_DIR, url.pathname.slice('/__fixtures__/'.length));
        if (!file.startsWith(FIXTURES_DIR)) return route.abort('accessdenied');
        try {
          return await route.fulfill({
            body: readFileSync(file),
            contentType: MIME[path.extname(file)] ?? 'application/octet-stream',
          });
        } catch {
          return route.fulfill({ status: 404, body: 'not found' });
        }
      }
      const page = byUrl.get(normalise(url.href)) ?? byUrl.get(normalise(url.origin + url.pathname));
      if (!page) return route.abort('internetdisconnected');
      const body = page.html ?? readFileSync(path.join(FIXTURES_DIR, page.file), 'utf8');
      return route.fulfill({
        status: 200,
        body,
        headers: { 'content-type': 'text/html; charset=utf-8', ...headers, ...(page.headers ?? {}) },
      });
    },
  );
}

function normalise(href) {
  const url = new URL(href);
  url.hash = '';
  return url.href;
}
