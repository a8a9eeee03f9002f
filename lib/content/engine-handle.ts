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
  /** Stops reading the page and takes Parley's marks off it (the site was switched off). */
  stop(): void;
  /** Opens the sidebar when the agent left it open on this site. */
  restoreSidebar(): Promise<void>;
  /** A background → content message (checked here, against its schema); resolves with the answer. */
  handleMessage(message: unknown): Promise<unknown>;
}

export type ContentEngineFactory = (deps: { clock: WorkClock }) => ContentEngine;

const WATCHER_GLOBAL = '__parleyContentWatcher';

/**
 * What the sentry's page walk already did when it found a post that could mention the brand, so the
 * full watcher goes on from there instead of finding every post and screening the page again (finding
 * them is one query over the whole page: a few milliseconds on a long timeline).
 */
export interface SentryWalk {
  /** The page's address and post selector the walk was for: the walk is of use only on that page. */
  href: string;
  postSelector: string;
  /** The sentry's query of the page's posts (a static list, in document order). */
  posts: ArrayLike<Element>;
  /** Posts before this index were screened with no hit, and their changes since were screened too. */
  screenedUpTo: number;
  /**
   * The page's changes since the walk stopped, which the sentry kept for the watcher; it stops
   * watching the page when called. Null when they were too many to keep: then screen the page afresh.
   * Call it right after the watcher starts observing, so no change falls between the two.
   */
  takeChanges(): MutationRecord[] | null;
}

/** What the first stage (lib/content/page-sentry.ts) hands the page over to: the full watcher. */
export interface HandedOverWatcher {
  /** `walked`: the sentry's walk, on the first start after the hand-over (restarts screen afresh). */
  start(walked?: SentryWalk): Promise<void>;
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
