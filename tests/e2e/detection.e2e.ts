import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionSession,
  MENTION_SELECTOR,
  SITES,
  settledMentionCount,
  startExtension,
  waitForSidebarFrame,
} from './harness';
import { appendXCell } from './x-timeline';

/**
 * Mention detection on every bundled site page, in Chromium with the production build: exactly the posts
 * that mention the demo brand are marked, the brand's own replies are marked as replies, and nothing else.
 * Expected ids were read off each fixture by hand (see the fixture files' post texts).
 */
const EXPECTED: Record<string, { mentions: string[]; ownReplies: string[] }> = {
  x: {
    mentions: ['1991000000000000001', '1991000000000000003', '1991000000000000004'],
    ownReplies: ['1991000000000000002'],
  },
  'reddit-new': { mentions: ['t1_lx1aaa1', 't1_lx1ccc3', 't3_1gx0abc'], ownReplies: ['t1_lx1bbb2'] },
  'reddit-old': { mentions: ['t1_lx1aaa1', 't1_lx1ccc3', 't3_1gx0abc'], ownReplies: ['t1_lx1bbb2'] },
  facebook: {
    mentions: ['1120334455667788', '1120334455671111', 'pfbid02JnDoe4OrderQ'],
    ownReplies: ['1120334455669999', 'pfbid0Acme3Launch7xQ'],
  },
  instagram: {
    mentions: ['18031112222333444', '18031112222334555', '18031112222335666', 'DCx9TrailKat'],
    ownReplies: ['18031112222339999'],
  },
  'linkedin-legacy': {
    mentions: [
      'urn:li:activity:7529513877504107187',
      'urn:li:comment:(activity:7529196788121777092,7529528976998646997)',
      'urn:li:comment:(activity:7529196788121777092,7529544076493186807)',
    ],
    ownReplies: [
      'urn:li:activity:7529196788121777092',
      'urn:li:comment:(activity:7529196788121777092,7529536526745916902)',
    ],
  },
  'linkedin-new': {
    mentions: [
      'urn:li:card:cbb36f8a',
      'urn:li:comment:(activity:7529196788121777092,7529528976998646997)',
      'urn:li:comment:(activity:7529196788121777092,7529544076493186807)',
    ],
    ownReplies: [
      'urn:li:activity:7529196788121777092',
      'urn:li:comment:(activity:7529196788121777092,7529536526745916902)',
    ],
  },
  youtube: {
    mentions: ['UgwS4mL0v1ngTheApp', 'UgxPr1yaCanadaQ', 'UgzJd3Ord3rN0tArr1v3d'],
    ownReplies: ['UgzJd3Ord3rN0tArr1v3d.AcmeR3ply01'],
  },
  bluesky: {
    mentions: [
      'jane.bsky.social/3lbjanedoe2a',
      'priya.travel/3lbpriyacan',
      'samlee.bsky.social/3lbsamlee01',
      // An account whose handle does not verify: its DID stands in for the handle.
      'did:plc:w4xbfzo7kqfes5zb7r6qv3rw/3lbmarcoref1',
    ],
    ownReplies: ['acmehelp.bsky.social/3lbacmereply'],
  },
  threads: { mentions: ['DCxJane01', 'DCxPriya4', 'DCxSam003'], ownReplies: ['DCxAcmeR1'] },
};

async function idsOf(page: Page, selector: string): Promise<string[]> {
  const ids = await page
    .locator(selector)
    .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-parley-post-id') ?? ''));
  return ids.sort();
}

describe('mention detection on every site', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await startExtension();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('has an expectation for every bundled site page', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(SITES.map((site) => site.adapter).sort());
  });

  for (const site of SITES) {
    it(`${site.adapter}: marks exactly the mentions, and the brand's own replies as replies`, async () => {
      const expected = EXPECTED[site.adapter];
      if (!expected) throw new Error(`no expectation for ${site.adapter}`);
      const page = await session.context.newPage();
      await page.goto(site.url);
      await settledMentionCount(page);
      await expect
        .poll(() => idsOf(page, '[data-parley-mention="own-reply"]'), { timeout: 10_000 })
        .toEqual(expected.ownReplies.slice().sort());
      expect(await idsOf(page, MENTION_SELECTOR)).toEqual(expected.mentions.slice().sort());
      // One marker per detected mention, none on the brand's replies.
      expect(await page.locator('button[data-parley-marker]').count()).toBe(expected.mentions.length);
      await page.close();
    });
  }

  it('opens a mention from its marker inside an open shadow root (a Reddit reply loaded later)', async () => {
    // The fixture's reply in faceplate-partial's shadow root, rewritten to mention the brand.
    const html = readFileSync(
      path.join(process.cwd(), 'tests/fixtures/sites/reddit-new.html'),
      'utf8',
    ).replace('Same here, the shop on Queen St is great.', 'Same here, the Acme shop on Queen St is great.');
    const url = 'https://www.reddit.com/r/BuyItForLife/comments/1gx0abc/does_acme_ship_to_canada/';
    const page = await session.context.newPage();
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await page.goto(url);
    // Playwright's CSS selectors reach into open shadow roots.
    const reply = 'shreddit-comment[thingid="t1_lx1eee5"]';
    await expect
      .poll(() => page.locator(`${reply}[data-parley-mention]`).count(), { timeout: 15_000 })
      .toBe(1);
    await page.locator(`${reply} button[data-parley-marker]`).click();
    const sidebar = await waitForSidebarFrame(page, session.extensionId);
    expect(sidebar).toBeTruthy();
    await page.close();
  });
});

describe('keeping up with a live page (X)', () => {
  let session: ExtensionSession;
  let page: Page;
  beforeAll(async () => {
    session = await startExtension();
    page = await session.context.newPage();
    await page.goto('https://x.com/home');
    await settledMentionCount(page);
  });
  afterAll(async () => {
    await session?.close();
  });

  const appendCell = (id: string, handle: string, text: string) => appendXCell(page, { id, handle, text });

  it('finds mentions appended by infinite scroll, and ignores appended posts that do not mention the brand', async () => {
    await appendCell(
      '1991000000000000101',
      'late_reader',
      'Acme support sorted my refund in ten minutes, thanks!',
    );
    await appendCell('1991000000000000102', 'cat_person', 'My cat learned to open doors today');
    await expect
      .poll(() => page.locator('[data-parley-post-id="1991000000000000101"]').count(), { timeout: 10_000 })
      .toBe(1);
    await page.waitForTimeout(500);
    expect(await page.locator('[data-parley-post-id="1991000000000000102"]').count()).toBe(0);
  });

  it('re-reads a recycled cell whose content now belongs to another post', async () => {
    await page.evaluate(() => {
      const article = document.querySelector('[data-parley-post-id="1991000000000000101"]');
      if (!article) throw new Error('appended mention missing');
      for (const link of article.querySelectorAll('a[href*="/status/"]'))
        link.setAttribute('href', '/someone_else/status/1991000000000000103');
      const body = article.querySelector('[data-testid="tweetText"]');
      if (body) body.textContent = 'Nothing to see here, just lunch';
    });
    // The cell now holds a post that does not mention the brand: our marks leave with the old post.
    await expect
      .poll(() => page.locator('[data-parley-post-id="1991000000000000101"]').count(), { timeout: 10_000 })
      .toBe(0);
    expect(await page.locator('[data-parley-post-id="1991000000000000103"]').count()).toBe(0);
  });

  it('scans the new page after an SPA navigation', async () => {
    await page.evaluate(() => {
      history.pushState({}, '', '/search?q=acme');
      const cells = [...document.querySelectorAll('[data-testid="cellInnerDiv"]')];
      for (const cell of cells.slice(1)) cell.remove();
    });
    await appendCell('1991000000000000201', 'new_page_user', 'Is the Acme app down for anyone else?');
    await expect
      .poll(() => page.locator('[data-parley-post-id="1991000000000000201"]').count(), { timeout: 15_000 })
      .toBe(1);
    expect(page.url()).toBe('https://x.com/search?q=acme');
  });
});

describe('an open page follows the agent’s switches without a reload (X)', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await startExtension();
  });
  afterAll(async () => {
    await session?.close();
  });

  /** What the popup's and options' switches save: the sites switched off, the rest of the settings kept. */
  const switchOff = (platforms: string[]) =>
    session.worker.evaluate(async (disabledPlatforms) => {
      const { chrome } = globalThis as unknown as {
        chrome: {
          storage: {
            local: {
              get(key: string): Promise<Record<string, unknown>>;
              set(items: Record<string, unknown>): Promise<void>;
            };
          };
        };
      };
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings as object), disabledPlatforms } });
    }, platforms);

  it('takes its marks off when X is switched off, and marks the page again when it is back on', async () => {
    const page = await session.context.newPage();
    await page.goto('https://x.com/home');
    expect(await settledMentionCount(page)).toBe(3);
    const markers = () => page.locator('button[data-parley-marker]').count();
    expect(await markers()).toBe(3);

    await switchOff(['x']);
    await expect.poll(() => page.locator(MENTION_SELECTOR).count(), { timeout: 10_000 }).toBe(0);
    expect(await markers()).toBe(0);

    await switchOff([]);
    await expect.poll(() => page.locator(MENTION_SELECTOR).count(), { timeout: 10_000 }).toBe(3);
    await expect.poll(markers, { timeout: 10_000 }).toBe(3);
    await page.close();
  });
});

describe('a page without mentions (X): the first stage alone', () => {
  const QUIET_URL = 'https://x.com/quiet';
  let session: ExtensionSession;
  let page: Page;
  beforeAll(async () => {
    // The X fixture with every spelling of the demo brand replaced: nothing on it mentions the brand.
    const html = readFileSync(path.join(import.meta.dirname, '../fixtures/sites/x.html'), 'utf8').replace(
      /a[ck]me/gi,
      'Zeta',
    );
    session = await startExtension({ pages: [{ url: QUIET_URL, html }] });
    page = await session.context.newPage();
    await page.goto(QUIET_URL);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('follows an SPA navigation that changes nothing on the page (the Navigation API tells it)', async () => {
    await expect.poll(() => pageStateUrls(session), { timeout: 10_000 }).toContain(QUIET_URL);
    await page.evaluate(() => history.pushState({}, '', '/quiet/next'));
    await expect.poll(() => pageStateUrls(session), { timeout: 10_000 }).toContain(`${QUIET_URL}/next`);
    expect(await page.locator('[data-parley-mention]').count()).toBe(0);
  });

  it('hands the page over when a post that mentions the brand arrives', async () => {
    await appendXCell(page, {
      id: '1991000000000000301',
      handle: 'quiet_reader',
      text: 'Does the Acme app work offline?',
    });
    await expect
      .poll(() => page.locator('[data-parley-post-id="1991000000000000301"]').count(), { timeout: 10_000 })
      .toBe(1);
    expect(await page.locator(MENTION_SELECTOR).count()).toBe(1);
  });
});

/** The page each tab is on, as the background recorded it when that page's content script started. */
async function pageStateUrls(session: ExtensionSession): Promise<string[]> {
  return session.worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };
    };
    const items = await chrome.storage.session.get(null);
    return Object.entries(items)
      .filter(([key]) => key.startsWith('page:'))
      .map(([, state]) => (state as { url: string | null }).url ?? '');
  });
}
