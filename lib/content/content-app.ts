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

export interface ContentBridge {
  getScanConfig(url: string): Promise<ScanConfig>;
  reportPosts(
    url: string,
    posts: Array<{ post: FoundPost['post']; matchedTerms: string[]; ownAccount: boolean }>,
  ): Promise<ReportedPostResult[]>;
  openMention(postKey: string): void;
}

const REPORT_BATCH = 100;

export class ContentApp {
  private scanner: PageScanner | null = null;
  private observer: MutationObserver | null = null;
  private readonly found = new Map<string, FoundPost>();
  private pending: FoundPost[] = [];
  private inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly bridge: ContentBridge) {}

  /** Starts (or restarts, after SPA navigation) scanning this page. Returns false when disabled here. */
  async start(): Promise<boolean> {
    this.stop();
    const url = new URL(location.href);
    const config = await this.bridge.getScanConfig(url.href);
    if (!config.enabled) return false;
    setEnabledHosts({ mastodon: config.mastodonHosts, generic: config.genericHosts });
    const adapters = adaptersForUrl(url);
    if (adapters.length === 0) return false;
    const matcher = compileBrandMatcher(config.brand);
    this.scanner = new PageScanner(adapters, matcher, {
      found: (post) => this.onFound(post),
      lost: (element) => unmarkPost(element),
      afterSlice: () => this.flushReports(),
    });
    this.scanner.scan(document);
    this.observer = new MutationObserver((records) => this.scanner?.handleMutations(records));
    this.observer.observe(document.body ?? document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
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

  /** Keys of mentions on the page, in page order (the sidebar's queue for this page). */
  postKeys(): string[] {
    return [...this.found.keys()].filter((key) => this.found.get(key)?.element.isConnected);
  }

  whenIdle(): Promise<void> {
    return (this.scanner?.whenIdle() ?? Promise.resolve()).then(() => this.inFlight);
  }

  updateCategory(postKey: string, category: Category): void {
    const entry = this.found.get(postKey);
    if (entry?.element.isConnected) this.mark(entry, category);
  }

  private onFound(post: FoundPost): void {
    this.found.set(post.key, post);
    this.pending.push(post);
  }

  private flushReports(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending.splice(0);
    const url = location.href;
    this.inFlight = this.inFlight.then(async () => {
      for (let index = 0; index < batch.length; index += REPORT_BATCH) {
        const slice = batch.slice(index, index + REPORT_BATCH);
        try {
          const results = await this.bridge.reportPosts(
            url,
            slice.map(({ post, matchedTerms, ownAccount }) => ({ post, matchedTerms, ownAccount })),
          );
          const byKey = new Map(results.map((result) => [result.postKey, result]));
          for (const entry of slice) {
            const result = byKey.get(entry.key);
            if (entry.ownAccount) this.mark(entry, 'own-reply');
            else if (result) this.mark(entry, result.category);
          }
        } catch {
          // Background unavailable (extension reloading): the next mutation or navigation retries.
        }
      }
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
