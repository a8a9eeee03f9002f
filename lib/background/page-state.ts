/**
 * Which mentions are on each tab's page now, and which one the agent opened last. Kept in
 * storage.session because the MV3 worker can be stopped at any moment: globals would be lost. The
 * worker reads it from there once per tab and answers from its own copy after that.
 */
export interface PageState {
  url: string | null;
  postKeys: string[];
  selectedPostKey: string | null;
  /** Tokens of sidebar frames our content script created in this tab (newest last). */
  sidebarTokens?: string[];
}

export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const EMPTY: PageState = { url: null, postKeys: [], selectedPostKey: null };
const MAX_KEYS = 5_000;
const MAX_SIDEBAR_TOKENS = 8;

export class PageStateStore {
  /**
   * The worker's own copy of each tab's state, read from storage once per tab after the worker starts.
   * Why: every message from a sidebar frame is checked against the tab's registered tokens, and a click
   * on a marker records the selection; reading storage.session for each cost a storage round trip on
   * the click path. Only this store writes these keys, so the copy is always the newest state; storage
   * stays the copy that survives the worker being stopped.
   */
  private readonly states = new Map<number, PageState>();
  private readonly loads = new Map<number, Promise<PageState>>();
  // Writes per tab go out in order, so storage never ends on an older state than memory.
  private readonly writes = new Map<number, Promise<unknown>>();
  /**
   * Tabs closed while this worker runs. Why: a report (or a page start) still being recorded when its
   * tab closes ends after the tab was forgotten; storing its state then would leave an entry that no
   * close event will ever remove, in a session quota shared by every tab. Tab ids are not reused within
   * a browser session.
   */
  private readonly closed = new Set<number>();

  constructor(private readonly area: SessionArea) {}

  get(tabId: number): Promise<PageState> {
    if (this.closed.has(tabId)) return Promise.resolve({ ...EMPTY });
    const known = this.states.get(tabId);
    return known ? Promise.resolve(known) : this.load(tabId);
  }

  /** A new page in the tab: its mentions start over; registered sidebar frames stay valid. */
  reset(tabId: number, url: string): Promise<PageState> {
    return this.update(tabId, (state) => ({
      url,
      postKeys: [],
      selectedPostKey: null,
      sidebarTokens: state.sidebarTokens,
    }));
  }

  registerSidebar(tabId: number, token: string): Promise<PageState> {
    return this.update(tabId, (state) => ({
      ...state,
      sidebarTokens: [...(state.sidebarTokens ?? []).filter((known) => known !== token), token].slice(
        -MAX_SIDEBAR_TOKENS,
      ),
    }));
  }

  async isRegisteredSidebar(tabId: number, token: string | undefined): Promise<boolean> {
    if (!token) return false;
    return (await this.get(tabId)).sidebarTokens?.includes(token) ?? false;
  }

  /**
   * Mentions reported on the tab's page at `url`. Every page start resets the state to its address
   * first, so a report for another address was sent before the tab moved on (an SPA navigation while
   * it was being recorded): its keys are not on this page and are left out.
   */
  addKeys(tabId: number, url: string, keys: readonly string[]): Promise<PageState> {
    return this.update(tabId, (state) => {
      if (state.url !== null && state.url !== url) return state;
      const merged = [...state.postKeys];
      const known = new Set(merged);
      for (const key of keys) if (!known.has(key)) merged.push(key);
      return { ...state, url, postKeys: merged.slice(-MAX_KEYS) };
    });
  }

  select(tabId: number, postKey: string): Promise<PageState> {
    return this.update(tabId, (state) => ({ ...state, selectedPostKey: postKey }));
  }

  async forget(tabId: number): Promise<void> {
    this.closed.add(tabId);
    this.states.delete(tabId);
    this.loads.delete(tabId);
    await this.persist(tabId, () => this.area.remove(storageKey(tabId)));
  }

  private load(tabId: number): Promise<PageState> {
    const pending = this.loads.get(tabId);
    if (pending) return pending;
    const key = storageKey(tabId);
    const loading: Promise<PageState> = this.area.get(key).then((items) => {
      // An update that ran meanwhile already holds the newer state.
      const known = this.states.get(tabId);
      if (known) return known;
      const stored = (items[key] as PageState | undefined) ?? { ...EMPTY };
      // Not kept when the tab was forgotten while this read was on its way.
      if (this.loads.get(tabId) === loading) this.states.set(tabId, stored);
      return stored;
    });
    this.loads.set(tabId, loading);
    loading.finally(() => this.loads.delete(tabId)).catch(() => undefined);
    return loading;
  }

  /**
   * Applies a change to the tab's state in memory at once (readers see it from then on), then
   * persists it. Changes are synchronous functions of the newest state, so none is lost.
   */
  private async update(tabId: number, change: (state: PageState) => PageState): Promise<PageState> {
    const current = this.states.get(tabId) ?? (await this.load(tabId));
    if (this.closed.has(tabId)) return { ...EMPTY };
    const state = change(this.states.get(tabId) ?? current);
    this.states.set(tabId, state);
    await this.persist(tabId, () => this.area.set({ [storageKey(tabId)]: state }));
    return state;
  }

  private persist(tabId: number, write: () => Promise<void>): Promise<void> {
    const next = (this.writes.get(tabId) ?? Promise.resolve()).then(write);
    this.writes.set(
      tabId,
      next.catch(() => undefined),
    );
    return next;
  }
}

function storageKey(tabId: number): string {
  return `page:${tabId}`;
}
