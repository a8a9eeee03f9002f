/**
 * The content script's always-loaded part: the first stage on every page of the supported sites.
 *
 * Why: agents keep these sites open all day and most pages never mention the brand, so what runs on
 * every page load must cost the page barely more than reading its text once. The sentry asks the
 * background for a small screen (lib/content/regexp-screen.ts: native regular expressions, built in
 * the background), reads each post's text once, re-reads the posts that change, and watches for SPA
 * navigation. It reads no post fields and keeps no state about posts. The first post that could
 * mention the brand hands the page over to the full watcher (lib/content/watcher.ts, injected with
 * the engine), which screens on from where the sentry's walk stopped (engine-handle.ts, SentryWalk)
 * with its own screen, and does everything else. So does any page it cannot screen (a site whose posts
 * need their adapter, a policy too large for the expressions), a sidebar left open, and any message
 * from the background but a rescan.
 *
 * Messages from the background are passed on after the hand-over; the engine checks them against
 * their schemas.
 */
import type { PageScreen } from '../messaging/protocol';
import { type HandedOverWatcher, type SentryWalk, watcherFactory } from './engine-handle';
import { addedByRecord } from './own-nodes';
import { type SentryScreen, sentryScreen } from './regexp-screen';
import { backgroundMessageType } from './send';
import { START_RETRIES, START_RETRY_MS } from './start-retry';
import { createMacrotaskScheduler } from './time-sliced-queue';
import { WorkClock } from './work-clock';

export interface SentryBridge {
  getPageScreen(url: string): Promise<PageScreen>;
  /** Injects the full watcher and the engine into this world (resolves once their factory is published). */
  loadWatcher(): Promise<void>;
  /** False once the extension was reloaded or removed: this copy of the script is then orphaned. */
  contextValid(): boolean;
}

/** Main-thread time per slice of the page walk, then the walk yields to the page. */
const WALK_SLICE_MS = 8;
/** Posts screened together in the walk. */
const WALK_STEP = 32;
/**
 * Changes kept for the full watcher while it loads (SentryWalk.takeChanges). A page that changes more
 * than this in that time (a fraction of a second) is screened afresh instead: memory stays bounded.
 */
const MAX_KEPT_CHANGES = 5_000;

/** New tasks without setTimeout's clamp to 4 ms after a few nested calls. */
const nextTask = createMacrotaskScheduler();

/** The Navigation API (Chromium; not every browser yet): it tells of same-document navigations. */
const pageNavigation = (globalThis as { navigation?: EventTarget }).navigation;

function hasChildListRecord(records: readonly MutationRecord[]): boolean {
  for (const record of records) if (record.type === 'childList') return true;
  return false;
}

export class PageSentry {
  readonly clock = new WorkClock();
  private generation = 0;
  private href = '';
  private observer: MutationObserver | null = null;
  private postSelector: string | null = null;
  private screen: SentryScreen | null = null;
  private walk: { posts: NodeListOf<Element>; next: number } | null = null;
  private watcher: HandedOverWatcher | null = null;
  private handingOver: Promise<HandedOverWatcher | null> | null = null;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;
  private followingNavigation = false;
  /** While the page is handed over after the walk's hit: its changes, for the full watcher. */
  private keptChanges: MutationRecord[] | null = null;

  constructor(private readonly bridge: SentryBridge) {}

  /** Starts (or restarts, after SPA navigation or a rescan) watching this page. */
  async start(): Promise<void> {
    clearTimeout(this.retry);
    // Once the page is (being) handed over, the full watcher starts and restarts itself.
    if (this.handingOver) {
      await (await this.handingOver)?.start();
      return;
    }
    const generation = ++this.generation;
    if (!this.followingNavigation) {
      pageNavigation?.addEventListener('currententrychange', this.onNavigation);
      addEventListener('pageshow', this.onPageShow);
      this.followingNavigation = true;
    }
    this.stopWatching();
    const href = location.href;
    if (href !== this.href) this.retries = 0;
    this.href = href;
    let screen: PageScreen;
    try {
      screen = await this.bridge.getPageScreen(href);
    } catch {
      if (generation !== this.generation) return;
      if (!this.bridge.contextValid()) this.stop();
      else {
        this.observe(); // still follows navigation
        this.retryLater();
      }
      return;
    }
    if (generation !== this.generation) return;
    // A task of its own: the page's load work and the answer's delivery are not lengthened.
    setTimeout(() => {
      if (generation === this.generation) this.setUp(screen);
    }, 0);
  }

  stop(): void {
    clearTimeout(this.retry);
    pageNavigation?.removeEventListener('currententrychange', this.onNavigation);
    removeEventListener('pageshow', this.onPageShow);
    this.followingNavigation = false;
    this.generation += 1;
    this.stopWatching();
    this.watcher?.stop();
  }

  /** A message from our background (the caller checked the sender): the answer to send, or null. */
  handleMessage(message: unknown): Promise<unknown> | null {
    const type = backgroundMessageType(message);
    if (type === null) return null;
    if (this.watcher) return this.watcher.handleMessage(message);
    if (type === 'background:rescan') {
      void this.start(); // after a hand-over in progress, the watcher restarts
      return null;
    }
    return this.handOver().then((watcher) => watcher?.handleMessage(message));
  }

  private setUp(screen: PageScreen): void {
    const start = performance.now();
    this.observe();
    if (!screen.enabled) {
      this.clock.add(performance.now() - start);
      return; // watches for navigation only
    }
    if (screen.postSelector === null || screen.screen === null || screen.sidebarOpen) {
      void this.handOver();
      return;
    }
    this.postSelector = screen.postSelector;
    this.screen = sentryScreen(screen.screen);
    this.clock.started();
    this.clock.setBusy('walk', true);
    this.walk = { posts: document.querySelectorAll(this.postSelector), next: 0 };
    this.clock.add(performance.now() - start);
    // The walk in tasks of its own, as the page's updates get theirs between its steps.
    nextTask(this.walkStep);
  }

  private readonly walkStep = (): void => {
    const { walk, screen } = this;
    if (walk === null || screen === null) return;
    const start = performance.now();
    const { posts } = walk;
    while (walk.next < posts.length) {
      // A step's posts screened as one text (three native passes, not three per post), joined by a
      // character that no fold removes and no pattern holds, so no hit spans two posts.
      const from = walk.next;
      const end = Math.min(from + WALK_STEP, posts.length);
      let text = '';
      for (let index = from; index < end; index++) text += `${(posts[index] as Element).textContent}\u0001`;
      walk.next = end;
      if (screen.passes(text)) {
        this.clock.add(performance.now() - start);
        void this.handOver(from);
        return;
      }
      if (performance.now() - start > WALK_SLICE_MS) {
        this.clock.add(performance.now() - start);
        nextTask(this.walkStep);
        return;
      }
    }
    this.walk = null;
    this.clock.add(performance.now() - start);
    this.clock.setBusy('walk', false);
  };

  private observe(): void {
    this.observer = new MutationObserver(this.onMutations);
    this.observer.observe(document.body ?? document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  }

  /**
   * Re-reads the posts a change could have made mention the brand: added posts, and posts whose
   * changed text could complete a hit (not a clock's or a counter's tick). Runs on every change the
   * page makes, all day: no closures, no URL read where the Navigation API tells of SPA navigation.
   */
  private readonly onMutations = (records: MutationRecord[]): void => {
    const start = performance.now();
    try {
      const kept = this.keptChanges;
      if (kept !== null) {
        // Too many to keep: the sentry lets go of the page, and the watcher screens it afresh.
        if (kept.length + records.length > MAX_KEPT_CHANGES) this.stopWatching();
        else for (const record of records) kept.push(record);
        return;
      }
      // Without the Navigation API: SPA navigation always adds or removes nodes, so a URL check then
      // catches it without a timer (and a clock's tick, which only changes text, costs no URL read).
      if (pageNavigation === undefined && hasChildListRecord(records) && location.href !== this.href) {
        void this.start();
        return;
      }
      const { postSelector, screen } = this;
      if (postSelector === null || screen === null) return;
      for (const post of postsToRead(records, postSelector, screen)) {
        if (post.isConnected && screen.passes(post.textContent ?? '')) {
          void this.handOver();
          return;
        }
      }
    } finally {
      this.clock.add(performance.now() - start);
    }
  };

  /**
   * Back (or forward) to a page kept in the browser's back/forward cache: its scripts resume where
   * they were, but the background has followed the tab to the pages in between, and the policy or
   * the agent's settings may have changed meanwhile. Starting again tells the background which page
   * the tab shows and screens it with the current config.
   */
  private readonly onPageShow = (event: Event): void => {
    if ((event as PageTransitionEvent).persisted) void this.start();
  };

  /**
   * From the first start on, for the sentry and, after the hand-over, for the full watcher (whose own
   * check needs a change that adds nodes): start() restarts whichever has the page.
   */
  private readonly onNavigation = (): void => {
    if (location.href === this.href) return;
    // The sentry's own start records the new address (and starts its retries afresh).
    if (this.handingOver) this.href = location.href;
    void this.start();
  };

  private stopWatching(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.postSelector = null;
    this.screen = null;
    this.keptChanges = null;
    if (this.walk) {
      this.walk = null;
      this.clock.setBusy('walk', false);
    }
  }

  /**
   * Loads the full watcher and the engine, and hands them the page (once). `walkedUpTo`: the walk's
   * hit was in the step starting at this post, and the walk is handed over too.
   */
  private handOver(walkedUpTo?: number): Promise<HandedOverWatcher | null> {
    this.handingOver ??= this.loadWatcher(walkedUpTo);
    return this.handingOver;
  }

  private async loadWatcher(walkedUpTo?: number): Promise<HandedOverWatcher | null> {
    this.generation += 1;
    this.clock.setBusy('hand-over', true);
    const walked = walkedUpTo === undefined ? null : this.walkForWatcher(walkedUpTo);
    if (walked === null) this.stopWatching();
    try {
      if (!watcherFactory()) await this.bridge.loadWatcher();
      const factory = watcherFactory();
      if (!factory) throw new Error('The full watcher did not load.');
      const watcher = factory({ clock: this.clock });
      this.watcher = watcher;
      clearTimeout(this.retry); // a retry now would restart the watcher and forget the page's mentions
      // Awaited: the work clock settles only once the watcher has taken the page.
      await watcher.start(walked ?? undefined);
      return watcher;
    } catch {
      this.handingOver = null;
      this.watcher?.stop(); // it did not take the page: messages and restarts must not reach it
      this.watcher = null;
      if (!this.bridge.contextValid()) this.stop();
      else if (location.href !== this.href)
        void this.start(); // navigated meanwhile
      else this.retryLater();
      return null;
    } finally {
      // The watcher did not take the changes kept for it (it failed, or screened the page afresh).
      if (this.keptChanges !== null) this.stopWatching();
      this.clock.setBusy('hand-over', false);
    }
  }

  /**
   * Hands the walk to the full watcher: its list of posts, how far it screened them, and the changes
   * the page makes until the watcher observes it (kept, not screened, from now on).
   */
  private walkForWatcher(screenedUpTo: number): SentryWalk | null {
    const { walk, postSelector } = this;
    if (walk === null || postSelector === null || this.observer === null) return null;
    this.walk = null;
    this.screen = null;
    this.clock.setBusy('walk', false);
    this.keptChanges = [];
    return {
      href: this.href,
      postSelector,
      posts: walk.posts,
      screenedUpTo,
      takeChanges: () => {
        const kept = this.keptChanges;
        // Already let go (too many changes, the hand-over ended, the sentry restarted): none to give.
        if (kept === null) return null;
        const changes = kept.concat(this.observer?.takeRecords() ?? []);
        this.stopWatching();
        return changes;
      },
    };
  }

  /** Starts again later (the background was unavailable), a few times per page. */
  private retryLater(): void {
    if (this.retries >= START_RETRIES) return;
    this.retries += 1;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.start(), START_RETRY_MS);
  }
}

/**
 * The posts a batch of changes could have made mention the brand: posts added, posts holding a
 * changed text that could complete a hit (SentryScreen.mayCompleteHit) and posts a post was added into.
 */
export function postsToRead(
  records: readonly MutationRecord[],
  postSelector: string,
  screen: Pick<SentryScreen, 'mayCompleteHit'>,
): Set<Element> {
  const toRead = new Set<Element>();
  for (const record of records) {
    let changed: string;
    let postsAdded = false;
    if (record.type === 'characterData') changed = (record.target as CharacterData).data;
    else ({ text: changed, postsAdded } = addedByRecord(record, postSelector, toRead));
    if (!postsAdded && !screen.mayCompleteHit(changed)) continue;
    const target = record.target.nodeType === 1 ? (record.target as Element) : record.target.parentElement;
    const post = target?.closest(postSelector);
    if (post) toRead.add(post);
  }
  return toRead;
}
