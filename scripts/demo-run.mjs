// The demo itself (after install and build): one tab per bundled site page, the sidebar opened on the
// first detected mention of each. Headless runs save screenshots and exit.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchWithExtension } from './browser.mjs';
import { SITE_PAGES, serveFixturePages } from './site-pages.mjs';

const MENTION = '[data-parley-mention]:not([data-parley-mention="own-reply"])';

export async function runDemo({ headless, outDir }) {
  const { context } = await launchWithExtension({ headless });
  await serveFixturePages(context, SITE_PAGES);
  mkdirSync(outDir, { recursive: true });
  const screenshots = [];
  for (const site of SITE_PAGES) {
    const page = await context.newPage();
    await page.goto(site.url);
    const detected = await page
      .locator(MENTION)
      .first()
      .waitFor({ timeout: 15_000 })
      .then(() => true)
      .catch(() => false);
    if (detected) {
      // Open the first mention from its marker the way a keyboard user would (focus, Enter).
      const marker = page.locator(`${MENTION} button[data-parley-marker]`).first();
      await marker.scrollIntoViewIfNeeded();
      await marker.focus();
      await page.keyboard.press('Enter');
      await page
        .locator('parley-sidebar')
        .waitFor({ timeout: 10_000 })
        .catch(() => undefined);
      // Let the sidebar render its data before the picture.
      await page.waitForTimeout(1_500);
      console.log(
        `✓ ${site.adapter}: ${await page.locator(MENTION).count()} mentions detected at ${site.url}`,
      );
    } else {
      console.log(`! ${site.adapter}: no mention detected at ${site.url}`);
    }
    if (headless) {
      const file = path.join(outDir, `${site.adapter}.png`);
      await page.screenshot({ path: file });
      screenshots.push(file);
      await page.close();
    }
  }
  if (headless) {
    await context.close();
    console.log('\nScreenshots of the sidebar on each demo page:');
    for (const file of screenshots) console.log(`  ${file}`);
    return;
  }
  console.log('\nParley is running in the opened Chromium window. Close the window to end the demo.');
  await new Promise((resolve) => context.on('close', resolve));
}
