/**
 * Reads the posts on a page that mention the brand (or are the brand's own replies) and keeps up as the
 * page changes: infinite scroll, SPA navigation, recycled cells. DOM reads go through the site
 * adapters; everything else is pure. Work is batched through a time-sliced queue so no task grows long.
 *
 * On sites whose text can be screened (lib/sites/screenable.ts) the watcher screens the page and hands
 * only the posts that pass to `enqueue`; elsewhere `scan` and `handleMutations` queue every post.
 */
import type { ScrapedPost } from '../domain/types';
import type { SiteAdapter } from '../sites/types';
import { isOwnNode, onlyOwnNodes } from './own-nodes';
import { TimeSlicedQueue } from './time-sliced-queue';

export interface BrandMatcherLike {
  find(text: string): ReadonlyArray<{ term: string }>;
  /** Optional: the distinct terms find would report, without offsets. */
  termsIn?(text: string): string[];
  isOwnAccount(platform: ScrapedPost['platform'], handle: string): boolean;
}

export interface FoundPost {
  element: Element;
  adapter: SiteAdapter;
  post: ScrapedPost;
  key: string;
  matchedTerms: string[];
  ownAccount: boolean;
}

export interface PageScannerHooks {
  /** A post that mentions the brand, or the brand's own reply, was found or its content changed. */
  found(post: FoundPost): void;
  /** An element we reported no longer holds a relevant post (recycled cell, edited text). */
  lost(element: Element, previousKey: string): void;
  /** After each slice of work (flush batched reports here): its duration and the posts still queued. */
  afterSlice?(slice: { elapsedMs: number; remaining: number }): void;
}

export class PageScanner {
  private readonly signatures = new WeakMap<Element, string>();
  private readonly reportedKeys = new WeakMap<Element, string>();
  private readonly queue: TimeSlicedQueue<Element>;
  private readonly selector: string;

  constructor(
    private readonly adapters: readonly SiteAdapter[],
    private readonly matcher: BrandMatcherLike,
    private readonly hooks: PageScannerHooks,
    options: { budgetMs?: number } = {},
  ) {
    this.selector = adapters.map((adapter) => adapter.postSelector).join(', ');
    this.queue = new TimeSlicedQueue((element) => this.processElement(element), {
      budgetMs: options.budgetMs ?? 8,
      afterSlice: (slice) => this.hooks.afterSlice?.(slice),
    });
  }

  /** Queues every post under root (the whole document on load and after navigation). */
  scan(root: ParentNode): void {
    for (const adapter of this.adapters) {
      const posts = adapter.findPosts(root);
      if (posts.length) this.queue.push(...posts);
    }
  }

  /** Turns mutation records into the set of posts to (re)read; cheap per record, work goes to the queue. */
  handleMutations(records: readonly MutationRecord[]): void {
    if (!this.selector) return;
    const touched = new Set<Element>();
    for (const record of records) {
      if (record.type === 'childList' && onlyOwnNodes(record)) continue;
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      if (target && !isOwnNode(target)) {
        const post = target.closest(this.selector);
        if (post) touched.add(post);
      }
      for (const node of record.addedNodes) {
        if (node instanceof Element && !isOwnNode(node)) touched.add(node);
      }
    }
    const posts = new Set<Element>();
    for (const element of touched) {
      if (!element.isConnected) continue;
      if (element.matches(this.selector)) posts.add(element);
      else {
        const enclosing = element.closest(this.selector);
        if (enclosing) posts.add(enclosing);
      }
      for (const adapter of this.adapters) for (const inner of adapter.findPosts(element)) posts.add(inner);
    }
    if (posts.size) this.queue.push(...posts);
  }

  /** Queues posts to read (posts that passed the watcher's text screen). */
  enqueue(posts: readonly Element[]): void {
    if (posts.length) this.queue.push(...posts);
  }

  /** Reads posts again even if unchanged (their report failed): they are reported anew. */
  readAgain(elements: readonly Element[]): void {
    for (const element of elements) this.signatures.delete(element);
    this.enqueue(elements);
  }

  /** Posts queued and not yet read. */
  get size(): number {
    return this.queue.size;
  }

  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  private processElement(element: Element): void {
    if (!element.isConnected) return;
    const adapter = this.adapters.find((candidate) => element.matches(candidate.postSelector));
    if (!adapter) return;
    const previousKey = this.reportedKeys.get(element);
    const post = adapter.readPost(element);
    if (!post) {
      if (previousKey) this.forget(element, previousKey);
      return;
    }
    const key = `${post.platform}:${post.postId}`;
    const signature = `${key}\u0000${post.author.handle}\u0000${post.text}`;
    if (this.signatures.get(element) === signature) return;
    this.signatures.set(element, signature);

    const ownAccount = this.matcher.isOwnAccount(post.platform, post.author.handle);
    const matchedTerms = ownAccount
      ? []
      : (this.matcher.termsIn?.(post.text) ?? uniqueTerms(this.matcher.find(post.text)));
    const repliesToBrand = !ownAccount && this.repliesToOwnAccount(post);
    if (!ownAccount && matchedTerms.length === 0 && !repliesToBrand) {
      if (previousKey) this.forget(element, previousKey);
      return;
    }
    if (previousKey && previousKey !== key) this.hooks.lost(element, previousKey);
    this.reportedKeys.set(element, key);
    this.hooks.found({ element, adapter, post, key, matchedTerms, ownAccount });
  }

  private repliesToOwnAccount(post: ScrapedPost): boolean {
    if (post.inReplyTo !== null && this.matcher.isOwnAccount(post.platform, post.inReplyTo)) return true;
    return post.replyingTo?.some((handle) => this.matcher.isOwnAccount(post.platform, handle)) ?? false;
  }

  private forget(element: Element, previousKey: string): void {
    this.reportedKeys.delete(element);
    this.hooks.lost(element, previousKey);
  }
}

function uniqueTerms(matches: ReadonlyArray<{ term: string }>): string[] {
  return [...new Set(matches.map((match) => match.term))];
}
