import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_ENGINE_FILE, CONTENT_SCRIPT_FILE } from '../../lib/content/files';
// @ts-expect-error: plain ESM helper shared with the demo and benchmarks
import { EXTENSION_DIR } from '../../scripts/browser.mjs';
import {
  type ExtensionSession,
  MENTION_SELECTOR,
  openExtensionPage,
  readTable,
  settledMentionCount,
  startExtension,
  waitForSidebarFrame,
} from './harness';

/**
 * The skeleton end to end on X: the content script finds exactly the posts that mention the demo brand,
 * the background stores them in Dexie in the extension's origin, and the sidebar opens listing them.
 */
const EXPECTED_X_MENTIONS = ['1991000000000000001', '1991000000000000003', '1991000000000000004'];

describe('foundation: X timeline', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await startExtension();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('marks exactly the posts that mention the brand, and the brand’s own reply as a reply', async () => {
    const page = await session.context.newPage();
    await page.goto('https://x.com/home');
    const detected = await settledMentionCount(page);
    const ids = await page
      .locator(MENTION_SELECTOR)
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-parley-post-id')));
    // Read from the fixture: Jane's late order, Sam's praise, Priya's question. Not the sunset repost,
    // and not the runner whose only brand text is inside a quoted Acme post.
    expect(ids.sort()).toEqual(EXPECTED_X_MENTIONS);
    expect(detected).toBe(EXPECTED_X_MENTIONS.length);
    await expect
      .poll(() => page.locator('[data-parley-mention="own-reply"]').count(), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(1);
    const ownReply = await page
      .locator('[data-parley-mention="own-reply"]')
      .getAttribute('data-parley-post-id');
    expect(ownReply).toBe('1991000000000000002');
    await page.close();
  });

  it('stores the mentions in the extension origin’s database, not the site’s', async () => {
    const page = await session.context.newPage();
    await page.goto('https://x.com/home');
    const detected = await settledMentionCount(page);
    const siteDatabases = await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
    expect(siteDatabases).not.toContain('parley');

    const extensionPage = await openExtensionPage(session);
    await expect
      .poll(
        async () =>
          (await readTable<{ platform: string; isOwnReply: boolean }>(extensionPage, 'mentions')).length,
        {
          timeout: 10_000,
        },
      )
      .toBeGreaterThanOrEqual(detected);
    const mentions = await readTable<{ platform: string; isOwnReply: boolean; postId: string }>(
      extensionPage,
      'mentions',
    );
    expect(mentions.filter((mention) => !mention.isOwnReply)).toHaveLength(detected);
    expect(mentions.every((mention) => mention.platform === 'x')).toBe(true);
    await extensionPage.close();
    await page.close();
  });

  it('opens the sidebar from a marker and lists the page’s mentions', async () => {
    const page = await session.context.newPage();
    await page.goto('https://x.com/home');
    const detected = await settledMentionCount(page);
    // Keyboard, as an agent who never touches the mouse would: focus the marker and press Enter.
    await page.locator(`${MENTION_SELECTOR} button[data-parley-marker]`).first().focus();
    await page.keyboard.press('Enter');
    const frame = await waitForSidebarFrame(page, session.extensionId);
    const items = frame.locator('[data-testid="queue"] > li');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(detected);
    await page.screenshot({ path: 'test-results/foundation-x-sidebar.png' });
    await page.close();
  });
});

describe('the built content script', () => {
  const built = (file: string) => readFileSync(path.join(EXTENSION_DIR as string, file), 'utf8');

  it("carries V8's compile hint on the always-loaded script's first line, and only there", () => {
    // wxt.config.ts adds it after minification; without it every first call parses its function again.
    expect(built(CONTENT_SCRIPT_FILE).split('\n', 1)[0]).toBe('//# allFunctionsCalledOnLoad');
    // The engine stays lazily compiled: compiling all of it up front cost more than it saved.
    expect(built(CONTENT_ENGINE_FILE).includes('allFunctionsCalledOnLoad')).toBe(false);
  });
});
