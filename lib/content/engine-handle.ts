/**
 * How the content script's two parts meet. The always-loaded first stage (content-watcher.js: the page
 * sentry) asks the background to inject the rest (content-engine.js: the full watcher and the engine)
 * into the same frame; scripts injected with scripting.executeScript run in the same isolated world as
 * the content script, so the rest leaves the full watcher's factory on that world's global object, out
 * of the page's reach (the page's own scripts run in another world and never see it).
 */
import type { ScanConfig } from '../messaging/protocol';
import type { WorkClock } from './work-clock';

export interface ContentEngine {
  /** (Re)starts reading the page; watched: the watcher screens and calls enqueue. False: nothing to do. */
  start(config: ScanConfig, url: URL, options: { watched: boolean }): boolean;
  enqueue(posts: readonly Element[]): void;
  stop(): void;
  /** Opens the sidebar when the agent left it open on this site. */
  restoreSidebar(): Promise<void>;
  /** A background → content message (checked here, against its schema); resolves with the answer. */
  handleMessage(message: unknown): Promise<unknown>;
}

export type ContentEngineFactory = (deps: { clock: WorkClock }) => ContentEngine;

const WATCHER_GLOBAL = '__parleyContentWatcher';

/** What the first stage (lib/content/page-sentry.ts) hands the page over to: the full watcher. */
export interface HandedOverWatcher {
  start(): Promise<void>;
  stop(): void;
  handleMessage(message: unknown): Promise<unknown> | null;
}

export type WatcherFactory = (deps: { clock: WorkClock }) => HandedOverWatcher;

export function publishWatcherFactory(factory: WatcherFactory): void {
  (globalThis as Record<string, unknown>)[WATCHER_GLOBAL] = factory;
}

export function watcherFactory(): WatcherFactory | null {
  const factory = (globalThis as Record<string, unknown>)[WATCHER_GLOBAL];
  return typeof factory === 'function' ? (factory as WatcherFactory) : null;
}
