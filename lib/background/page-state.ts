/**
 * Which mentions are on each tab's page now, and which one the agent opened last. Kept in
 * storage.session because the MV3 worker can be stopped at any moment: globals would be lost.
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
  // Serialises read-modify-write per tab so concurrent reports don't drop keys.
  private readonly chains = new Map<number, Promise<unknown>>();

  constructor(private readonly area: SessionArea) {}

  async get(tabId: number): Promise<PageState> {
    const key = storageKey(tabId);
    const stored = (await this.area.get(key))[key] as PageState | undefined;
    return stored ?? { ...EMPTY };
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
    await (this.chains.get(tabId) ?? Promise.resolve());
    return (await this.get(tabId)).sidebarTokens?.includes(token) ?? false;
  }

  addKeys(tabId: number, url: string, keys: readonly string[]): Promise<PageState> {
    return this.update(tabId, (state) => {
      const merged = state.url === url ? [...state.postKeys] : [];
      const known = new Set(merged);
      for (const key of keys) if (!known.has(key)) merged.push(key);
      return { ...state, url, postKeys: merged.slice(-MAX_KEYS) };
    });
  }

  select(tabId: number, postKey: string): Promise<PageState> {
    return this.update(tabId, (state) => ({ ...state, selectedPostKey: postKey }));
  }

  forget(tabId: number): Promise<void> {
    return this.area.remove(storageKey(tabId));
  }

  private update(tabId: number, change: (state: PageState) => PageState): Promise<PageState> {
    const previous = this.chains.get(tabId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const state = change(await this.get(tabId));
      await this.area.set({ [storageKey(tabId)]: state });
      return state;
    });
    this.chains.set(
      tabId,
      next.catch(() => undefined),
    );
    return next;
  }
}

function storageKey(tabId: number): string {
  return `page:${tabId}`;
}
