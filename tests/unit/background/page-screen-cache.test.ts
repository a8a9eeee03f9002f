import { describe, expect, it } from 'vitest';
import { PageScreenCache } from '../../../lib/background/page-screen-cache';
import type { SessionArea } from '../../../lib/background/page-state';
import type { BrandTermsInput } from '../../../lib/detect/brand-matcher';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';

type StorageArea = Pick<SessionArea, 'get' | 'set'>;

function memorySession(): StorageArea & { items: Record<string, unknown> } {
  const items: Record<string, unknown> = {};
  return {
    items,
    get: async (key) => (key in items ? { [key]: structuredClone(items[key]) } : {}),
    set: async (values) => {
      Object.assign(items, structuredClone(values));
    },
  };
}

const brand = DEFAULT_POLICY.brand;
const otherBrand: BrandTermsInput = { ...brand, terms: [{ term: 'Globex' }] } as BrandTermsInput;

describe('PageScreenCache: the sentry screen built once per brand, across worker restarts', () => {
  it('builds once, and a restarted worker reads the stored screen instead of building it again', async () => {
    const session = memorySession();
    let builds = 0;
    const build = (terms: BrandTermsInput) => {
      builds += 1;
      return {
        skip: 's',
        expand: null,
        folds: {},
        find: JSON.stringify(terms).length.toString(),
        patterns: ['j'],
        joins: 'j',
      };
    };
    const first = new PageScreenCache(session, build);
    const sources = await first.sourcesFor(brand);
    await first.sourcesFor(brand);
    expect(builds).toBe(1);

    const restarted = new PageScreenCache(session, build);
    expect(await restarted.sourcesFor(brand)).toEqual(sources);
    expect(builds).toBe(1);

    // A policy with other terms is built afresh.
    expect((await restarted.sourcesFor(otherBrand))?.find).not.toBe(sources?.find);
    expect(builds).toBe(2);
  });

  it('still answers when storage cannot keep it', async () => {
    const session: StorageArea = {
      get: async () => ({}),
      set: async () => {
        throw new Error('quota');
      },
    };
    const cache = new PageScreenCache(session, () => null);
    expect(await cache.sourcesFor(brand)).toBeNull();
  });
});

describe('PageScreenCache: requests that arrive together', () => {
  it('share one build (the sentry and the full watcher ask for the screen at once)', async () => {
    let builds = 0;
    const cache = new PageScreenCache(memorySession(), () => {
      builds += 1;
      return { skip: 's', expand: null, folds: {}, find: 'f', patterns: ['f'], joins: 'f' };
    });
    const [first, second] = await Promise.all([cache.sourcesFor(brand), cache.sourcesFor(brand)]);
    expect(builds).toBe(1);
    expect(second).toBe(first);
  });
});
