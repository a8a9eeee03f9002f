import Dexie, { type DexieOptions, type Table, type Transaction } from 'dexie';
import type { Category, Platform, Severity } from '../domain/types';
import { recountCustomer } from './customers';
import { identityKey, toTimestamp, toTimestampOrNull } from './ids';
import {
  type CaseRow,
  type CorrectionRow,
  type CustomerRow,
  caseRowSchema,
  type DraftRow,
  type EventRow,
  eventRowSchema,
  type IdentityRow,
  type MentionRow,
  type MetaRow,
  mentionRowSchema,
  type ThanksRow,
} from './records';
import { deriveCase } from './timeline';

/**
 * Parley's case history, in the extension's own origin only (background, sidebar, options, popup).
 * A content script must never open it: IndexedDB opened there lives in the visited site's origin,
 * readable by the site's scripts. Content scripts reach this data through typed messages.
 */

/**
 * Version 1: the first, minimal schema. Identities lived inline on the customer, mentions carried
 * no classifier detail, and the case row held its times without a derivable timeline.
 */
export const SCHEMA_V1 = {
  customers: 'id, *identityKeys, lastSeenAt',
  mentions: 'id, customerId, caseId',
  cases: 'id, customerId, status',
  events: 'id, caseId, customerId',
  drafts: 'postKey',
} as const;

/**
 * Version 2 (version 3 keeps it unchanged). The indexes are the query plan:
 * - one customer's history: mentions and events by [customerId+at], cases by [customerId+openedAt];
 * - the work queue: cases by [status+severity+openedAt] (or [status+openedAt] for plain age order);
 * - a case's timeline: events and mentions by caseId;
 * - retention: cases by updatedAt, customers by lastSeenAt, the small tables by their time.
 */
export const SCHEMA_V2 = {
  customers: 'id, lastSeenAt',
  identities: 'id, customerId',
  mentions: 'id, caseId, [customerId+at]',
  cases: 'id, updatedAt, [customerId+openedAt], [status+severity+openedAt], [status+openedAt]',
  events: 'id, caseId, at, [customerId+at]',
  drafts: 'postKey, updatedAt',
  corrections: 'id, at',
  thanks: 'postKey, customerId, at',
  meta: 'key',
} as const;

/**
 * Version 3: the same tables and indexes as version 2. Its upgrade repairs the rows of posts stored
 * with a date after Parley saw them (see repairPostsDatedAfterSeen).
 */
export const CURRENT_SCHEMA_VERSION = 3;

/** Row shapes as version 1 wrote them: what the upgrade reads. */
export interface V1Identity {
  platform: Platform;
  handle: string;
  displayName?: string | null;
}
export interface V1Customer {
  id: string;
  displayName: string;
  notes?: string;
  identities: V1Identity[];
  identityKeys: string[];
  firstSeenAt: string;
  lastSeenAt: string;
}
export interface V1Mention {
  id: string;
  platform: Platform;
  postId: string;
  permalink: string | null;
  customerId: string;
  authorHandle: string;
  text: string;
  postedAt: string | null;
  detectedAt: string;
  category: Category;
  severity: Severity;
  caseId: string;
}
export interface V1Case {
  id: string;
  customerId: string;
  status: 'open' | 'awaiting-customer' | 'resolved';
  openedAt: string;
  firstResponseAt?: string;
  resolvedAt?: string;
  severity: Severity;
  category: Category;
}
export interface V1Event {
  id: string;
  caseId: string;
  customerId: string;
  at: string;
  type: 'detected' | 'replied' | 'note' | 'status';
  data: { mentionId?: string; text?: string; from?: V1Case['status']; to?: V1Case['status'] };
}
export interface V1Draft {
  postKey: string;
  text: string;
  updatedAt: string;
}

export class ParleyDb extends Dexie {
  customers!: Table<CustomerRow, string>;
  identities!: Table<IdentityRow, string>;
  mentions!: Table<MentionRow, string>;
  cases!: Table<CaseRow, string>;
  events!: Table<EventRow, string>;
  drafts!: Table<DraftRow, string>;
  corrections!: Table<CorrectionRow, string>;
  thanks!: Table<ThanksRow, string>;
  meta!: Table<MetaRow, string>;

  constructor(name = 'parley', options?: DexieOptions) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeV1ToV2);
    this.version(3).stores(SCHEMA_V2).upgrade(repairPostsDatedAfterSeen);
  }
}

/** Every table, in the order an export writes and an import expects them. */
export const TABLE_NAMES = [
  'meta',
  'customers',
  'identities',
  'cases',
  'mentions',
  'events',
  'thanks',
  'drafts',
  'corrections',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

const UPGRADE_PAGE = 1_000;

/** Walks a table in primary-key pages so an upgrade of a large profile never loads it whole. */
async function forEachPage<T>(
  table: Table<T, string>,
  visit: (rows: T[]) => Promise<void>,
  keyOf: (row: T) => string,
): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const page: T[] =
      after === null
        ? await table.orderBy(':id').limit(UPGRADE_PAGE).toArray()
        : await table.where(':id').above(after).limit(UPGRADE_PAGE).toArray();
    const last = page[page.length - 1];
    if (!last) return;
    await visit(page);
    after = keyOf(last);
  }
}

function isComplaint(category: Category): boolean {
  return category === 'complaint' || category === 'crisis';
}

/**
 * v1 → v2: identities move out of customers into their own table, mentions gain the fields the
 * classifier now records, v1 'status' events become 'status-changed', and each case row is
 * re-derived from its timeline. Where v1 knew a fact only from the case row (a resolution or a
 * first response without a matching event), the upgrade writes it into the timeline so the
 * derived row keeps it.
 */
export async function upgradeV1ToV2(tx: Transaction): Promise<void> {
  const customers = tx.table<V1Customer | CustomerRow, string>('customers');
  const identities = tx.table<IdentityRow, string>('identities');
  const mentions = tx.table<V1Mention | MentionRow, string>('mentions');
  const cases = tx.table<V1Case | CaseRow, string>('cases');
  const events = tx.table<V1Event | EventRow, string>('events');
  const meta = tx.table<MetaRow, string>('meta');

  const counts = new Map<string, { praise: number; complaints: number }>();
  await forEachPage(
    mentions as Table<V1Mention, string>,
    async (page) => {
      const upgraded = page.map((old): MentionRow => {
        const postedAt = toTimestampOrNull(old.postedAt);
        const detectedAt = toTimestamp(old.detectedAt);
        const tally = counts.get(old.customerId) ?? { praise: 0, complaints: 0 };
        if (old.category === 'praise') tally.praise += 1;
        if (isComplaint(old.category)) tally.complaints += 1;
        counts.set(old.customerId, tally);
        return {
          id: old.id,
          platform: old.platform,
          postId: old.postId,
          permalink: old.permalink ?? null,
          customerId: old.customerId,
          identityId: identityKey(old.platform, old.authorHandle),
          authorHandle: old.authorHandle,
          text: old.text,
          postedAt,
          postedAtEstimated: false,
          detectedAt,
          at: postedAt ?? detectedAt,
          category: old.category,
          severity: old.severity,
          sentiment: 0,
          reasons: [],
          isOwnReply: false,
          inReplyTo: null,
          caseId: old.caseId,
        };
      });
      await mentions.bulkPut(upgraded);
    },
    (row) => row.id,
  );

  await forEachPage(
    customers as Table<V1Customer, string>,
    async (page) => {
      const identityRows: IdentityRow[] = [];
      const upgraded = page.map((old): CustomerRow => {
        for (const inline of old.identities ?? []) {
          identityRows.push({
            id: identityKey(inline.platform, inline.handle),
            platform: inline.platform,
            handle: inline.handle,
            customerId: old.id,
            displayName: inline.displayName ?? null,
          });
        }
        const tally = counts.get(old.id) ?? { praise: 0, complaints: 0 };
        return {
          id: old.id,
          displayName: old.displayName,
          notes: old.notes ?? null,
          firstSeenAt: toTimestamp(old.firstSeenAt),
          lastSeenAt: toTimestamp(old.lastSeenAt),
          praiseCount: tally.praise,
          complaintCount: tally.complaints,
        };
      });
      // bulkPut replaces whole rows, which drops the inline identities and their index keys.
      await customers.bulkPut(upgraded);
      await identities.bulkPut(identityRows);
    },
    (row) => row.id,
  );

  await forEachPage(
    events as Table<V1Event, string>,
    async (page) => {
      const mentionIds = page.flatMap((event) =>
        event.type === 'detected' && event.data.mentionId ? [event.data.mentionId] : [],
      );
      const found = await (mentions as Table<MentionRow, string>).bulkGet(mentionIds);
      const byId = new Map(found.flatMap((mention) => (mention ? [[mention.id, mention] as const] : [])));
      const upgraded = page.flatMap((old): EventRow[] => {
        const base = { id: old.id, caseId: old.caseId, customerId: old.customerId, at: toTimestamp(old.at) };
        switch (old.type) {
          case 'detected': {
            const mention = byId.get(old.data.mentionId ?? '');
            if (!mention) return [];
            // v2 places a detection at the post's own time so the timeline reads in real-world order.
            return [
              {
                ...base,
                at: mention.at,
                type: 'detected',
                data: {
                  mentionId: mention.id,
                  detectedAt: mention.detectedAt,
                  category: mention.category,
                  severity: mention.severity,
                },
              },
            ];
          }
          case 'replied':
            return [
              {
                ...base,
                type: 'replied',
                data: { via: 'marked-sent', text: old.data.text ?? '', postKey: null, seenMentionId: null },
              },
            ];
          case 'note':
            return [{ ...base, type: 'note', data: { text: old.data.text ?? '' } }];
          case 'status':
            if (!old.data.from || !old.data.to) return [];
            return [
              {
                ...base,
                type: 'status-changed',
                data: { from: old.data.from, to: old.data.to, reason: 'agent' },
              },
            ];
          default:
            return [];
        }
      });
      const dropped = page
        .filter((old) => !upgraded.some((event) => event.id === old.id))
        .map((old) => old.id);
      await events.bulkPut(upgraded);
      await events.bulkDelete(dropped);
    },
    (row) => row.id,
  );

  await forEachPage(
    cases as Table<V1Case, string>,
    async (page) => {
      const timeline = (await (events as Table<EventRow, string>)
        .where('caseId')
        .anyOf(page.map((row) => row.id))
        .toArray()) as EventRow[];
      const byCase = new Map<string, EventRow[]>();
      for (const event of timeline) {
        if (event.caseId === null) continue;
        const list = byCase.get(event.caseId) ?? [];
        list.push(event);
        byCase.set(event.caseId, list);
      }
      const synthesized: EventRow[] = [];
      const upgraded = page.map((old): CaseRow => {
        const caseEvents = byCase.get(old.id) ?? [];
        const base = { caseId: old.id, customerId: old.customerId };
        if (!caseEvents.some((event) => event.type === 'detected')) {
          // A v1 case whose mentions are gone still opened at some point: keep that as its start.
          caseEvents.push({
            ...base,
            id: `${old.id}~v1-opened`,
            at: toTimestamp(old.openedAt),
            type: 'note',
            data: { text: 'Case carried over from an earlier version without its first mention.' },
          });
        }
        if (old.firstResponseAt && !caseEvents.some((event) => event.type === 'replied')) {
          caseEvents.push({
            ...base,
            id: `${old.id}~v1-replied`,
            at: toTimestamp(old.firstResponseAt),
            type: 'replied',
            data: { via: 'marked-sent', text: '', postKey: null, seenMentionId: null },
          });
        }
        let derived = deriveCase({ id: old.id, customerId: old.customerId }, caseEvents);
        if (derived.status !== old.status) {
          caseEvents.push({
            ...base,
            id: `${old.id}~v1-status`,
            at: toTimestamp(old.resolvedAt ?? derived.updatedAt),
            type: 'status-changed',
            data: { from: derived.status, to: old.status, reason: 'agent' },
          });
          derived = deriveCase({ id: old.id, customerId: old.customerId }, caseEvents);
        }
        synthesized.push(...caseEvents.filter((event) => event.id.startsWith(`${old.id}~v1-`)));
        return derived;
      });
      await events.bulkPut(synthesized);
      await cases.bulkPut(upgraded);
    },
    (row) => row.id,
  );

  await meta.put({ key: 'upgradedFromV1At', value: new Date().toISOString() });
}

/**
 * v2 → v3. recordMention now holds a post dated after Parley saw it to the time it was seen; rows
 * stored before kept the page's date. Such a post sorted ahead of everything the agent did after it
 * was seen (a resolution before the claimed date was undone by the reopening recorded at that date),
 * and kept its case and customer from ever ageing out. The repair does what recordMention does now:
 * the post, and the events it caused (its detection, and the reply or status change placed at the
 * post's time, which carry exactly that time), move to when it was seen; the case is re-derived
 * from its timeline and the customer's first and last seen recounted.
 */
export async function repairPostsDatedAfterSeen(tx: Transaction): Promise<void> {
  const mentions = tx.table<MentionRow, string>('mentions');
  const events = tx.table<EventRow, string>('events');
  const cases = tx.table<CaseRow, string>('cases');
  const customers = tx.table<CustomerRow, string>('customers');

  // Only well-formed rows are touched: a damaged one left as it is must not keep the database from opening.
  const found = new Map<string, MentionRow[]>();
  await forEachPage(
    mentions,
    async (page) => {
      for (const row of page) {
        const dated = row as Partial<MentionRow>;
        if (typeof dated.postedAt !== 'string' || typeof dated.detectedAt !== 'string') continue;
        if (dated.postedAt <= dated.detectedAt) continue;
        const mention = mentionRowSchema.safeParse(row);
        if (!mention.success) continue;
        const list = found.get(mention.data.caseId) ?? [];
        list.push(mention.data);
        found.set(mention.data.caseId, list);
      }
    },
    (row) => row.id,
  );

  const customerIds = new Set<string>();
  for (const [caseId, posts] of found) {
    const caseRow = caseRowSchema.safeParse(await cases.get(caseId));
    const stored = await events.where('caseId').equals(caseId).toArray();
    const timeline = stored.map((event) => eventRowSchema.safeParse(event));
    if (!caseRow.success || !timeline.every((event) => event.success)) continue;
    const moved = new Map<string, EventRow>();
    // A status change names no post: it is a post's only when no other post of the case has its time.
    const postsAt = new Map<string, number>();
    for (const { data: event } of timeline)
      if (event.type === 'detected') postsAt.set(event.at, (postsAt.get(event.at) ?? 0) + 1);
    for (const { data: event } of timeline) {
      if (event.type === 'status-changed' && (postsAt.get(event.at) ?? 0) > 1) continue;
      const post = posts.find((candidate) => event.at === candidate.at && causedBy(event, candidate.id));
      if (post) moved.set(event.id, { ...event, at: post.detectedAt });
    }
    await mentions.bulkPut(
      posts.map((post) => ({ ...post, postedAt: post.detectedAt, at: post.detectedAt })),
    );
    await events.bulkPut([...moved.values()]);
    const repaired = timeline.map(({ data: event }) => moved.get(event.id) ?? event);
    if (repaired.length > 0) {
      await cases.put(deriveCase({ id: caseId, customerId: caseRow.data.customerId }, repaired));
    }
    for (const post of posts) customerIds.add(post.customerId);
  }
  for (const customerId of customerIds) await recountCustomer({ customers, mentions }, customerId);
}

/** An event recordMention placed at a post's own time when it recorded that post. */
function causedBy(event: EventRow, mentionId: string): boolean {
  switch (event.type) {
    case 'detected':
      return event.data.mentionId === mentionId;
    case 'replied':
      return event.data.via === 'seen-in-thread' && event.data.seenMentionId === mentionId;
    case 'status-changed':
      return event.data.reason === 'customer-wrote' || event.data.reason === 'replied';
    default:
      return false;
  }
}
