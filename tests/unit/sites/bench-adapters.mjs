/**
 * Manual benchmark (not part of the unit run): each site fixture grown to ≥ 2,000 posts in Chromium,
 * timing findPosts(document) and readPost on every post. Usage:
 *   node tests/unit/sites/bench-adapters.mjs        (CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const root = process.cwd();
const { outputFiles } = await build({
  stdin: {
    contents:
      "import { SITE_ADAPTERS } from './lib/sites/registry';\nimport { setEnabledHosts } from './lib/sites/enabled-hosts';\nglobalThis.__parley = { SITE_ADAPTERS, setEnabledHosts };",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  format: 'iife',
  write: false,
});
const bundle = outputFiles[0].text;

/** [adapter id, page URL, selector of the feed units cloned to grow the page] */
const CASES = [
  ['x', 'https://x.com/home', 'div[data-testid="cellInnerDiv"]'],
  [
    'reddit-new',
    'https://www.reddit.com/r/BuyItForLife/comments/1gx0abc/x/',
    'shreddit-comment-tree > shreddit-comment',
  ],
  [
    'reddit-old',
    'https://old.reddit.com/r/BuyItForLife/comments/1gx0abc/x/',
    '#siteTable_t3_1gx0abc > .thing',
  ],
  ['facebook', 'https://www.facebook.com/', '[role="feed"] > div'],
  ['instagram', 'https://www.instagram.com/p/DCx9TrailKat/', 'ul._a9ym > div'],
  ['linkedin-legacy', 'https://www.linkedin.com/feed/', '.scaffold-finite-scroll__content > div'],
  ['linkedin-new', 'https://www.linkedin.com/feed/', 'div[role="list"] > div'],
  ['youtube', 'https://www.youtube.com/watch?v=dQw4Acme301', 'ytd-comment-thread-renderer'],
  ['bluesky', 'https://bsky.app/', '[data-testid^="feedItem-by-"]'],
  ['threads', 'https://www.threads.com/@janedoe/post/DCxJane01', '[data-pagelet^="threads_post_page_"]'],
  ['mastodon', 'https://mastodon.social/home', '.item-list > article'],
  ['generic', 'https://blog.example.com/2026/11/acme-blender-review/', 'ol.comment-list > li'],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const rows = [];
for (const [id, url, unitSelector] of CASES) {
  const page = await browser.newPage();
  const html = readFileSync(join(root, 'tests/fixtures/sites', `${id}.html`), 'utf8');
  await page.route('**/*', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await page.goto(url);
  await page.addScriptTag({ content: bundle });
  rows.push(
    await page.evaluate(
      ({ id, unitSelector }) => {
        const { SITE_ADAPTERS, setEnabledHosts } = globalThis.__parley;
        setEnabledHosts({ mastodon: [location.hostname], generic: [location.hostname] });
        const adapter = SITE_ADAPTERS.find((candidate) => candidate.id === id);
        const units = [...document.querySelectorAll(unitSelector)];
        while (adapter.findPosts(document).length < 2000) {
          for (const unit of units) unit.parentElement.append(unit.cloneNode(true));
        }
        const best = (run) => {
          let fastest = Number.POSITIVE_INFINITY;
          for (let round = 0; round < 3; round++) {
            const start = performance.now();
            run();
            fastest = Math.min(fastest, performance.now() - start);
          }
          return fastest;
        };
        const posts = adapter.findPosts(document);
        const findMs = best(() => adapter.findPosts(document));
        const readMs = best(() => {
          for (const post of posts) adapter.readPost(post);
        });
        return {
          id,
          nodes: document.getElementsByTagName('*').length,
          posts: posts.length,
          read: posts.filter((post) => adapter.readPost(post) !== null).length,
          findPostsMs: Number(findMs.toFixed(1)),
          readAllMs: Number(readMs.toFixed(1)),
          readPerPostUs: Number(((readMs * 1000) / posts.length).toFixed(1)),
        };
      },
      { id, unitSelector },
    ),
  );
  await page.close();
}
await browser.close();
console.table(rows);
