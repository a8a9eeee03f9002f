/**
 * The database test kit, bundled (esbuild, IIFE) and evaluated inside the extension's own contexts: the
 * service worker or an extension page, so Dexie runs on Chromium's real IndexedDB in the extension
 * origin. Extension pages refuse inline scripts (CSP), but DevTools-protocol evaluation is allowed.
 */
import Dexie from 'dexie';
import { ParleyDb, type ParleyDb as ParleyDbType, SCHEMA_V1, TABLE_NAMES } from '../../../../lib/db/schema';
import { seedSyntheticData } from '../../../../lib/db/seed';
import { exportJson, importJson } from '../../../../lib/export';
import { consistencyProblems, type TableDump } from '../consistency';

const PLATFORMS = ['x', 'reddit', 'instagram'] as const;
const STATUSES = ['open', 'awaiting-customer', 'resolved'] as const;
const CATEGORIES = ['complaint', 'question', 'praise', 'neutral'] as const;

function at(minutes: number): string {
  return new Date(Date.UTC(2025, 5, 1) + minutes * 60_000).toISOString();
}

/**
 * A version-1 profile as the first release wrote it: inline identities, mentions without classifier
 * detail, v1 'status' events, a draft per tenth customer. Deterministic for a given size.
 */
export async function writeV1(name: string, customers: number): Promise<Record<string, number>> {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  const rows = {
    customers: [] as unknown[],
    mentions: [] as unknown[],
    cases: [] as unknown[],
    events: [] as unknown[],
    drafts: [] as unknown[],
  };
  for (let index = 0; index < customers; index += 1) {
    const id = `c${String(index).padStart(6, '0')}`;
    const platform = PLATFORMS[index % 3] as (typeof PLATFORMS)[number];
    const handle = `user_${index}`;
    const start = index * 10;
    const caseId = `k${id.slice(1)}`;
    const status = STATUSES[index % 3] as (typeof STATUSES)[number];
    rows.customers.push({
      id,
      displayName: `Customer ${index}`,
      ...(index % 4 === 0 ? { notes: `note for ${index}` } : {}),
      identities: [{ platform, handle, displayName: `Customer ${index}` }],
      identityKeys: [`${platform}:${handle}`],
      firstSeenAt: at(start),
      lastSeenAt: at(start + 2),
    });
    for (let n = 0; n < 3; n += 1) {
      const mentionId = `${platform}:${index}-${n}`;
      const category = CATEGORIES[(index + n) % 4] as (typeof CATEGORIES)[number];
      rows.mentions.push({
        id: mentionId,
        platform,
        postId: `${index}-${n}`,
        permalink: `https://${platform}.example/${index}/${n}`,
        customerId: id,
        authorHandle: handle,
        text: `post ${n} from customer ${index} about Acme`,
        postedAt: at(start + n),
        detectedAt: at(start + n),
        category,
        severity: ((index + n) % 4) + 1,
        caseId,
      });
      rows.events.push({
        id: `e${id}-${n}`,
        caseId,
        customerId: id,
        at: at(start + n),
        type: 'detected',
        data: { mentionId },
      });
    }
    if (status !== 'open') {
      rows.events.push({
        id: `e${id}-r`,
        caseId,
        customerId: id,
        at: at(start + 3),
        type: 'replied',
        data: { text: 'On it' },
      });
      rows.events.push({
        id: `e${id}-s`,
        caseId,
        customerId: id,
        at: at(start + 3),
        type: 'status',
        data: { from: 'open', to: 'awaiting-customer' },
      });
    }
    if (status === 'resolved') {
      rows.events.push({
        id: `e${id}-z`,
        caseId,
        customerId: id,
        at: at(start + 4),
        type: 'status',
        data: { from: 'awaiting-customer', to: 'resolved' },
      });
    }
    if (index % 5 === 0)
      rows.events.push({
        id: `e${id}-n`,
        caseId,
        customerId: id,
        at: at(start + 5),
        type: 'note',
        data: { text: `remember ${index}` },
      });
    rows.cases.push({
      id: caseId,
      customerId: id,
      status,
      openedAt: at(start),
      ...(status !== 'open' ? { firstResponseAt: at(start + 3) } : {}),
      ...(status === 'resolved' ? { resolvedAt: at(start + 4) } : {}),
      severity: (index % 4) + 1,
      category: CATEGORIES[index % 4],
    });
    if (index % 10 === 0)
      rows.drafts.push({
        postKey: `${platform}:${index}-0`,
        text: `draft ${index}`,
        updatedAt: at(start + 6),
      });
  }
  await v1.transaction('rw', ['customers', 'mentions', 'cases', 'events', 'drafts'], async () => {
    for (const [table, list] of Object.entries(rows)) await v1.table(table).bulkAdd(list);
  });
  v1.close();
  return Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length]));
}

/** A version-1 database's rows, read with the version-1 schema (so nothing upgrades it). */
export async function dumpV1(name: string): Promise<Record<string, unknown[]>> {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  try {
    const out: Record<string, unknown[]> = {};
    for (const table of Object.keys(SCHEMA_V1)) out[table] = await v1.table(table).toArray();
    return out;
  } finally {
    v1.close();
  }
}

/** Every table of a database, rows in key order. */
export async function dump(name: string): Promise<Record<string, unknown[]>> {
  const db = new ParleyDb(name);
  try {
    const out: Record<string, unknown[]> = {};
    for (const table of TABLE_NAMES) out[table] = await db.table(table).toArray();
    return out;
  } finally {
    db.close();
  }
}

/** Row counts and a SHA-256 of every table's rows (each row's JSON with sorted keys, in key order). */
export async function digest(name: string): Promise<Record<string, { rows: number; sha256: string }>> {
  const db = new ParleyDb(name);
  try {
    const out: Record<string, { rows: number; sha256: string }> = {};
    for (const table of TABLE_NAMES) {
      const rows = await db.table(table).toArray();
      const text = rows.map((row) => JSON.stringify(sortDeep(row))).join('\n');
      const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
      out[table] = {
        rows: rows.length,
        sha256: [...new Uint8Array(hash)].map((byte) => byte.toString(16).padStart(2, '0')).join(''),
      };
    }
    return out;
  } finally {
    db.close();
  }
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortDeep(v)]),
    );
  return value;
}

export async function seed(name: string, customers: number, mentionsPerCustomer: number) {
  const db = new ParleyDb(name);
  try {
    return await seedSyntheticData(db, { customers, mentionsPerCustomer, seed: 42, chunkSize: 500 });
  } finally {
    db.close();
  }
}

/** Exports `from` to JSON Lines in memory and imports the file into the empty database `to`. */
export async function roundTrip(from: string, to: string) {
  const source = new ParleyDb(from);
  const target = new ParleyDb(to);
  try {
    const chunks: string[] = [];
    const exportStart = performance.now();
    const exported = await exportJson(source, (chunk) => void chunks.push(chunk));
    const exportMs = performance.now() - exportStart;
    const importStart = performance.now();
    const result = await importJson(target, () => chunks);
    const importMs = performance.now() - importStart;
    const bytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    return { exported, written: result.written, skipped: result.skipped, exportMs, importMs, bytes };
  } finally {
    source.close();
    target.close();
  }
}

export async function problems(name: string): Promise<string[]> {
  return consistencyProblems((await dump(name)) as unknown as TableDump);
}

export async function deleteDatabase(name: string): Promise<void> {
  await Dexie.delete(name);
}

export type { ParleyDbType };
