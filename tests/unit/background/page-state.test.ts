import { describe, expect, it } from 'vitest';
import { PageStateStore, type SessionArea } from '../../../lib/background/page-state';

/** storage.session stand-in whose reads and writes take a few ticks, and which counts its reads. */
function slowArea() {
  const items = new Map<string, unknown>();
  const later = () => new Promise((resolve) => setTimeout(resolve, 2));
  const area: SessionArea & { reads: number; items: Map<string, unknown> } = {
    reads: 0,
    items,
    async get(key) {
      area.reads += 1;
      await later();
      return items.has(key) ? { [key]: structuredClone(items.get(key)) } : {};
    },
    async set(values) {
      await later();
      for (const [key, value] of Object.entries(values)) items.set(key, structuredClone(value));
    },
    async remove(key) {
      await later();
      items.delete(key);
    },
  };
  return area;
}

const TOKEN = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';

describe('page state store', () => {
  it('keeps every key of concurrent reports, in memory and in storage', async () => {
    const area = slowArea();
    const store = new PageStateStore(area);
    await Promise.all([
      store.addKeys(1, 'https://x.com/home', ['x:1', 'x:2']),
      store.addKeys(1, 'https://x.com/home', ['x:3']),
      store.select(1, 'x:2'),
      store.addKeys(1, 'https://x.com/home', ['x:2', 'x:4']),
    ]);
    const expected = {
      url: 'https://x.com/home',
      postKeys: ['x:1', 'x:2', 'x:3', 'x:4'],
      selectedPostKey: 'x:2',
    };
    expect(await store.get(1)).toMatchObject(expected);
    expect(area.items.get('page:1')).toMatchObject(expected);
    // A worker that restarted reads what was stored.
    expect(await new PageStateStore(area).get(1)).toMatchObject(expected);
  });

  it('reads storage once per tab, then answers from memory; a selection is visible before it is stored', async () => {
    const area = slowArea();
    const store = new PageStateStore(area);
    await store.registerSidebar(7, TOKEN);
    const reads = area.reads;
    expect(await store.isRegisteredSidebar(7, TOKEN)).toBe(true);
    expect(await store.isRegisteredSidebar(7, 'ffffffff-4f50-4a6b-8c7d-9e0f1a2b3c4d')).toBe(false);
    expect(await store.isRegisteredSidebar(7, undefined)).toBe(false);
    const selecting = store.select(7, 'x:9');
    expect((await store.get(7)).selectedPostKey).toBe('x:9');
    await selecting;
    expect(area.reads).toBe(reads);
  });

  it("leaves out a report for the tab's previous page that arrives after the next one started", async () => {
    const store = new PageStateStore(slowArea());
    await store.reset(4, 'https://x.com/home');
    await store.addKeys(4, 'https://x.com/home', ['x:1']);
    await store.reset(4, 'https://x.com/acme/status/2');
    // Recorded while the agent navigated: it finishes after the new page's start.
    await store.addKeys(4, 'https://x.com/home', ['x:3']);
    expect(await store.get(4)).toMatchObject({ url: 'https://x.com/acme/status/2', postKeys: [] });
    await store.addKeys(4, 'https://x.com/acme/status/2', ['x:2']);
    expect((await store.get(4)).postKeys).toEqual(['x:2']);
  });

  it('keeps registered frames across a new page and forgets a closed tab', async () => {
    const area = slowArea();
    const store = new PageStateStore(area);
    await store.registerSidebar(3, TOKEN);
    await store.addKeys(3, 'https://x.com/home', ['x:1']);
    await store.reset(3, 'https://x.com/other');
    expect(await store.get(3)).toMatchObject({
      url: 'https://x.com/other',
      postKeys: [],
      sidebarTokens: [TOKEN],
    });
    await store.forget(3);
    expect(area.items.has('page:3')).toBe(false);
    expect(await store.isRegisteredSidebar(3, TOKEN)).toBe(false);
  });

  it('does not bring back a tab forgotten while its state was being read', async () => {
    const area = slowArea();
    area.items.set('page:5', {
      url: 'https://x.com/home',
      postKeys: ['x:1'],
      selectedPostKey: null,
      sidebarTokens: [TOKEN],
    });
    const store = new PageStateStore(area);
    const reading = store.isRegisteredSidebar(5, TOKEN);
    await store.forget(5);
    await reading;
    expect(await store.isRegisteredSidebar(5, TOKEN)).toBe(false);
  });

  it('does not store the state of a tab closed while its report was being recorded', async () => {
    const area = slowArea();
    const store = new PageStateStore(area);
    await store.reset(9, 'https://x.com/home');
    await store.registerSidebar(9, TOKEN);
    // The tab closes while the report's posts are written to the database; the report ends after.
    await store.forget(9);
    await store.addKeys(9, 'https://x.com/home', ['x:1']);
    await store.select(9, 'x:1');
    expect(area.items.has('page:9')).toBe(false);
    expect(await store.get(9)).toMatchObject({ url: null, postKeys: [], selectedPostKey: null });
    expect(await store.isRegisteredSidebar(9, TOKEN)).toBe(false);
  });
});
