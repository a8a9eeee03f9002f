/**
 * Runs lib/editors against the fixture editor pages in Debian's Chromium, from an isolated world like a
 * content script's: the page's DOM is shared, its JavaScript (the editor libraries, `__fixtureEditor`) is
 * not. The fixture pages are served at a made-up https origin through request routing; no network.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import type { InsertResult } from '../../../lib/editors/insert-into-post';
// @ts-expect-error: plain ESM helper shared with the demo and benchmarks
import { findBrowser } from '../../../scripts/browser.mjs';
// @ts-expect-error: plain ESM build script
import { buildFixtureEditors, FIXTURE_EDITORS_DIST } from '../../../scripts/build-fixture-editors.mjs';
import type { FixtureSelectors } from './isolated-entry';

export const FIXTURE_ORIGIN = 'https://editors.parley.test';

/** What the fixture page's own editor state says (read in the page's main world). */
export interface FixtureState {
  ready: boolean;
  text: string;
  sendEnabled: boolean;
  submits: number;
}

export class FixtureBrowser {
  private constructor(
    private readonly browser: Browser,
    private readonly context: BrowserContext,
    private readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly libraryBundle: string,
  ) {
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
  }

  /** Builds the fixture bundles and lib/editors' test bundle, then starts one browser for the whole file. */
  static async start(): Promise<FixtureBrowser> {
    await buildFixtureEditors();
    const dist: string = FIXTURE_EDITORS_DIST;
    const browser = await chromium.launch({
      executablePath: findBrowser(),
      headless: false, // --headless=new below: the same headless mode the extension tests use
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext();
    await context.route(`${FIXTURE_ORIGIN}/**`, (route) => {
      const url = new URL(route.request().url());
      if (url.pathname.startsWith('/dist/')) {
        const file = path.join(dist, path.basename(url.pathname));
        return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: readFileSync(file) });
      }
      const name = path.basename(url.pathname, '.html');
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body: shell(name) });
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const libraryBundle = readFileSync(path.join(dist, 'parley-editors.js'), 'utf8');
    return new FixtureBrowser(browser, context, page, cdp, libraryBundle);
  }

  private contextId = 0;
  /** Uncaught errors in fixture pages: an editor library that threw is a failed test, not a quiet one. */
  readonly pageErrors: string[] = [];

  /** Loads a fixture page and sets up a fresh isolated world holding `ParleyEditorsTest`. */
  async open(pagePath: string): Promise<void> {
    await this.page.goto(`${FIXTURE_ORIGIN}/${pagePath}`);
    const { frameTree } = await this.cdp.send('Page.getFrameTree');
    const world = await this.cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'parley-content-script',
      grantUniveralAccess: false,
    });
    this.contextId = world.executionContextId;
    await this.inIsolatedWorld(this.libraryBundle);
  }

  /** Evaluates an expression in the isolated world, awaiting promises, returning a JSON value. */
  async inIsolatedWorld<T>(expression: string): Promise<T> {
    const response = await this.cdp.send('Runtime.evaluate', {
      expression,
      contextId: this.contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    if (response.exceptionDetails) {
      throw new Error(
        `isolated world: ${response.exceptionDetails.exception?.description ?? response.exceptionDetails.text}`,
      );
    }
    return response.result.value as T;
  }

  /** What the content script does: open the post's composer through the (fixture) adapter and insert. */
  insertReply(selectors: FixtureSelectors, text: string): Promise<InsertResult> {
    return this.inIsolatedWorld(
      `ParleyEditorsTest.insertReply(${JSON.stringify(selectors)}, ${JSON.stringify(text)})`,
    );
  }

  detectKind(selector: string): Promise<string | null> {
    return this.inIsolatedWorld(`ParleyEditorsTest.detectKind(${JSON.stringify(selector)})`);
  }

  /** Opens the composer the way a person would (clicking the post's reply control) and waits for it. */
  async openComposer(selectors: FixtureSelectors): Promise<void> {
    await this.page.locator(selectors.post).locator(selectors.replyControl).first().click();
    await this.page.waitForFunction(() => window.__fixtureEditor?.ready === true);
    await this.page.locator(selectors.composer).waitFor();
  }

  /** The fixture's editor state, read in the page's main world from the editor library itself. */
  state(): Promise<FixtureState> {
    return this.page.evaluate(() => {
      const fixture = window.__fixtureEditor;
      return {
        ready: fixture?.ready === true,
        text: fixture?.getText() ?? '',
        sendEnabled: fixture?.isSendEnabled() ?? false,
        submits: fixture?.submits ?? -1,
      };
    });
  }

  /** Whether a page-world global is visible from the isolated world (it must not be). */
  isolatedWorldSees(globalName: string): Promise<boolean> {
    return this.inIsolatedWorld(`${JSON.stringify(globalName)} in window`);
  }

  async close(): Promise<void> {
    await this.context.close();
    await this.browser.close();
  }
}

function shell(name: string): string {
  const safeName = name.replace(/[^a-z0-9-]/gi, '');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${safeName} fixture editor</title></head><body><script src="/dist/${safeName}.js"></script></body></html>`;
}

declare global {
  interface Window {
    __fixtureEditor?: {
      kind: string;
      site: string;
      ready: boolean;
      submits: number;
      getText(): string;
      isSendEnabled(): boolean;
    };
  }
}
