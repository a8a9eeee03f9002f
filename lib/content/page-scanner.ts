/**
 * Finds the posts on a page that mention the brand (or are the brand's own replies) and keeps up as the
 * page changes: infinite scroll, SPA navigation, recycled cells. DOM reads go through the site
 * adapters; everything else is pure. Work is batched through a time-sliced queue so no task grows long.
 *
 * Why a text screen: agents keep 2,000-post timelines open all day, and reading every post's fields to
 * learn that it does not mention the brand costs dozens of times more than reading the page's text
 * once. For adapters whose posts keep their text, author handle and replied-to handles in the light
 * DOM's text nodes (SiteAdapter.screenableText), the first pass walks the text nodes once, screens them for
 * brand terms and own handles (folded, whitespace ignored), and reads only the posts that pass. Later
 * changes screen each touched post the same way before reading it.
 */
import type { ScrapedPost } from '../domain/types';
import type { SiteAdapter } from '../sites/types';
import { TimeSlicedQueue } from './time-sliced-queue';

export interface TextScreenLike {
  feed(text: string): boolean;
  next(text: string, from: number): number;
  reset(): void;
}

export interface BrandMatcherLike {
  find(text: string): ReadonlyArray<{ term: string }>;
  /** Optional: the distinct terms find would report, without offsets. */
  termsIn?(text: string): string[];
  isOwnAccount(platform: ScrapedPost['platform'], handle: string): boolean;
  /** Optional: without it every post is read. */
  screen?(): TextScreenLike;
}

/** Text nodes read per step of the page walk (a fraction of a millisecond), so slices stay short. */
const WALK_STEP = 512;
const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT

/** A resumable walk over a subtree's text nodes: one queue item, re-queued until it reaches the end. */
class TextWalk {
  lastPost: Element | null = null;
  constructor(readonly walker: TreeWalker) {}
}

type QueueItem = Element | TextWalk;

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

/** Attribute on nodes we add to the page (markers), so our own insertions are never rescanned. */
export const OWN_NODE_ATTRIBUTE = 'data-parley-marker';

export class PageScanner {
  private readonly signatures = new WeakMap<Element, string>();
  private readonly reportedKeys = new WeakMap<Element, string>();
  /** Posts queued by the page walk: their text already passed the screen. */
  private readonly passedScreen = new WeakSet<Element>();
  private readonly queue: TimeSlicedQueue<QueueItem>;
  private readonly selector: string;
  private readonly screen: TextScreenLike | null;
  private readonly screenedAdapters: readonly SiteAdapter[];
  private readonly screenedSelector: string;

  constructor(
    private readonly adapters: readonly SiteAdapter[],
    private readonly matcher: BrandMatcherLike,
    private readonly hooks: PageScannerHooks,
    options: {
      budgetMs?: number /** false: read every post (tests compare both ways). */;
      screen?: boolean;
    } = {},
  ) {
    this.selector = adapters.map((adapter) => adapter.postSelector).join(', ');
    this.screen = options.screen === false ? null : (matcher.screen?.() ?? null);
    this.screenedAdapters = this.screen ? adapters.filter((adapter) => adapter.screenableText === true) : [];
    this.screenedSelector = this.screenedAdapters.map((adapter) => adapter.postSelector).join(', ');
    this.queue = new TimeSlicedQueue((item) => this.processItem(item), {
      budgetMs: options.budgetMs ?? 8,
      afterSlice: (slice) => this.hooks.afterSlice?.(slice),
    });
  }

  /** Queues every post under root (the whole document on load and after navigation). */
  scan(root: ParentNode): void {
    if (this.screenedAdapters.length > 0) {
      const document = (root as Node).ownerDocument ?? (root as Document);
      this.queue.push(new TextWalk(document.createTreeWalker(root as Node, SHOW_TEXT)));
    }
    for (const adapter of this.adapters) {
      if (this.screenedAdapters.includes(adapter)) continue;
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

  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  private processItem(item: QueueItem): void {
    if (item instanceof TextWalk) this.walkText(item);
    else this.processElement(item);
  }

  /**
   * One step of the page walk: reads the next text nodes, screens their text as one string (one long
   * loop runs far faster than thousands of short ones while the code is still cold) and queues the
   * posts holding a hit.
   */
  private walkText(walk: TextWalk): void {
    const screen = this.screen;
    if (!screen) return;
    const nodes: Node[] = [];
    const texts: string[] = [];
    const ends = new Int32Array(WALK_STEP);
    let length = 0;
    let node: Node | null = null;
    while (nodes.length < WALK_STEP) {
      node = walk.walker.nextNode();
      if (!node) break;
      const data = (node as Text).data;
      length += data.length;
      ends[nodes.length] = length;
      nodes.push(node);
      texts.push(data);
    }
    const text = texts.join('');
    for (let end = screen.next(text, 0); end >= 0; end = screen.next(text, end)) {
      const holder = nodes[nodeAt(ends, nodes.length, end - 1)];
      const post = holder?.parentElement?.closest(this.screenedSelector) ?? null;
      if (post && post !== walk.lastPost) {
        walk.lastPost = post;
        this.passedScreen.add(post);
        this.queue.push(post);
      }
    }
    if (node) this.queue.push(walk);
  }

  /** Whether a post's text nodes pass the screen (a fresh screen: this post's text only). */
  private passesScreen(element: Element): boolean {
    const screen = this.screen;
    if (!screen) return true;
    screen.reset();
    const walker = element.ownerDocument.createTreeWalker(element, SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (screen.feed((node as Text).data)) return true;
    }
    return false;
  }

  private processElement(element: Element): void {
    if (!element.isConnected) return;
    const adapter = this.adapters.find((candidate) => element.matches(candidate.postSelector));
    if (!adapter) return;
    const previousKey = this.reportedKeys.get(element);
    if (
      this.screenedAdapters.includes(adapter) &&
      !this.passedScreen.delete(element) &&
      !this.passesScreen(element)
    ) {
      if (previousKey) this.forget(element, previousKey);
      return;
    }
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
    const repliesToBrand =
      !ownAccount && post.inReplyTo !== null && this.matcher.isOwnAccount(post.platform, post.inReplyTo);
    if (!ownAccount && matchedTerms.length === 0 && !repliesToBrand) {
      if (previousKey) this.forget(element, previousKey);
      return;
    }
    if (previousKey && previousKey !== key) this.hooks.lost(element, previousKey);
    this.reportedKeys.set(element, key);
    this.hooks.found({ element, adapter, post, key, matchedTerms, ownAccount });
  }

  private forget(element: Element, previousKey: string): void {
    this.reportedKeys.delete(element);
    this.hooks.lost(element, previousKey);
  }
}

function uniqueTerms(matches: ReadonlyArray<{ term: string }>): string[] {
  return [...new Set(matches.map((match) => match.term))];
}

/** Index of the node whose text holds character `offset`, given each node's cumulative end. */
function nodeAt(ends: Int32Array, count: number, offset: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ends[middle] as number) > offset) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** A childList change that only added or removed our own markers. */
function onlyOwnNodes(record: MutationRecord): boolean {
  const { addedNodes, removedNodes } = record;
  if (addedNodes.length + removedNodes.length === 0) return false;
  for (const node of addedNodes)
    if (!(node instanceof Element) || !node.hasAttribute(OWN_NODE_ATTRIBUTE)) return false;
  for (const node of removedNodes)
    if (!(node instanceof Element) || !node.hasAttribute(OWN_NODE_ATTRIBUTE)) return false;
  return true;
}

function isOwnNode(element: Element): boolean {
  return element.hasAttribute(OWN_NODE_ATTRIBUTE) || element.closest(`[${OWN_NODE_ATTRIBUTE}]`) !== null;
}
