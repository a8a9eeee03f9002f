/**
 * The text screen of the full watcher (after the page sentry's hand-over), for sites whose posts keep their text,
 * author handle and replied-to handles in light-DOM text nodes (lib/sites/screenable.ts).
 *
 * Why: agents keep 2,000-post timelines open all day, and reading every post's fields to learn that it
 * does not mention the brand costs dozens of times more than reading the page's text once. The first
 * pass reads each post's text once (textContent), in resumable steps, screens it for brand terms and
 * own handles (folded, whitespace ignored: the sentry's regular expressions where the text allows,
 * else lib/detect/text-screen.ts) and hands on only the posts that pass.
 * Later changes screen each touched post's text again; a post handed on before is always handed on
 * again (the reader must learn when an edit removed the brand). Nothing here reads post fields.
 */
import type { TextScreen, TextScreenFactory } from '../detect/text-screen';
import { addedByRecord, isOwnNode, onlyOwnNodes } from './own-nodes';
import type { RegExpScreen } from './regexp-screen';
import { TimeSlicedQueue } from './time-sliced-queue';

/** Posts screened per step of the page walk (a fraction of a millisecond), so slices stay short. */
const WALK_STEP = 64;
/**
 * Joins the posts of a step into one string for the screen. An ASCII control character the screen
 * reads as a unit of its own (never whitespace, never in a pattern), so no hit spans two posts.
 */
const POST_SEPARATOR = '\u0001';

/** A resumable walk over a page's posts: one queue item, re-queued until it reaches the end. */
class PostWalk {
  next = 0;
  constructor(readonly posts: ArrayLike<Element>) {}
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
  private readonly queue: TimeSlicedQueue<PostWalk>;
  private readonly screen: TextScreen;
  private readonly regExp: RegExpScreen | null;

  /**
   * `regExp`: the same screen as native regular expressions (lib/content/regexp-screen.ts), when the
   * policy allows them. The page walk searches each step's text with them when it reads in place (no
   * code point the expressions would have to remove or expand first): a native search instead of the
   * automaton's loop, which is most of the walk's cost on a page that mentions the brand.
   */
  constructor(
    private readonly screens: TextScreenFactory,
    private readonly postSelector: string,
    private readonly hooks: ScreenWatcherHooks,
    options: { budgetMs?: number; regExp?: RegExpScreen | null } = {},
  ) {
    this.screen = screens.screen();
    this.regExp = options.regExp ?? null;
    this.queue = new TimeSlicedQueue((walk) => this.walkPosts(walk), {
      budgetMs: options.budgetMs ?? 8,
      afterSlice: (slice) => this.hooks.afterSlice?.(slice),
    });
  }

  /** Screens every post under root (the whole document on load and after navigation). */
  scan(root: ParentNode): void {
    this.queue.push(new PostWalk(root.querySelectorAll(this.postSelector)));
  }

  /** Screens the page's posts from `from` on: those before it were screened already (SentryWalk). */
  scanFrom(posts: ArrayLike<Element>, from: number): void {
    const walk = new PostWalk(posts);
    walk.next = Math.max(0, Math.min(from, posts.length));
    if (walk.next < posts.length) this.queue.push(walk);
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
        // New posts are screened whole (their text need not be checked twice); a post added inside
        // a post (a quote) has the enclosing one screened whole again.
        const { text: added, postsAdded } = addedByRecord(record, this.postSelector, screenWhole);
        couldHit = postsAdded || this.screens.mayCompleteHit(added);
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
   * One step of the page walk: the next posts' text, each read with one native call (textContent: no
   * per-node work, no wrapper per text node), screened as one string (one long loop runs far faster
   * than many short ones while the code is still cold), handing on the posts holding a hit.
   */
  private walkPosts(walk: PostWalk): void {
    const { posts } = walk;
    const first = walk.next;
    const count = Math.min(WALK_STEP, posts.length - first);
    walk.next = first + count;
    const texts: string[] = [];
    const ends = new Int32Array(count);
    let length = 0;
    for (let index = 0; index < count; index++) {
      const text = (posts[first + index] as Element).textContent ?? '';
      length += text.length + 1;
      ends[index] = length;
      texts.push(text);
    }
    const text = texts.join(POST_SEPARATOR);
    const passed: Element[] = [];
    const handOn = (index: number): void => {
      const post = posts[first + index] as Element;
      if (post.isConnected && !this.handedOn.has(post)) {
        this.markHandedOn(post);
        passed.push(post);
      }
    };
    const { regExp } = this;
    if (regExp?.readsInPlace(text)) {
      // After a post's first hit, search on from the next post's start.
      for (let end = regExp.nextHit(text, 0); end >= 0; ) {
        const index = indexAt(ends, count, end - 1);
        handOn(index);
        end = regExp.nextHit(text, ends[index] as number);
      }
    } else {
      this.screen.reset();
      let last = -1;
      for (let end = this.screen.next(text, 0); end >= 0; end = this.screen.next(text, end)) {
        const index = indexAt(ends, count, end - 1);
        if (index === last) continue;
        last = index;
        handOn(index);
      }
    }
    if (passed.length) this.hooks.candidates(passed);
    if (walk.next < posts.length) this.queue.push(walk);
  }
}

/** Index of the piece holding character `offset`, given each piece's cumulative end. */
function indexAt(ends: Int32Array, count: number, offset: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ends[middle] as number) > offset) high = middle;
    else low = middle + 1;
  }
  return low;
}
