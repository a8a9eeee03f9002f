/**
 * Shared set-up for end-to-end tests: the production build loaded into Debian's Chromium, fixture pages
 * served at the sites' real URLs, and helpers to read the extension's own storage through its pages.
 */
import type { BrowserContext, Page, Worker } from 'playwright-core';
// @ts-expect-error: plain ESM helper shared with the demo and benchmarks
import { launchWithExtension } from '../../scripts/browser.mjs';
// @ts-expect-error: plain ESM helper shared with the demo and benchmarks
import { SITE_PAGES, serveFixturePages } from '../../scripts/site-pages.mjs';

export interface FixturePage {
  url: string;
  file?: string;
  html?: string;
  headers?: Record<string, string>;
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  userDataDir: string;
  close(): Promise<void>;
}

export const SITES: Array<{ adapter: string; url: string; file: string }> = SITE_PAGES;

export async function startExtension(
  options: { pages?: FixturePage[]; userDataDir?: string } = {},
): Promise<ExtensionSession> {
  const session = await launchWithExtension({ headless: true, userDataDir: options.userDataDir });
  await serveFixturePages(session.context, options.pages ?? SITE_PAGES);
  return { ...session, close: () => session.context.close() };
}

export const MENTION_SELECTOR = '[data-parley-mention]:not([data-parley-mention="own-reply"])';

/** Waits until the page's detected mentions stop changing (the scan is asynchronous by design). */
export async function settledMentionCount(
  page: Page,
  selector = MENTION_SELECTOR,
  quietMs = 600,
): Promise<number> {
  let last = -1;
  let stableSince = Date.now();
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const count = await page.locator(selector).count();
    if (count !== last) {
      last = count;
      stableSince = Date.now();
    } else if (count > 0 && Date.now() - stableSince >= quietMs) {
      return count;
    }
    await page.waitForTimeout(100);
  }
  return last;
}

/** Opens an extension page (for reading the extension-origin database the way the sidebar does). */
export async function openExtensionPage(session: ExtensionSession, path = '/options.html'): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}${path}`);
  return page;
}

/** Reads a table of Parley's IndexedDB database from an extension page. */
export async function readTable<T = Record<string, unknown>>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(async (tableName) => {
    const open = indexedDB.open('parley');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const tx = db.transaction(tableName, 'readonly');
      const request = tx.objectStore(tableName).getAll();
      return await new Promise<T[]>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, table);
}

/**
 * Writes rows straight into a table of Parley's IndexedDB database from an extension page, in one
 * transaction: how tests plant data the extension would not write itself (aged or damaged rows).
 */
export async function putRows(page: Page, table: string, rows: readonly unknown[]): Promise<void> {
  await page.evaluate(
    async ([tableName, values]) => {
      const open = indexedDB.open('parley');
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        const tx = db.transaction(tableName, 'readwrite');
        const store = tx.objectStore(tableName);
        for (const value of values) store.put(value);
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
      } finally {
        db.close();
      }
    },
    [table, rows] as const,
  );
}

/** The sidebar's frame in a site page (an extension-origin iframe inside a closed shadow root). */
export function sidebarFrame(page: Page, extensionId: string) {
  return (
    page.frames().find((frame) => frame.url().startsWith(`chrome-extension://${extensionId}/sidebar.html`)) ??
    null
  );
}

export async function waitForSidebarFrame(page: Page, extensionId: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const frame = sidebarFrame(page, extensionId);
    if (frame) {
      await frame.waitForLoadState('domcontentloaded');
      return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('The sidebar frame did not appear');
}

/** Sends a sidebar → background message from an extension page, as the sidebar would. */
export function askBackground<T = unknown>(page: Page, type: string, payload: unknown): Promise<T> {
  return page.evaluate(
    ([messageType, messagePayload]) => {
      const runtime = (
        globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }
      ).chrome.runtime;
      return runtime.sendMessage({ type: messageType, payload: messagePayload });
    },
    [type, payload] as const,
  ) as Promise<T>;
}

/**
 * Reads several tables of Parley's database in one read-only transaction: a consistent snapshot even
 * while the extension keeps writing (table-by-table reads can see a row's dependents without the row).
 */
export async function readTables(page: Page, tables: readonly string[]): Promise<Record<string, unknown[]>> {
  return page.evaluate(async (names) => {
    const open = indexedDB.open('parley');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const tx = db.transaction(names, 'readonly');
      const entries = await Promise.all(
        names.map(
          (name) =>
            new Promise<[string, unknown[]]>((resolve, reject) => {
              const request = tx.objectStore(name).getAll();
              request.onsuccess = () => resolve([name, request.result]);
              request.onerror = () => reject(request.error);
            }),
        ),
      );
      return Object.fromEntries(entries);
    } finally {
      db.close();
    }
  }, tables);
}
