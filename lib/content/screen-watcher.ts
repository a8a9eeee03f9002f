/**
 * The text screen of the content script's always-loaded part, for sites whose posts keep their text,
 * author handle and replied-to handles in light-DOM text nodes (lib/sites/screenable.ts).
 *
 * Why: agents keep 2,000-post timelines open all day, and reading every post's fields to learn that it
 * does not mention the brand costs dozens of times more than reading the page's text once. The first
 * pass walks the text nodes once, in resumable steps, screens their text for brand terms and own
 * handles (folded, whitespace ignored: lib/detect/text-screen.ts) and hands on only the posts that pass.
 * Later changes screen each touched post's text again; a post handed on before is always handed on
 * again (the reader must learn when an edit removed the brand). Nothing here reads post fields.
 */
import type { TextScreen, TextScreenFactory } from '../detect/text-screen';
import { isOwnNode, onlyOwnNodes } from './own-nodes';
import { TimeSlicedQueue } from './time-sliced-queue';

/** Text nodes read per step of the page walk (a fraction of a millisecond), so slices stay short. */
const WALK_STEP = 512;
const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT

/** A resumable walk over a subtree's text nodes: one queue item, re-queued until it reaches the end. */
class TextWalk {
  lastPost: Element | null = null;
  constructor(
    readonly walker: TreeWalker,
    /** Its own screen: a term may span two steps, and changed posts are screened in between. */
    readonly screen: TextScreen,
  ) {}
}

export interface ScreenWatcherHooks {
  /** Posts whose text passed the screen, or that changed after passing once: read them. */
  candidates(posts: Element[]): void;
  /** After each step of the page walk: its duration and the steps still queued. */
  afterSlice?(slice: { elapsedMs: number; remaining: number }): void;
}

export class ScreenWatcher {
  private readonly handedOn = new WeakSet<Element>();
  private anyHandedOn = false;
  private readonly queue: TimeSlicedQueue<TextWalk>;
  private readonly screen: TextScreen;

  constructor(
    private readonly screens: TextScreenFactory,
    private readonly postSelector: string,
    private readonly hooks: ScreenWatcherHooks,
    options: { budgetMs?: number } = {},
  ) {
    this.screen = screens.screen();
    this.queue = new TimeSlicedQueue((walk) => this.walkText(walk), {
      budgetMs: options.budgetMs ?? 8,
      afterSlice: (slice) => this.hooks.afterSlice?.(slice),
    });
  }

  /** Screens every post under root (the whole document on load and after navigation). */
  scan(root: Node): void {
    const document = root.ownerDocument ?? (root as Document);
    this.queue.push(new TextWalk(document.createTreeWalker(root, SHOW_TEXT), this.screens.screen()));
  }

  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  /**
   * Screens what mutation records changed, right away (cheaper than scheduling work for later). A
   * changed text (a clock's or a counter's tick) is first checked on its own: only when it could
   * complete a hit is its post's whole text screened (TextScreenFactory.mayCompleteHit). New posts are
   * screened whole. Posts handed on before are handed on again on any change (a recycled cell may now
   * show another post). Returns how many posts were handed on.
   */
  handleMutations(records: readonly MutationRecord[]): number {
    const screenWhole = new Set<Element>();
    const handOnAgain = new Set<Element>();
    for (const record of records) {
      let couldHit: boolean;
      if (record.type === 'characterData') {
        couldHit = this.screens.mayCompleteHit((record.target as CharacterData).data);
        // Nothing handed on yet and nothing to find: not even worth finding the post.
        if (!couldHit && !this.anyHandedOn) continue;
      } else {
        if (record.type !== 'childList' || onlyOwnNodes(record)) continue;
        let added = '';
        for (const node of record.addedNodes) {
          if (node.nodeType === 1) {
            const element = node as Element;
            if (isOwnNode(element)) continue;
            const inner = element.querySelectorAll(this.postSelector);
            if (element.matches(this.postSelector) || inner.length > 0) {
              // New posts are screened whole (their text need not be checked twice).
              if (element.matches(this.postSelector)) screenWhole.add(element);
              for (const post of inner) screenWhole.add(post);
              continue;
            }
          }
          added += node.textContent ?? '';
        }
        couldHit = this.screens.mayCompleteHit(added);
        if (!couldHit && !this.anyHandedOn) continue;
      }
      const target = record.target.nodeType === 1 ? (record.target as Element) : record.target.parentElement;
      if (!target || isOwnNode(target)) continue;
      const post = target.closest(this.postSelector);
      if (!post) continue;
      if (this.handedOn.has(post)) handOnAgain.add(post);
      else if (couldHit) screenWhole.add(post);
    }
    const passed: Element[] = [...handOnAgain];
    for (const post of screenWhole) {
      if (handOnAgain.has(post) || !post.isConnected) continue;
      if (this.handedOn.has(post) || this.passes(post)) {
        this.markHandedOn(post);
        passed.push(post);
      }
    }
    if (passed.length) this.hooks.candidates(passed);
    return passed.length;
  }

  private markHandedOn(post: Element): void {
    this.handedOn.add(post);
    this.anyHandedOn = true;
  }

  /** Whether one post's text passes the screen (textContent: one native call, no per-node work). */
  private passes(post: Element): boolean {
    this.screen.reset();
    return this.screen.feed(post.textContent ?? '');
  }

  /**
   * One step of the page walk: reads the next text nodes, screens their text as one string (one long
   * loop runs far faster than thousands of short ones while the code is still cold) and hands on the
   * posts holding a hit.
   */
  private walkText(walk: TextWalk): void {
    const screen = walk.screen;
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
    const passed: Element[] = [];
    for (let end = screen.next(text, 0); end >= 0; end = screen.next(text, end)) {
      const holder = nodes[nodeAt(ends, nodes.length, end - 1)];
      const post = holder?.parentElement?.closest(this.postSelector) ?? null;
      if (post && post !== walk.lastPost) {
        walk.lastPost = post;
        if (!this.handedOn.has(post)) {
          this.markHandedOn(post);
          passed.push(post);
        }
      }
    }
    if (passed.length) this.hooks.candidates(passed);
    if (node) this.queue.push(walk);
  }
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
