import type { DBCore, DBCoreKeyRange, Middleware } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { type Classification, recordMention } from '../../../lib/db/cases';
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

export const ANY_RANGE = 3; // DBCoreRangeType.Any: a whole-table (or whole-index) scan

export interface SeenRead {
  table: string;
  kind: 'query' | 'cursor' | 'count';
  index: string | null;
  range: DBCoreKeyRange;
  limit: number | undefined;
}

/**
 * Records every ranged read Dexie sends to IndexedDB while `recording` is on, to prove queries stay
 * on their indexes. Middleware must be installed before the database opens.
 */
export function spyOnReads(db: ParleyDb): { seen: SeenRead[]; recording: boolean } {
  const spyState = { seen: [] as SeenRead[], recording: false };
  const seen = {
    push: (read: SeenRead) => {
      if (spyState.recording) spyState.seen.push(read);
    },
  };
  const spy: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'read-spy',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          query: (request) => {
            seen.push(readOf(name, 'query', request.query, request.limit));
            return table.query(request);
          },
          openCursor: (request) => {
            seen.push(readOf(name, 'cursor', request.query, undefined));
            return table.openCursor(request);
          },
          count: (request) => {
            seen.push(readOf(name, 'count', request.query, undefined));
            return table.count(request);
          },
        };
      },
    }),
  };
  db.use(spy);
  return spyState;
}

function readOf(
  table: string,
  kind: SeenRead['kind'],
  query: { index: { name: string | null }; range: DBCoreKeyRange },
  limit: number | undefined,
): SeenRead {
  return { table, kind, index: query.index.name, range: query.range, limit };
}

/** A customer's post recorded as a mention: the id of the case it opened or joined. */
export async function postCustomerCase(
  db: ParleyDb,
  input: { platform: Platform; handle: string; at: string; classification?: Partial<Classification> },
): Promise<string> {
  const found = await recordMention(db, {
    post: makePost({ platform: input.platform, handle: input.handle, postedAt: input.at }),
    classification: classified(input.classification),
    isOwnReply: false,
    detectedAt: input.at,
  });
  return found.caseId ?? '';
}
