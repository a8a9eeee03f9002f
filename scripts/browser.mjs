// Finding a Chromium-family browser and starting it with the built extension loaded. Shared by the demo
// (`npm run demo`), the end-to-end tests and the benchmarks so all three run the same way.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The browser binary: $CHROME_PATH, else the first of chromium, chromium-browser, google-chrome on PATH. */
export function findBrowser() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH points to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  for (const name of CANDIDATES) {
    try {
      const found = execFileSync('which', [name], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      if (found) return found;
    } catch {
      // not on PATH; try the next name
    }
  }
  throw new Error(
    `No Chromium-family browser found. Install Chromium (Debian/Ubuntu: sudo apt-get install chromium) or set CHROME_PATH to the browser binary. Looked for: ${CANDIDATES.join(', ')}.`,
  );
}

/** The production build; PARLEY_EXTENSION_DIR points tests, demo and benchmarks at another copy of it. */
export const EXTENSION_DIR =
  process.env.PARLEY_EXTENSION_DIR ?? path.resolve(import.meta.dirname, '..', '.output', 'chrome-mv3');

/**
 * Launches the browser with the extension from `extensionDir` loaded. There is no network here and
 * none is wanted: background networking, sync and component updates are off so Chromium doesn't try.
 * Returns the Playwright context and the extension id (read from the service worker's URL).
 */
export async function launchWithExtension({
  headless = true,
  extensionDir = EXTENSION_DIR,
  userDataDir,
} = {}) {
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}. Run \`npm run build\` first.`);
  }
  const dataDir = userDataDir ?? mkdtempSync(path.join(tmpdir(), 'parley-profile-'));
  const args = [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-gpu',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  if (headless) args.push('--headless=new');
  const context = await chromium.launchPersistentContext(dataDir, {
    executablePath: findBrowser(),
    headless: false, // the --headless=new flag above keeps extensions working
    args,
    viewport: { width: 1400, height: 900 },
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId, worker, userDataDir: dataDir };
}
