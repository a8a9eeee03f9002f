import type { BrandTermsInput } from '../detect/brand-matcher';
import type { ScreenRegExpSources } from '../detect/screen-regexp';
import type { SessionArea } from './page-state';

const STORAGE_KEY = 'pageScreenRegExp';

interface Built {
  key: string;
  sources: ScreenRegExpSources | null;
}

/**
 * The page sentry's screen (lib/detect/screen-regexp.ts) for the active policy's brand terms, built
 * once per distinct brand. Building it reads what every code point folds to (a few hundred
 * milliseconds), and the worker is stopped after half a minute without messages, so the result is also
 * kept in storage.session: it outlives the worker, not the browser session (so a browser update with
 * new Unicode data builds it again).
 */
export class PageScreenCache {
  private built: Built | null = null;
  /** A lookup or build under way: the sentry's and the full watcher's requests can arrive together. */
  private pending: { key: string; sources: Promise<ScreenRegExpSources | null> } | null = null;

  constructor(
    private readonly session: Pick<SessionArea, 'get' | 'set'>,
    private readonly build: (brand: BrandTermsInput) => ScreenRegExpSources | null,
  ) {}

  sourcesFor(brand: BrandTermsInput): Promise<ScreenRegExpSources | null> {
    const key = JSON.stringify(brand);
    if (this.built?.key === key) return Promise.resolve(this.built.sources);
    if (this.pending?.key === key) return this.pending.sources;
    const sources = this.lookUpOrBuild(key, brand);
    const pending = { key, sources };
    this.pending = pending;
    const settle = () => {
      if (this.pending === pending) this.pending = null;
    };
    sources.then(settle, settle);
    return sources;
  }

  private async lookUpOrBuild(key: string, brand: BrandTermsInput): Promise<ScreenRegExpSources | null> {
    const stored = (await this.session.get(STORAGE_KEY))[STORAGE_KEY] as Built | undefined;
    if (stored?.key === key) {
      this.built = stored;
      return stored.sources;
    }
    this.built = { key, sources: this.build(brand) };
    // Storage full or unavailable: the next worker builds it again.
    await this.session.set({ [STORAGE_KEY]: this.built }).catch(() => undefined);
    return this.built.sources;
  }
}
