/**
 * Bench-only helpers evaluated inside the extension's own origin (service worker or an extension page)
 * through DevTools: seeding the case history at scale and timing history queries against the same
 * IndexedDB database the extension uses. Bundled by bench/bundle.mjs; never part of the shipped build.
 */
import Dexie from 'dexie';
import { classifyMention } from '../../lib/classify';
import { getCustomerHistory } from '../../lib/db/customers';
import { ParleyDb } from '../../lib/db/schema';
import { seedSyntheticData } from '../../lib/db/seed';
import { DEFAULT_POLICY } from '../../lib/policy/default-policy';

let db: ParleyDb | null = null;
// Relaxed durability (no flush to disk per transaction) only for the bench's bulk seeding: a lost
// seed after a crash is simply re-seeded. Reads are unaffected.
function database(): ParleyDb {
  db ??= new ParleyDb('parley', { chromeTransactionDurability: 'relaxed' });
  return db;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

const tools = {
  async counts() {
    const handle = database();
    const [customers, mentions, cases, events, identities] = await Promise.all([
      handle.customers.count(),
      handle.mentions.count(),
      handle.cases.count(),
      handle.events.count(),
      handle.identities.count(),
    ]);
    const seeded = await handle.meta.get('bench.seed');
    return {
      customers,
      mentions,
      cases,
      events,
      identities,
      seeded: typeof seeded?.value === 'string' ? JSON.parse(seeded.value) : null,
    };
  },

  /** Deletes the database (the next open recreates it empty at the current schema). */
  async reset() {
    await database().delete();
    db = null;
    await database().open();
  },

  /**
   * Adds one piece of synthetic data (customer ids and handles carry the piece's seed, so pieces never
   * collide) and records it in meta 'bench.seed' so an interrupted seeding resumes where it stopped.
   */
  async seedPiece(options: { customers: number; mentionsPerCustomer: number; seed: number; plan: string }) {
    const handle = database();
    const started = performance.now();
    const counts = await seedSyntheticData(handle, {
      customers: options.customers,
      mentionsPerCustomer: options.mentionsPerCustomer,
      seed: options.seed,
      chunkSize: 1_000,
    });
    const previous = await handle.meta.get('bench.seed');
    const progress = typeof previous?.value === 'string' ? JSON.parse(previous.value) : null;
    const pieces = progress?.plan === options.plan ? [...progress.pieces, options.seed] : [options.seed];
    await handle.meta.put({ key: 'bench.seed', value: JSON.stringify({ plan: options.plan, pieces }) });
    return { counts, seconds: (performance.now() - started) / 1000 };
  },

  /** X handles of seeded customers (so a fixture page can show posts by customers with history). */
  async xHandles(count: number) {
    const rows = await database().identities.where('id').startsWith('x:').limit(count).toArray();
    return rows.map((row) => ({ handle: row.handle, customerId: row.customerId }));
  },

  /**
   * getCustomerHistory (first page of `limit` items, as the sidebar asks) for `runs` random seeded
   * customers of pieces 1…pieces: timings in ms. This bundle's own connection to the database is
   * opened first, untimed (`openMs`): the extension's background holds its connection open, so a
   * query the sidebar sends never pays for opening one.
   */
  async historyTimings(options: { runs: number; customersPerPiece: number; pieces: number; limit: number }) {
    const handle = database();
    const openStarted = performance.now();
    await handle.open();
    const openMs = performance.now() - openStarted;
    let state = 12_345;
    const next = () => {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return state / 4_294_967_296;
    };
    const timings: number[] = [];
    let items = 0;
    for (let run = 0; run < options.runs; run += 1) {
      const piece = 1 + Math.floor(next() * options.pieces);
      const index = Math.floor(next() * options.customersPerPiece);
      const customerId = `cu_seed${piece}_${index.toString().padStart(8, '0')}`;
      const started = performance.now();
      const history = await getCustomerHistory(handle, customerId, { limit: options.limit });
      timings.push(performance.now() - started);
      items += history?.items.length ?? 0;
    }
    const sorted = [...timings].sort((a, b) => a - b);
    return {
      openMs,
      timings,
      runs: options.runs,
      items,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      max: sorted[sorted.length - 1],
    };
  },

  /** classifyMention over the texts, repeated until at least minMs passed: posts per second. */
  classifyThroughput(texts: string[], minMs: number) {
    const context = { rules: DEFAULT_POLICY.classification, corrections: [] };
    for (const text of texts.slice(0, 50)) classifyMention({ text, platform: 'x' }, context); // warm-up
    let classified = 0;
    const started = performance.now();
    while (performance.now() - started < minMs) {
      for (const text of texts) classifyMention({ text, platform: 'x' }, context);
      classified += texts.length;
    }
    const seconds = (performance.now() - started) / 1000;
    return { classified, seconds, perSecond: classified / seconds };
  },

  dexieVersion: Dexie.semVer,
};

(globalThis as { parleyBench?: typeof tools }).parleyBench = tools;
