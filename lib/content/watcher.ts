/**
 * The full watcher: the content script once the page sentry (lib/content/page-sentry.ts) has handed
 * the page over, injected together with the engine. It fetches the scan config, screens the page's text
 * for the brand (on from where the sentry's walk stopped, when it hands that over: SentryWalk) with
 * the automaton screen (lib/content/screen-watcher.ts), which also tells which of
 * a step's posts hold a hit and re-screens only what a change could complete, hands the posts that
 * pass to the engine (site adapters, matching, reports, markers, sidebar, reply insertion), and
 * watches the page for changes and SPA navigation. A page without mentions never loads it.
 *
 * Messages from the background are passed to the engine, which checks them against their schemas.
 */
import { textScreenFrom } from '../detect/text-screen';
import type { ScanConfig } from '../messaging/protocol';
import { screenableSiteFor } from '../sites/screenable';
import type { ContentEngine, ContentEngineFactory, SentryWalk } from './engine-handle';
import { regExpScreen } from './regexp-screen';
import { ScreenWatcher } from './screen-watcher';
import { backgroundMessageType } from './send';
import { START_RETRIES, START_RETRY_MS } from './start-retry';
import { inTask } from './time-sliced-queue';
import { WorkClock } from './work-clock';

export interface WatcherBridge {
  getScanConfig(url: string): Promise<ScanConfig>;
  /** The engine, bundled with the watcher (entrypoints/content-engine.ts). */
  createEngine: ContentEngineFactory;
  /** False once the extension was reloaded or removed: this copy of the script is then orphaned. */
  contextValid(): boolean;
}

export class ContentWatcher {
  private config: ScanConfig | null = null;
  private url: URL | null = null;
  private screen: ScreenWatcher | null = null;
  private observer: MutationObserver | null = null;
  private engine: ContentEngine | null = null;
  private engineStarting: Promise<ContentEngine> | null = null;
  /** Posts handed on while the engine is being created. */
  private waiting: Element[] = [];
  private sidebarRestored = false;
  private generation = 0;
  private href = '';
  private retry: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;

  constructor(
    private readonly bridge: WatcherBridge,
    readonly clock: WorkClock = new WorkClock(),
  ) {}

  /**
   * Starts (or restarts, after SPA navigation or a policy change) watching this page. `walked`: the
   * sentry's walk at the hand-over, taken up where it stopped when it was of this page.
   */
  async start(walked?: SentryWalk): Promise<void> {
    clearTimeout(this.retry);
    const generation = ++this.generation;
    this.stopWatching();
    const href = location.href;
    if (href !== this.href) this.retries = 0;
    this.href = href;
    let config: ScanConfig;
    try {
      config = await this.bridge.getScanConfig(href);
    } catch {
      if (generation !== this.generation) return;
      // Orphaned by an extension reload: stop watching.
      if (!this.bridge.contextValid()) this.stop();
      else {
        // Still follows navigation (where the Navigation API does not tell of it, only the observer
        // does), and asks again later for this page.
        this.observe();
        this.retryLater();
      }
      return;
    }
    if (generation !== this.generation) return;
    await inTask(() => {
      if (generation === this.generation) this.setUp(config, new URL(href), walked);
    });
  }

  stop(): void {
    clearTimeout(this.retry);
    this.generation += 1;
    this.stopWatching();
    this.engine?.stop();
  }

  /**
   * A message from our background (the caller checked the sender). Returns the answer to send, or
   * null when there is none. The engine checks each message against its schema.
   */
  handleMessage(message: unknown): Promise<unknown> | null {
    const type = backgroundMessageType(message);
    if (type === null) return null;
    if (type === 'background:rescan') {
      void this.start();
      return null;
    }
    return this.ensureEngine().then((engine) => engine.handleMessage(message));
  }

  private setUp(config: ScanConfig, url: URL, walked?: SentryWalk): void {
    const setupStart = performance.now();
    this.config = config;
    this.url = url;
    this.observe();
    const site = config.enabled ? screenableSiteFor(url) : null;
    if (site) {
      this.screen = new ScreenWatcher(
        textScreenFrom(config.screen),
        site.postSelector,
        {
          candidates: (posts) => this.handOn(posts),
          afterSlice: (slice) => {
            this.clock.add(slice.elapsedMs);
            this.clock.setBusy('walk', slice.remaining > 0);
          },
        },
        { regExp: config.regExpScreen ? regExpScreen(config.regExpScreen) : null },
      );
      this.clock.started();
      this.clock.setBusy('walk', true);
      // Observing already (above), so no change falls between the sentry's kept ones and ours.
      const sentryChanges =
        walked && walked.href === this.href && walked.postSelector === site.postSelector
          ? walked.takeChanges()
          : null;
      if (walked && sentryChanges !== null) {
        this.screen.handleMutations(sentryChanges);
        this.screen.scanFrom(walked.posts, walked.screenedUpTo);
      } else this.screen.scan(document);
    }
    if (this.engine) this.startEngine(this.engine);
    else if (config.enabled && (!site || config.sidebarOpen)) void this.ensureEngine();
    this.clock.add(performance.now() - setupStart);
    this.clock.startMs = performance.now() - setupStart;
  }

  /** Starts again later (the background was unavailable), a few times per page. */
  private retryLater(): void {
    if (this.retries >= START_RETRIES) return;
    this.retries += 1;
    this.retry = setTimeout(() => void this.start(), START_RETRY_MS);
  }

  private stopWatching(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.screen = null;
    this.waiting = [];
    this.clock.setBusy('walk', false);
  }

  /** Watches for changes: screened posts on screenable sites, and SPA navigation everywhere. */
  private observe(): void {
    this.observer = new MutationObserver((records) =>
      this.clock.time(() => {
        // SPA navigation always changes the page, so a URL check here catches it without a timer.
        if (location.href !== this.href) {
          void this.start();
          return;
        }
        this.screen?.handleMutations(records);
      }),
    );
    this.observer.observe(document.body ?? document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  }

  private handOn(posts: Element[]): void {
    this.clock.noteWork();
    if (this.engine) {
      this.engine.enqueue(posts);
      return;
    }
    for (const post of posts) this.waiting.push(post);
    void this.ensureEngine();
  }

  private ensureEngine(): Promise<ContentEngine> {
    if (this.engine) return Promise.resolve(this.engine);
    this.engineStarting ??= this.createEngine();
    return this.engineStarting;
  }

  /** In a task of its own: creating the engine compiles its matcher. */
  private async createEngine(): Promise<ContentEngine> {
    this.clock.setBusy('engine-load', true);
    try {
      return await inTask(() => {
        const engine = this.bridge.createEngine({ clock: this.clock });
        this.engine = engine;
        this.startEngine(engine);
        this.clock.engineReady();
        return engine;
      });
    } finally {
      this.clock.setBusy('engine-load', false);
    }
  }

  /** Starts the engine with the current config: posts come from the screen, or it reads them all. */
  private startEngine(engine: ContentEngine): void {
    const { config, url } = this;
    if (!config || !url) return;
    if (!config.enabled) {
      engine.stop();
      return;
    }
    const watched = this.screen !== null;
    const started = engine.start(config, url, { watched });
    if (watched) engine.enqueue(this.waiting.splice(0));
    if (started && config.sidebarOpen && !this.sidebarRestored) {
      this.sidebarRestored = true;
      void engine.restoreSidebar();
    }
  }
}
