import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Classification } from '../../../lib/db/cases';
import { ParleyDb, TABLE_NAMES, type TableName } from '../../../lib/db/schema';
import type { Platform, ScrapedPost } from '../../../lib/domain/types';

/** A database on its own in-memory IndexedDB, so every test starts empty and tests never share state. */
export function freshDb(name = 'parley-test'): ParleyDb {
  return new ParleyDb(name, { indexedDB: new IDBFactory(), IDBKeyRange });
}

/** The IndexedDB options for opening a second handle (raw Dexie, another version) on the same store. */
export function freshFactory() {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

let postCounter = 0;

export function makePost(
  overrides: Partial<ScrapedPost> & { handle?: string; platform?: Platform } = {},
): ScrapedPost {
  postCounter += 1;
  const { handle, ...rest } = overrides;
  return {
    platform: 'x',
    postId: `p${postCounter}`,
    permalink: `https://x.example/status/p${postCounter}`,
    author: { handle: handle ?? 'alice', displayName: 'Alice A.' },
    text: '@brand my parcel is late',
    postedAt: '2026-03-01T10:00:00.000Z',
    postedAtEstimated: false,
    isReply: false,
    inReplyTo: null,
    ...rest,
  };
}

export function classified(overrides: Partial<Classification> = {}): Classification {
  return { category: 'complaint', severity: 2, sentiment: -0.4, reasons: ['late delivery'], ...overrides };
}

/** Every table's rows in primary-key order: what "identical data" means for round trips. */
export async function dumpTables(db: ParleyDb): Promise<Record<TableName, unknown[]>> {
  const entries = await Promise.all(
    TABLE_NAMES.map(async (name) => [name, await db.table(name).toArray()] as const),
  );
  return Object.fromEntries(entries) as Record<TableName, unknown[]>;
}
