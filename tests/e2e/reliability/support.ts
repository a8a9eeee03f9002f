/**
 * Shared by the reliability suites (and tests/e2e/policy-sync.e2e.ts): the production build in Chromium,
 * a real local policy server, messages sent the way extension pages send them, storage reads, and
 * stopping the MV3 service worker through the DevTools protocol.
 *
 * Why a private copy of the build is allowed (PARLEY_EXTENSION_DIR): other work rebuilds .output while
 * these suites run; pointing at a copy keeps one run on one build.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
// @ts-expect-error: plain ESM helper shared with the demo and benchmarks
import { EXTENSION_DIR, launchWithExtension } from '../../../scripts/browser.mjs';
// @ts-expect-error: plain ESM helper shared with the demo and benchmarks
import { SITE_PAGES, serveFixturePages } from '../../../scripts/site-pages.mjs';
import type { ExtensionSession, FixturePage } from '../harness';

export const EXTENSION_BUILD: string = process.env.PARLEY_EXTENSION_DIR
  ? path.resolve(process.env.PARLEY_EXTENSION_DIR)
  : EXTENSION_DIR;

/** The extension APIs the tests call inside extension pages (no @types/chrome in this project). */
export interface ExtensionGlobal {
  chrome: {
    runtime: { sendMessage(message: unknown): Promise<unknown>; id: string };
    storage: {
      local: {
        get(key: string | null): Promise<Record<string, unknown>>;
        set(items: Record<string, unknown>): Promise<void>;
        remove(key: string): Promise<void>;
      };
    };
  };
}

/** Like harness.startExtension, on EXTENSION_BUILD. */
export async function launch(
  options: { pages?: FixturePage[]; userDataDir?: string; extensionDir?: string } = {},
): Promise<ExtensionSession> {
  const session = await launchWithExtension({
    headless: true,
    userDataDir: options.userDataDir,
    extensionDir: options.extensionDir ?? EXTENSION_BUILD,
  });
  await serveFixturePages(session.context, options.pages ?? SITE_PAGES);
  return { ...session, close: () => session.context.close() };
}

/** The extension's current service worker (a stopped worker is replaced by a new Worker object). */
export async function currentWorker(context: BrowserContext, extensionId: string): Promise<Worker> {
  const prefix = `chrome-extension://${extensionId}/`;
  const running = context.serviceWorkers().find((worker) => worker.url().startsWith(prefix));
  if (running) return running;
  return context.waitForEvent('serviceworker', {
    predicate: (worker) => worker.url().startsWith(prefix),
    timeout: 15_000,
  });
}

/** Sends a message to the background exactly as an extension page does (runtime.sendMessage). */
export async function sendFromPage<T = unknown>(page: Page, type: string, payload: unknown): Promise<T> {
  return page.evaluate(
    ([messageType, messagePayload]) =>
      (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({
        type: messageType,
        payload: messagePayload,
      }),
    [type, payload] as const,
  ) as Promise<T>;
}

/** Like sendFromPage, but reports a rejected promise as { rejected: message } instead of throwing. */
export async function trySendFromPage(
  page: Page,
  message: unknown,
): Promise<{ resolved: unknown } | { rejected: string }> {
  return page.evaluate(async (raw) => {
    try {
      return { resolved: await (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage(raw) };
    } catch (error) {
      return { rejected: error instanceof Error ? error.message : String(error) };
    }
  }, message);
}

export async function storageGet<T = unknown>(page: Page, key: string): Promise<T | undefined> {
  return page.evaluate(
    async (name) => (await (globalThis as unknown as ExtensionGlobal).chrome.storage.local.get(name))[name],
    key,
  ) as Promise<T | undefined>;
}

export async function storageSet(page: Page, items: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    (values) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set(values),
    items,
  );
}

/** Merges into the agent's settings (the key the options page writes). */
export async function updateSettings(page: Page, change: Record<string, unknown>): Promise<void> {
  await page.evaluate(async (partial) => {
    const local = (globalThis as unknown as ExtensionGlobal).chrome.storage.local;
    const current = ((await local.get('settings')).settings ?? {}) as Record<string, unknown>;
    await local.set({ settings: { ...current, ...partial } });
  }, change);
}

/**
 * Stops the extension's service worker the way Chrome does when it idles out: CDP ServiceWorker.stopWorker
 * from a session on one of the extension's own pages (that session sees the extension's registrations).
 * Resolves once the worker reports 'stopped'.
 */
export async function stopServiceWorker(page: Page, extensionId: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const prefix = `chrome-extension://${extensionId}/`;
    let versionId: string | null = null;
    let stopped = false;
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
      for (const version of event.versions) {
        if (!version.scriptURL.startsWith(prefix)) continue;
        if (version.runningStatus === 'running' || version.runningStatus === 'starting')
          versionId = version.versionId;
        if (version.versionId === versionId && version.runningStatus === 'stopped') stopped = true;
      }
    });
    await cdp.send('ServiceWorker.enable');
    const deadline = Date.now() + 10_000;
    while (versionId === null && Date.now() < deadline) await delay(25);
    if (versionId === null) throw new Error('The extension has no running service worker to stop');
    await cdp.send('ServiceWorker.stopWorker', { versionId });
    while (!stopped && Date.now() < deadline) await delay(25);
    if (!stopped) throw new Error('The service worker did not stop');
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * Runs code in the content script's own isolated world of `page` (found through CDP by its name, the
 * extension's). Stands in for a content script the page has fully compromised: it holds the content
 * script's runtime.sendMessage, so the background sees exactly our content script as the sender.
 */
export async function contentScriptWorld(page: Page): Promise<{
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: Array<{ id: number; name: string; origin: string; auxData?: { type?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
  await cdp.send('Runtime.enable');
  const deadline = Date.now() + 10_000;
  let world = contexts.find(isContentScript);
  while (!world && Date.now() < deadline) {
    await delay(50);
    world = contexts.find(isContentScript);
  }
  if (!world) throw new Error('No content-script world in this page');
  const contextId = world.id;
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const answer = await cdp.send('Runtime.evaluate', {
        expression,
        contextId,
        awaitPromise: true,
        returnByValue: true,
      });
      if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.exception?.description ?? 'threw');
      return answer.result.value as T;
    },
    close: () => cdp.detach(),
  };

  function isContentScript(context: { origin: string; auxData?: { type?: string } }): boolean {
    return context.auxData?.type === 'isolated' && context.origin.startsWith('chrome-extension://');
  }
}

/** Where the suites leave what they measured; scripts/reliability-report.mjs puts it in docs/reliability.md. */
export const MEASUREMENTS_FILE = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'test-results',
  'reliability-measurements.jsonl',
);

/** Prints a measurement and appends it (one JSON line) for the reliability report. */
export function recordMeasurement(name: string, text: string): void {
  console.info(`${name}: ${text}`);
  mkdirSync(path.dirname(MEASUREMENTS_FILE), { recursive: true });
  appendFileSync(MEASUREMENTS_FILE, `${JSON.stringify({ name, text, at: new Date().toISOString() })}\n`);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A real HTTP server on 127.0.0.1 standing in for the team's policy host. By default it behaves like
 * static hosting configured for cross-origin reads: Access-Control-Allow-Origin: * on every answer and
 * CORS preflights answered (conditional requests carry If-None-Match, which needs one). The worker has
 * no host permission for localhost, so its fetch is a CORS request exactly as for such a host.
 */
export class LocalPolicyServer {
  readonly requests: Array<{ method: string; path: string; headers: IncomingMessage['headers'] }> = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  port = 0;
  /** Off: the server sends no CORS headers at all (a host not set up for cross-origin reads). */
  cors = true;

  constructor(private readonly host = '127.0.0.1') {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => this.answer(request, response));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, this.host, resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(pathname: string, host = this.host): string {
    return `http://${host}:${this.port}${pathname}`;
  }

  /** Serves `body` at `pathname` as a static host would (validators included). */
  publish(pathname: string, body: string, headers: Record<string, string> = {}): void {
    const etag = `"${hash(body)}"`;
    this.handle(pathname, (request, response) => {
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, { ETag: etag });
        response.end();
        return;
      }
      response.writeHead(200, {
        'Content-Type': 'application/yaml; charset=utf-8',
        'Content-Length': String(Buffer.byteLength(body)),
        ETag: etag,
        ...headers,
      });
      response.end(body);
    });
  }

  handle(pathname: string, handler: Handler): void {
    this.handlers.set(pathname, handler);
  }

  requestsTo(pathname: string): number {
    return this.requests.filter((request) => request.method === 'GET' && request.path === pathname).length;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const pathname = new URL(request.url ?? '/', 'http://x').pathname;
    this.requests.push({ method: request.method ?? 'GET', path: pathname, headers: request.headers });
    if (this.cors) {
      response.setHeader('Access-Control-Allow-Origin', '*');
      response.setHeader('Access-Control-Expose-Headers', 'ETag, Last-Modified');
    }
    if (request.method === 'OPTIONS') {
      if (this.cors) {
        response.setHeader('Access-Control-Allow-Methods', 'GET');
        response.setHeader('Access-Control-Allow-Headers', 'If-None-Match, If-Modified-Since');
      }
      response.writeHead(204);
      response.end();
      return;
    }
    const handler = this.handlers.get(pathname);
    if (handler) {
      handler(request, response);
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('not found');
  }
}

function hash(text: string): string {
  let value = 2166136261;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 16777619);
  }
  return (value >>> 0).toString(16);
}

/** A TCP port nothing listens on (bound, read, released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
