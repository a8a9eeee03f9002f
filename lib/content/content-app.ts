/**
 * The content script's engine (loaded on demand, see lib/content/engine.ts), wired to the browser
 * through a small `ContentBridge` so tests can drive it too: reads posts through the site adapters,
 * matches the brand, reports to the background and marks the page. Runs in the isolated world of a
 * hostile page: page events are only acted on when trusted.
 */
import { compileBrandMatcher } from '../detect';
import type { Category } from '../domain/types';
import type { ReportAnswer, ScanConfig } from '../messaging/protocol';
import { setEnabledHosts } from '../sites/enabled-hosts';
import { stillShowsPost } from '../sites/post-identity';
import { adaptersForUrl } from '../sites/registry';
import { markPost, unmarkPost } from './markers';
import { type FoundPost, PageScanner } from './page-scanner';
import { inTask } from './time-sliced-queue';
import type { WorkClock } from './work-clock';

export interface ContentBridge {
  reportPosts(
    url: string,
    posts: Array<{ post: FoundPost['post']; matchedTerms: string[]; ownAccount: boolean }>,
  ): Promise<ReportAnswer>;
  openMention(postKey: string): void;
}

const REPORT_BATCH = 100;
/** After a report fails (the background restarting, its database failing), read its posts again after */
const REPORT_RETRY_MS = 5_000;
/** up to this many times in a row; a report that goes through starts the count again. */
const REPORT_RETRIES = 3;
/**
 * Found posts kept before those no longer in the page are dropped. Agents scroll infinite timelines all
 * day; each entry holds its post's element, so entries of posts the site removed would keep whole
 * detached subtrees alive for the life of the tab.
 */
const FOUND_PRUNE_AT = 500;

export class ContentApp {
  private scanner: PageScanner | null = null;
  private observer: MutationObserver | null = null;
  private readonly found = new Map<string, FoundPost>();
  private pending: FoundPost[] = [];
  private inFlight: Promise<void> = Promise.resolve();
  private reportsInFlight = 0;
  private queueRemaining = 0;
  private failedReports = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private retryElements: Element[] = [];
  private pruneFoundAt = FOUND_PRUNE_AT;

  constructor(
    private readonly bridge: ContentBridge,
    private readonly clock: WorkClock,
    private readonly options: { reportRetryMs?: number } = {},
  ) {}

  /**
   * Starts (or restarts, after SPA navigation) reading this page with its scan config. `watched`: the
   * watcher screens the page and hands posts to `enqueue`; otherwise every post is read here and the
   * page observed. Returns false when Parley has nothing to do on this page.
   */
  start(config: ScanConfig, url: URL, options: { watched: boolean }): boolean {
    const marked = Array.from(this.found.values(), (entry) => entry.element);
    this.stop();
    this.found.clear();
    this.pruneFoundAt = FOUND_PRUNE_AT;
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
    if (marked.length > 0) this.unmarkUnlessFoundAgain(marked);
    if (!options.watched) {
      this.clock.started();
      scanner.scan(document);
      this.observer = new MutationObserver((records) =>
        this.clock.time(() => this.scanner?.handleMutations(records)),
      );
      this.observer.observe(document.body ?? document.documentElement, {
        childList: true,
        subtree: true,
        characterData: true,
      });
    }
    this.clock.add(performance.now() - setupStart);
    this.updateBusy();
    return true;
  }

  /**
   * After a restart (brand terms changed, the page navigated), the posts marked before are read again;
   * once that settles, marks on those the new reading did not find go (a term the policy dropped).
   * Not at once: the posts still found would lose and regain their markers.
   */
  private unmarkUnlessFoundAgain(elements: readonly Element[]): void {
    // Settling waits for every part (a later restart's reading too), so `found` is then current.
    this.clock.afterSettle(() => {
      const found = new Set(Array.from(this.found.values(), (entry) => entry.element));
      for (const element of elements) if (!found.has(element)) unmarkPost(element);
    });
  }

  /** Posts that passed the watcher's text screen. */
  enqueue(posts: readonly Element[]): void {
    this.scanner?.enqueue(posts);
    this.updateBusy();
  }

  /**
   * Stops and takes Parley's marks off the page: the agent switched this site off (or the extension
   * was reloaded), so markers must not stay behind offering a sidebar that no longer follows the page.
   */
  clear(): void {
    this.stop();
    for (const { element } of this.found.values()) unmarkPost(element);
    this.found.clear();
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.scanner = null;
    clearTimeout(this.retry);
    this.retry = undefined;
    this.retryElements = [];
  }

  /**
   * The element showing a post, or null once it shows another: sites reuse elements (X recycles timeline
   * cells), and a reply sent through the reused one would answer whichever post it shows now.
   */
  elementFor(postKey: string): Element | null {
    const entry = this.found.get(postKey);
    if (!entry?.element.isConnected) return null;
    if (!stillShowsPost(entry.adapter, entry.element, entry.post)) return null;
    return entry.element;
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
    if (this.found.size >= this.pruneFoundAt && !this.found.has(post.key)) this.pruneFound();
    this.found.set(post.key, post);
    this.pending.push(post);
  }

  private pruneFound(): void {
    for (const [key, entry] of this.found) if (!entry.element.isConnected) this.found.delete(key);
    // A page that really shows this many mentions is not walked again for each new one.
    this.pruneFoundAt = Math.max(FOUND_PRUNE_AT, this.found.size * 2);
  }

  private afterSlice(slice: { elapsedMs: number; remaining: number }): void {
    this.clock.add(slice.elapsedMs);
    this.queueRemaining = slice.remaining;
    this.clock.noteWork();
    this.clock.time(() => this.flushReports());
    this.updateBusy();
  }

  private updateBusy(): void {
    const busy =
      this.queueRemaining > 0 || this.reportsInFlight > 0 || this.pending.length > 0 || this.queued();
    this.clock.setBusy('engine', busy);
  }

  private queued(): boolean {
    return (this.scanner?.size ?? 0) > 0;
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
          const { results, refused } = await sent;
          const byKey = new Map(results.map((result) => [result.postKey, result]));
          // Refused posts are not this site's (a page's odd markup): reading them again changes nothing.
          const refusedKeys = new Set(refused);
          // The background answers for every post it recorded: the others it could not record now.
          const unrecorded = slice.filter((entry) => !byKey.has(entry.key) && !refusedKeys.has(entry.key));
          if (unrecorded.length === 0) this.failedReports = 0;
          else this.retryReport(unrecorded.map((entry) => entry.element));
          await inTask(() =>
            this.clock.time(() => {
              for (const entry of slice) {
                if (refusedKeys.has(entry.key)) continue;
                const result = byKey.get(entry.key);
                if (entry.ownAccount) this.mark(entry, 'own-reply');
                else if (result) this.mark(entry, result.category);
              }
            }),
          );
        } catch {
          // Background unavailable (extension reloading) or its database failing: the posts were read
          // and would not be read again until they change, so read them again later.
          this.retryReport(slice.map((entry) => entry.element));
        }
      }
      this.reportsInFlight -= 1;
      this.clock.noteWork();
      this.updateBusy();
    });
  }

  private retryReport(elements: readonly Element[]): void {
    const scanner = this.scanner;
    if (!scanner || this.failedReports >= REPORT_RETRIES) return;
    this.retryElements.push(...elements);
    if (this.retry !== undefined) return;
    this.failedReports += 1;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      const again = this.retryElements.splice(0);
      if (this.scanner === scanner) scanner.readAgain(again);
      this.updateBusy();
    }, this.options.reportRetryMs ?? REPORT_RETRY_MS);
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
