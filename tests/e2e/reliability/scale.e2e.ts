import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionSession } from '../harness';
import { buildKit } from './kit/build';
import { launch, recordMeasurement } from './support';

/**
 * Export → import of a 100,000-record profile is identical (docs/reliability.md). Runs lib/export's exportJson and
 * importJson with lib/db on Chromium's IndexedDB in an extension page of the production build (the code
 * the options page runs), from a deterministic synthetic profile (lib/db/seed) into an empty database,
 * and compares every table by row count and a SHA-256 of its rows in key order.
 */

type Digest = Record<string, { rows: number; sha256: string }>;
interface Kit {
  seed(name: string, customers: number, mentionsPerCustomer: number): Promise<Record<string, number>>;
  roundTrip(
    from: string,
    to: string,
  ): Promise<{
    exported: Record<string, number>;
    written: Record<string, number>;
    skipped: Record<string, number>;
    exportMs: number;
    importMs: number;
    bytes: number;
  }>;
  digest(name: string): Promise<Digest>;
  deleteDatabase(name: string): Promise<void>;
}
const kit = (page: Page) => ({
  run: <T>(call: (kit: Kit) => Promise<T>) =>
    page.evaluate(`(${call.toString()})(globalThis.parleyKit)`) as Promise<T>,
});

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);

describe('export → import at scale', () => {
  let session: ExtensionSession;
  let page: Page;

  beforeAll(async () => {
    const source = await buildKit();
    session = await launch({ pages: [] });
    page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await page.evaluate(source);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('a profile of 100,000+ records comes back identical, table by table', async () => {
    const { run } = kit(page);
    const seeded = await run((k) => k.seed('parley-scale-source', 6_400, 4));
    expect(total(seeded)).toBeGreaterThanOrEqual(100_000);

    const trip = await run((k) => k.roundTrip('parley-scale-source', 'parley-scale-copy'));
    recordMeasurement(
      'Export → import round trip in an extension page',
      `${total(trip.exported).toLocaleString('en-US')} rows, ${(trip.bytes / 1e6).toFixed(1)} MB of JSON Lines: export ${(trip.exportMs / 1000).toFixed(1)} s, import ${(trip.importMs / 1000).toFixed(1)} s`,
    );
    expect(total(trip.exported)).toBeGreaterThanOrEqual(100_000);
    expect(trip.written).toEqual(trip.exported);
    expect(total(trip.skipped)).toBe(0);

    const [source, copy] = await Promise.all([
      run((k) => k.digest('parley-scale-source')),
      run((k) => k.digest('parley-scale-copy')),
    ]);
    expect(source.customers?.rows).toBe(seeded.customers);
    expect(source.mentions?.rows).toBe(seeded.mentions);
    // Equal digests of every table: the copy is the source, row for row (the seed's own consistency is
    // covered by tests/unit/db/seed.test.ts).
    expect(copy).toEqual(source);
  }, 180_000);
});
