/**
 * The content script's engine, wired to the browser through a small `ContentBridge` so it can be
 * driven by the entrypoint (real extension) and by tests. Runs in the isolated world of a hostile page:
 * page events are only acted on when trusted, and messages from the background are schema-checked.
 */
import { compileBrandMatcher } from '../detect';
import type { Category } from '../domain/types';
import type { ReportedPostResult, ScanConfig } from '../messaging/protocol';
import { setEnabledHosts } from '../sites/enabled-hosts';
import { adaptersForUrl } from '../sites/registry';
import { markPost, unmarkPost } from './markers';
import { type FoundPost, PageScanner } from './page-scanner';
import { createMacrotaskScheduler, type Scheduler } from './time-sliced-queue';

export interface ContentBridge {
  getScanConfig(url: string): Promise<ScanConfig>;
  reportPosts(
    url: string,
    posts: Array<{ post: FoundPost['post']; matchedTerms: string[]; ownAccount: boolean }>,
  ): Promise<ReportedPostResult[]>;
  openMention(postKey: string): void;
}

const REPORT_BATCH = 100;

let scheduleTask: Scheduler | null = null;

/**
 * Runs work in a task of its own. Work after a message's answer would otherwise run in whatever task
 * delivered the answer, unbounded by the slice budget and invisible to DevTools' per-script attribution
 * (which `npm run bench` reads); as separate tasks, setup and marking are measured and yield like slices.
 */
function inTask<T>(run: () => T): Promise<T> {
  scheduleTask ??= createMacrotaskScheduler();
  const schedule = scheduleTask;
  return new Promise((resolve, reject) =>
    schedule(() => {
      try {
        resolve(run());
      } catch (error) {
        reject(error);
      }
    }),
  );
}

/**
 * The content script's own main-thread time (scan start, mutation callbacks, queue slices, report
 * handling and marking), for `npm run bench`. It shares the page's main thread, so this is what Parley
 * costs the page. A couple of clock reads per task; when the work settles one performance mark is
 * left on the document's timeline (the previous one cleared, so nothing accumulates):
 * 'parley:scan:start', then 'parley:scan:idle' (first settle after start) or 'parley:queue:idle', with
 * `detail: { busyMs, totalMs }` (since the previous mark, since the script started). Readable from the
 * isolated world as globalThis.parleyWork (the page's own scripts cannot see it).
 */
export class WorkClock {
  totalMs = 0;
  /** The last start's own part: config applied, matcher compiled, page walk queued, observer set. */
  startMs = 0;
  private sinceMarkMs = 0;
  private firstSettle = true;

  time<T>(run: () => T): T {
    const start = performance.now();
    try {
      return run();
    } finally {
      this.add(performance.now() - start);
    }
  }

  add(ms: number): void {
    this.totalMs += ms;
    this.sinceMarkMs += ms;
  }

  started(): void {
    this.firstSettle = true;
    this.publish('parley:scan:start');
  }

  settled(): void {
    this.publish(this.firstSettle ? 'parley:scan:idle' : 'parley:queue:idle');
    this.firstSettle = false;
  }

  private publish(name: string): void {
    try {
      performance.clearMarks(name);
      performance.mark(name, { detail: { busyMs: this.sinceMarkMs, totalMs: this.totalMs } });
    } catch {
      // No User Timing here (old engine, odd page): the benchmark simply finds no mark.
    }
    this.sinceMarkMs = 0;
  }
}

export class ContentApp {
  private scanner: PageScanner | null = null;
  private observer: MutationObserver | null = null;
  private readonly found = new Map<string, FoundPost>();
  private pending: FoundPost[] = [];
  private inFlight: Promise<void> = Promise.resolve();
  private reportsInFlight = 0;
  private queueRemaining = 0;
  readonly clock = new WorkClock();

  constructor(private readonly bridge: ContentBridge) {
    // In the content script's isolated world only: benchmarks read it there through DevTools.
    (globalThis as { parleyWork?: WorkClock }).parleyWork = this.clock;
  }

  /** Starts (or restarts, after SPA navigation) scanning this page. Returns false when disabled here. */
  async start(): Promise<boolean> {
    this.stop();
    const url = new URL(location.href);
    const config = await this.bridge.getScanConfig(url.href);
    return inTask(() => this.setUp(config, url));
  }

  private setUp(config: ScanConfig, url: URL): boolean {
    const setupStart = performance.now();
    if (!config.enabled) return false;
    setEnabledHosts({ mastodon: config.mastodonHosts, generic: config.genericHosts });
    const adapters = adaptersForUrl(url);
    if (adapters.length === 0) return false;
    const matcher = compileBrandMatcher(config.brand);
    const scanner = new PageScanner(adapters, matcher, {
      found: (post) => this.onFound(post),
      lost: (element) => unmarkPost(element),
      afterSlice: (slice) => this.afterSlice(slice),
    });
    this.scanner = scanner;
    this.clock.add(performance.now() - setupStart);
    this.clock.started();
    const scanStart = performance.now();
    scanner.scan(document);
    this.observer = new MutationObserver((records) =>
      this.clock.time(() => this.scanner?.handleMutations(records)),
    );
    this.observer.observe(document.body ?? document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    this.clock.add(performance.now() - scanStart);
    this.clock.startMs = performance.now() - setupStart;
    return true;
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.scanner = null;
  }

  /** The element currently showing a post (re-found by attribute if the site re-rendered it). */
  elementFor(postKey: string): Element | null {
    const entry = this.found.get(postKey);
    if (entry?.element.isConnected) return entry.element;
    return null;
  }

  /** Scrolls the page to a mention the agent moved to in the sidebar's queue; false when it is not here. */
  focusMention(postKey: string): boolean {
    const element = this.elementFor(postKey);
    if (!element) return false;
    element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    return true;
  }

  foundPost(postKey: string): FoundPost | undefined {
    return this.found.get(postKey);
  }

  updateCategory(postKey: string, category: Category): void {
    const entry = this.found.get(postKey);
    if (entry?.element.isConnected) this.mark(entry, category);
  }

  private onFound(post: FoundPost): void {
    this.found.set(post.key, post);
    this.pending.push(post);
  }

  private afterSlice(slice: { elapsedMs: number; remaining: number }): void {
    this.clock.add(slice.elapsedMs);
    this.queueRemaining = slice.remaining;
    this.clock.time(() => this.flushReports());
    this.settleIfIdle();
  }

  private settleIfIdle(): void {
    if (this.queueRemaining === 0 && this.reportsInFlight === 0 && this.pending.length === 0) {
      this.clock.settled();
    }
  }

  private flushReports(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending.splice(0);
    const url = location.href;
    this.reportsInFlight += 1;
    this.inFlight = this.inFlight.then(async () => {
      for (let index = 0; index < batch.length; index += REPORT_BATCH) {
        const slice = batch.slice(index, index + REPORT_BATCH);
        try {
          const sent = this.clock.time(() =>
            this.bridge.reportPosts(
              url,
              slice.map(({ post, matchedTerms, ownAccount }) => ({ post, matchedTerms, ownAccount })),
            ),
          );
          const results = await sent;
          await inTask(() =>
            this.clock.time(() => {
              const byKey = new Map(results.map((result) => [result.postKey, result]));
              for (const entry of slice) {
                const result = byKey.get(entry.key);
                if (entry.ownAccount) this.mark(entry, 'own-reply');
                else if (result) this.mark(entry, result.category);
              }
            }),
          );
        } catch {
          // Background unavailable (extension reloading): the next mutation or navigation retries.
        }
      }
      this.reportsInFlight -= 1;
      this.settleIfIdle();
    });
  }

  private mark(entry: FoundPost, category: Category | 'own-reply'): void {
    if (!entry.element.isConnected) return;
    markPost(entry.element, {
      postId: entry.post.postId,
      category,
      anchor: entry.adapter.markerAnchor(entry.element),
      onOpen: () => this.bridge.openMention(entry.key),
    });
  }
}
