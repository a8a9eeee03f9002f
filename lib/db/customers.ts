import Dexie, { type Table } from 'dexie';
import type { Platform } from '../domain/types';
import { earlierOf, identityKey, laterOf, newId, toTimestamp } from './ids';
import type { CaseRow, CustomerRow, EventRow, IdentityRow, MentionRow } from './records';
import type { ParleyDb } from './schema';

/**
 * Customers and their identities: one person, several platform accounts. The agent links accounts
 * that belong together (merging two customers) and unlinks a wrongly linked one. History queries
 * read only the [customerId+…] indexes, so their cost follows one customer's data, not the profile's.
 */

export async function getCustomerForHandle(
  db: ParleyDb,
  platform: Platform,
  handle: string,
): Promise<CustomerRow | null> {
  return db.transaction('r', [db.identities, db.customers], async () => {
    const identity = await db.identities.get(identityKey(platform, handle));
    if (!identity) return null;
    return (await db.customers.get(identity.customerId)) ?? null;
  });
}

export type HistoryItem =
  | { kind: 'mention'; at: string; id: string; mention: MentionRow }
  | { kind: 'event'; at: string; id: string; event: EventRow };

/** Where the previous page ended; pass it back as `before` for the next, older page. */
export interface HistoryCursor {
  at: string;
  id: string;
}

export interface CustomerHistory {
  customer: CustomerRow;
  identities: IdentityRow[];
  /** Newest first. */
  cases: CaseRow[];
  /** Mentions and events across every platform, newest first. */
  items: HistoryItem[];
  /** Set when older items remain. */
  next: HistoryCursor | null;
}

function newestFirst(a: HistoryItem, b: HistoryItem): number {
  if (a.at !== b.at) return a.at > b.at ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id > b.id ? -1 : 1;
}

export async function getCustomerHistory(
  db: ParleyDb,
  customerId: string,
  options: { limit?: number; before?: HistoryCursor } = {},
): Promise<CustomerHistory | null> {
  const limit = Math.max(1, options.limit ?? 50);
  const before = options.before;
  const upper = before ? [customerId, before.at] : [customerId, Dexie.maxKey];
  // Newest first within the customer's range, at most limit + 1 rows (one more tells whether older
  // items remain). Without a cursor this is a plain bounded range, which Dexie answers with a single
  // getAll (count and direction; IndexedDB 3) instead of stepping a cursor row by row, so a brand
  // handle with 100k mentions still reads only limit + 1 rows. With a cursor a filter drops the rows
  // at the cursor's own time that are not older than it: the cursor is inclusive on time and
  // exclusive on id, so items sharing a timestamp are never skipped.
  const newest = <T extends { at: string; id: string }>(table: Table<T, string>) => {
    const range = table
      .where('[customerId+at]')
      .between([customerId, Dexie.minKey], upper, true, true)
      .reverse();
    const page = before
      ? range.filter((row) => row.at < before.at || (row.at === before.at && row.id < before.id))
      : range;
    return page.limit(limit + 1).toArray();
  };

  return db.transaction('r', [db.customers, db.identities, db.cases, db.mentions, db.events], async () => {
    // All five reads are issued at once: one round of requests, not the customer first and then the rest.
    const [customer, identities, cases, mentions, events] = await Promise.all([
      db.customers.get(customerId),
      db.identities.where('customerId').equals(customerId).toArray(),
      db.cases
        .where('[customerId+openedAt]')
        .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
        .reverse()
        .toArray(),
      newest(db.mentions),
      newest(db.events),
    ]);
    if (!customer) return null;
    return historyPage({ customer, identities, cases, mentions, events }, limit);
  });
}

/**
 * One page of history from its reads: the customer, their identities, their cases newest first, and
 * the newest limit + 1 mentions and events (older than the cursor, if any), each newest first.
 */
export function historyPage(
  read: {
    customer: CustomerRow;
    identities: IdentityRow[];
    cases: CaseRow[];
    mentions: MentionRow[];
    events: EventRow[];
  },
  limit: number,
): CustomerHistory {
  const merged: HistoryItem[] = [
    ...read.mentions.map(
      (mention): HistoryItem => ({ kind: 'mention', at: mention.at, id: mention.id, mention }),
    ),
    ...read.events.map((event): HistoryItem => ({ kind: 'event', at: event.at, id: event.id, event })),
  ].sort(newestFirst);
  const items = merged.slice(0, limit);
  const last = items[items.length - 1];
  const next = merged.length > limit && last ? { at: last.at, id: last.id } : null;
  return {
    customer: read.customer,
    identities: read.identities,
    cases: read.cases,
    items,
    next,
  };
}

function isComplaint(category: MentionRow['category']): boolean {
  return category === 'complaint' || category === 'crisis';
}

/**
 * Recounts a customer's aggregates from their mentions (after a merge, split or import moved
 * mentions between customers). Call inside a transaction that includes customers and mentions.
 */
export async function recomputeCustomer(db: ParleyDb, customerId: string): Promise<CustomerRow | null> {
  return recountCustomer({ customers: db.customers, mentions: db.mentions }, customerId);
}

/** recomputeCustomer on given tables: a schema upgrade must use its own transaction's. */
export async function recountCustomer(
  tables: { customers: Table<CustomerRow, string>; mentions: Table<MentionRow, string> },
  customerId: string,
): Promise<CustomerRow | null> {
  const customer = await tables.customers.get(customerId);
  if (!customer) return null;
  let praiseCount = 0;
  let complaintCount = 0;
  let firstSeenAt: string | null = null;
  let lastSeenAt: string | null = null;
  await tables.mentions
    .where('[customerId+at]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .each((mention) => {
      if (mention.isOwnReply) return;
      if (mention.category === 'praise') praiseCount += 1;
      if (isComplaint(mention.category)) complaintCount += 1;
      if (firstSeenAt === null || mention.at < firstSeenAt) firstSeenAt = mention.at;
      if (lastSeenAt === null || mention.at > lastSeenAt) lastSeenAt = mention.at;
    });
  const updated: CustomerRow = {
    ...customer,
    praiseCount,
    complaintCount,
    firstSeenAt: firstSeenAt ?? customer.firstSeenAt,
    lastSeenAt: lastSeenAt ?? customer.lastSeenAt,
  };
  await tables.customers.put(updated);
  return updated;
}

function mergeNotes(target: string | null, source: string | null): string | null {
  if (target === null || target === source) return source ?? target;
  if (source === null) return target;
  return `${target}\n\n${source}`;
}

function linkTables(db: ParleyDb) {
  return [db.customers, db.identities, db.mentions, db.cases, db.events, db.thanks, db.meta] as const;
}

/**
 * How many times rows have moved from one customer to another (links and splits). Why: an export
 * reads customers a page at a time, so a move between pages while it runs would leave rows out of
 * the file or write them twice; the export compares this count before and after (lib/export/json.ts).
 */
const RELINK_COUNT_KEY = 'relinkCount';

export async function relinkCount(db: ParleyDb): Promise<number> {
  const row = await db.meta.get(RELINK_COUNT_KEY);
  return typeof row?.value === 'number' ? row.value : 0;
}

async function countRelink(db: ParleyDb): Promise<void> {
  await db.meta.put({ key: RELINK_COUNT_KEY, value: (await relinkCount(db)) + 1 });
}

/**
 * Links an identity to another customer: the identity's current customer is merged into the target
 * (all their identities, mentions, cases, events and thanks move) and a 'customers-linked' event
 * records it. Returns the target customer.
 */
export async function linkIdentities(
  db: ParleyDb,
  identityId: string,
  targetCustomerId: string,
  at: string | Date = new Date(),
): Promise<CustomerRow> {
  const when = toTimestamp(at);
  return db.transaction('rw', linkTables(db), async () => {
    const identity = await db.identities.get(identityId);
    if (!identity) throw new Error(`Identity not found: ${identityId}`);
    const target = await db.customers.get(targetCustomerId);
    if (!target) throw new Error(`Customer not found: ${targetCustomerId}`);
    const sourceId = identity.customerId;
    if (sourceId === targetCustomerId) return target;
    const source = await db.customers.get(sourceId);
    await countRelink(db);

    const moved = await db.identities.where('customerId').equals(sourceId).primaryKeys();
    const everything = [sourceId, Dexie.minKey] as const;
    const toEnd = [sourceId, Dexie.maxKey] as const;
    await db.identities.where('customerId').equals(sourceId).modify({ customerId: targetCustomerId });
    await db.mentions
      .where('[customerId+at]')
      .between(everything, toEnd)
      .modify({ customerId: targetCustomerId });
    await db.cases
      .where('[customerId+openedAt]')
      .between(everything, toEnd)
      .modify({ customerId: targetCustomerId });
    await db.events
      .where('[customerId+at]')
      .between(everything, toEnd)
      .modify({ customerId: targetCustomerId });
    await db.thanks.where('customerId').equals(sourceId).modify({ customerId: targetCustomerId });

    const merged: CustomerRow = source
      ? {
          ...target,
          notes: mergeNotes(target.notes, source.notes),
          firstSeenAt: earlierOf(source.firstSeenAt, target.firstSeenAt),
          lastSeenAt: laterOf(source.lastSeenAt, target.lastSeenAt),
          praiseCount: target.praiseCount + source.praiseCount,
          complaintCount: target.complaintCount + source.complaintCount,
        }
      : target;
    await db.customers.put(merged);
    await db.customers.delete(sourceId);
    await db.events.add({
      id: newId('ev'),
      caseId: null,
      customerId: targetCustomerId,
      at: when,
      type: 'customers-linked',
      data: { mergedCustomerId: sourceId, identityIds: moved },
    });
    return merged;
  });
}

/**
 * Splits one identity off into a new customer. Cases made only of that identity's posts move with
 * it (with their events and the brand's replies); a case that mixes it with the customer's other
 * accounts stays whole with the original customer, since splitting a conversation would orphan half
 * of it. Returns the new customer.
 */
export async function unlinkIdentity(
  db: ParleyDb,
  identityId: string,
  at: string | Date = new Date(),
): Promise<CustomerRow> {
  const when = toTimestamp(at);
  return db.transaction('rw', linkTables(db), async () => {
    const identity = await db.identities.get(identityId);
    if (!identity) throw new Error(`Identity not found: ${identityId}`);
    const fromId = identity.customerId;
    const siblings = await db.identities.where('customerId').equals(fromId).count();
    if (siblings <= 1)
      throw new Error(`Identity ${identityId} is its customer's only identity; nothing to unlink`);

    const fresh: CustomerRow = {
      id: newId('cu'),
      displayName: identity.displayName ?? identity.handle,
      notes: null,
      firstSeenAt: when,
      lastSeenAt: when,
      praiseCount: 0,
      complaintCount: 0,
    };
    await countRelink(db);
    await db.customers.add(fresh);
    await db.identities.update(identityId, { customerId: fresh.id });

    const mentions = await db.mentions
      .where('[customerId+at]')
      .between([fromId, Dexie.minKey], [fromId, Dexie.maxKey])
      .toArray();
    const authorsByCase = new Map<string, Set<string>>();
    for (const mention of mentions) {
      if (mention.isOwnReply) continue;
      const authors = authorsByCase.get(mention.caseId) ?? new Set<string>();
      authors.add(mention.identityId);
      authorsByCase.set(mention.caseId, authors);
    }
    const movingCases = [...authorsByCase]
      .filter(([, authors]) => authors.size === 1 && authors.has(identityId))
      .map(([caseId]) => caseId);
    const moving = new Set(movingCases);
    const movingMentions = mentions.filter((mention) => moving.has(mention.caseId));

    await db.cases.where('id').anyOf(movingCases).modify({ customerId: fresh.id });
    await db.events.where('caseId').anyOf(movingCases).modify({ customerId: fresh.id });
    await db.mentions.bulkUpdate(
      movingMentions.map((mention) => ({ key: mention.id, changes: { customerId: fresh.id } })),
    );
    await db.thanks
      .where('postKey')
      .anyOf(movingMentions.map((mention) => mention.id))
      .modify({ customerId: fresh.id });

    await recomputeCustomer(db, fromId);
    const created = (await recomputeCustomer(db, fresh.id)) ?? fresh;
    const data = { identityId, fromCustomerId: fromId, toCustomerId: fresh.id };
    await db.events.bulkAdd([
      { id: newId('ev'), caseId: null, customerId: fromId, at: when, type: 'identity-unlinked', data },
      { id: newId('ev'), caseId: null, customerId: fresh.id, at: when, type: 'identity-unlinked', data },
    ]);
    return created;
  });
}
