/**
 * How the content script's two parts meet. The always-loaded first stage (content-watcher.js: the page
 * sentry) asks the background to inject the rest (content-engine.js: the full watcher and the engine)
 * into the same frame; scripts injected with scripting.executeScript run in the same isolated world as
 * the content script, so the rest leaves its factories on that world's global object, out of the
 * page's reach (the page's own scripts run in another world and never see it).
 */
import type { ScanConfig } from '../messaging/protocol';
import type { WorkClock } from './work-clock';

const ENGINE_GLOBAL = '__parleyContentEngine';

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

export function publishEngineFactory(factory: ContentEngineFactory): void {
  publish(ENGINE_GLOBAL, factory);
}

export function engineFactory(): ContentEngineFactory | null {
  return published<ContentEngineFactory>(ENGINE_GLOBAL);
}

const WATCHER_GLOBAL = '__parleyContentWatcher';

/** What the first stage (lib/content/page-sentry.ts) hands the page over to: the full watcher. */
export interface HandedOverWatcher {
  start(): Promise<void>;
  stop(): void;
  handleMessage(message: unknown): Promise<unknown> | null;
}

export type WatcherFactory = (deps: { clock: WorkClock }) => HandedOverWatcher;

export function publishWatcherFactory(factory: WatcherFactory): void {
  publish(WATCHER_GLOBAL, factory);
}

export function watcherFactory(): WatcherFactory | null {
  return published<WatcherFactory>(WATCHER_GLOBAL);
}

function publish(key: string, factory: (...args: never[]) => unknown): void {
  (globalThis as Record<string, unknown>)[key] = factory;
}

function published<T>(key: string): T | null {
  const factory = (globalThis as Record<string, unknown>)[key];
  return typeof factory === 'function' ? (factory as T) : null;
}
