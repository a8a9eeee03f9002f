/**
 * What the sidebar may read and change, executed here in the background against the extension's
 * database. Why not Dexie in the sidebar itself: the sidebar is an extension frame embedded in a site
 * page, a third-party context where Chromium partitions or denies IndexedDB (it is denied outright when
 * third-party cookies are blocked). The background's storage is always the extension's own.
 *
 * Each operation declares its argument schema; arguments are validated before any database access.
 */

import Dexie, { type Table } from 'dexie';
import { z } from 'zod';
import { addNote, escalate, getCase, moveToPrivate, recordThanks, setCaseStatus } from '../db/cases';
import {
  type CustomerHistory,
  getCustomerHistory,
  historyPage,
  linkIdentities,
  unlinkIdentity,
} from '../db/customers';
import { deleteDraft, getDraft, saveDraft } from '../db/drafts';
import { identityKey, platformOfMentionKey, toTimestamp } from '../db/ids';
import {
  CASE_STATUSES,
  type CaseRow,
  type CustomerRow,
  type IdentityRow,
  type MentionRow,
  PRIVATE_CHANNELS,
} from '../db/records';
import { purgeCustomer, purgeOlderThan } from '../db/retention';
import type { ParleyDb } from '../db/schema';
import { HISTORY_READ_MAX } from '../domain/history-page';
import { MAX_NOTE_LENGTH } from '../domain/notes';
import { PLATFORMS } from '../domain/types';
import { slaSchema } from '../policy/schema';
import { markReplySent, recordInsertedReply } from '../replies/record';
import { MAX_REPORT_DAYS, slaReport } from '../reports/sla-report';

const postKeys = z.array(z.string().max(600)).max(5_000);
const postKey = z.string().min(1).max(600);
const rowId = z.string().min(1).max(1_024);
const isoTime = z.iso.datetime();

/** One row of the sidebar's queue: the mention with its case and customer. */
export interface QueueRow {
  mention: MentionRow;
  caseRow: CaseRow | null;
  customer: CustomerRow | null;
}

/** What the mention view shows about one post and its author. */
export interface MentionDetail {
  mention: MentionRow;
  caseRow: CaseRow | null;
  customer: CustomerRow | null;
  identities: IdentityRow[];
  thanked: boolean;
  counts: { mentionCount: number; caseCount: number; complaintCaseCount: number };
}

const OPEN_ELSEWHERE_LIMIT = 50;
const SEARCH_LIMIT = 10;
/** Customers scanned by display name per search: bounded so a large profile still answers quickly. */
const NAME_SCAN_LIMIT = 5_000;
/** "Today's mentions" counts today's detections among posts from this far back (an indexed range). */
const TODAY_LOOKBACK_DAYS = 30;
const DAY_MS = 86_400_000;

async function withCasesAndCustomers(db: ParleyDb, mentions: MentionRow[]): Promise<QueueRow[]> {
  const [cases, customers] = await Promise.all([
    db.cases.bulkGet(mentions.map((mention) => mention.caseId)),
    db.customers.bulkGet(mentions.map((mention) => mention.customerId)),
  ]);
  return mentions.map((mention, index) => ({
    mention,
    caseRow: cases[index] ?? null,
    customer: customers[index] ?? null,
  }));
}

/** The page's mentions, and open cases from elsewhere (each shown by its latest customer post). */
async function queueRows(db: ParleyDb, keys: string[], elsewhereLimit: number) {
  return db.transaction('r', [db.mentions, db.cases, db.customers], async () => {
    const found = (await db.mentions.bulkGet(keys)).filter(
      (mention): mention is MentionRow => mention !== undefined && !mention.isOwnReply,
    );
    const page = await withCasesAndCustomers(db, found);
    const pageCases = new Set(found.map((mention) => mention.caseId));
    const open: CaseRow[] = [];
    for (const severity of [4, 3, 2, 1] as const) {
      if (open.length >= elsewhereLimit) break;
      const rows = await db.cases
        .where('[status+severity+openedAt]')
        .between(['open', severity, Dexie.minKey], ['open', severity, Dexie.maxKey])
        .filter((row) => !pageCases.has(row.id))
        .limit(elsewhereLimit - open.length)
        .toArray();
      open.push(...rows);
    }
    const latest = await Promise.all(
      open.map(async (row) => {
        const mentions = await db.mentions.where('caseId').equals(row.id).toArray();
        return mentions
          .filter((mention) => !mention.isOwnReply)
          .reduce<MentionRow | null>(
            (last, mention) => (!last || mention.at > last.at ? mention : last),
            null,
          );
      }),
    );
    const customers = await db.customers.bulkGet(open.map((row) => row.customerId));
    const elsewhere: QueueRow[] = [];
    open.forEach((row, index) => {
      const mention = latest[index];
      if (mention) elsewhere.push({ mention, caseRow: row, customer: customers[index] ?? null });
    });
    return { page, elsewhere };
  });
}

/** Up to this many mentions, a customer's are read in one request to count them (see below). */
const COUNT_IN_ONE_READ = 200;

/**
 * How many of the customer's mentions are theirs (not the brand's own replies). Why not a filtered
 * count: that steps a cursor row by row, one IndexedDB round trip per mention, on the path of every
 * mention that opens. Most customers have a handful of mentions: an index count, then one getAll of
 * the range. A brand handle may have 100k, which are still counted with the cursor.
 */
async function customerMentionCount(db: ParleyDb, customerId: string): Promise<number> {
  const range = () =>
    db.mentions.where('[customerId+at]').between([customerId, Dexie.minKey], [customerId, Dexie.maxKey]);
  const total = await range().count();
  if (total > COUNT_IN_ONE_READ)
    return range()
      .filter((row) => !row.isOwnReply)
      .count();
  return (await range().toArray()).filter((row) => !row.isOwnReply).length;
}

async function mentionDetail(db: ParleyDb, key: string): Promise<MentionDetail | null> {
  return (await mentionWithHistory(db, key, null))?.detail ?? null;
}

/** The newest rows of a customer's [customerId+at] range, newest first (one bounded getAll). */
function newestOf<T>(table: Table<T, string>, customerId: string, count: number): Promise<T[]> {
  return table
    .where('[customerId+at]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .reverse()
    .limit(count)
    .toArray();
}

/**
 * A mention's detail and, when historyLimit is set, the first page of its customer's history (what
 * 'customer-history' answers), read in one transaction: once the mention is read, every other read
 * goes out at once. The customer, identities and cases are read once for both. When the history's
 * mentions are all of the customer's (fewer than limit + 1), they are also what the count needs.
 */
async function mentionWithHistory(
  db: ParleyDb,
  key: string,
  historyLimit: number | null,
): Promise<{ detail: MentionDetail; history: CustomerHistory | null } | null> {
  return db.transaction(
    'r',
    [db.mentions, db.cases, db.customers, db.identities, db.thanks, db.events],
    async () => {
      const mention = await db.mentions.get(key);
      if (!mention) return null;
      const customerId = mention.customerId;
      const rows = historyLimit === null ? 0 : historyLimit + 1;
      const [caseRow, customer, identities, thanks, cases, newestMentions, newestEvents] = await Promise.all([
        db.cases.get(mention.caseId),
        db.customers.get(customerId),
        db.identities.where('customerId').equals(customerId).toArray(),
        db.thanks.get(key),
        db.cases
          .where('[customerId+openedAt]')
          .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
          .toArray(),
        rows > 0 ? newestOf(db.mentions, customerId, rows) : null,
        rows > 0 ? newestOf(db.events, customerId, rows) : null,
      ]);
      const mentionCount =
        newestMentions && newestMentions.length < rows
          ? newestMentions.filter((row) => !row.isOwnReply).length
          : await customerMentionCount(db, customerId);
      const complaintCases = cases.filter((row) => row.category === 'complaint' || row.category === 'crisis');
      const detail: MentionDetail = {
        mention,
        caseRow: caseRow ?? null,
        customer: customer ?? null,
        identities,
        thanked: thanks !== undefined,
        counts: { mentionCount, caseCount: cases.length, complaintCaseCount: complaintCases.length },
      };
      const history =
        historyLimit !== null && customer && newestMentions && newestEvents
          ? historyPage(
              {
                customer,
                identities,
                cases: [...cases].reverse(),
                mentions: newestMentions,
                events: newestEvents,
              },
              historyLimit,
            )
          : null;
      return { detail, history };
    },
  );
}

/**
 * Customers to link an identity to (or to purge): by handle prefix, and by display name in a bounded
 * scan of the most recently seen customers.
 */
async function searchCustomers(db: ParleyDb, query: string, excludeCustomerId: string | null) {
  const needle = query.trim().replace(/^@+/, '').toLowerCase();
  if (needle.length === 0) return [];
  return db.transaction('r', [db.customers, db.identities], async () => {
    const ids = new Set<string>();
    // Identity ids are `platform:handle`, so a handle prefix is one indexed range per platform.
    const byHandle = await Promise.all(
      PLATFORMS.map((platform) =>
        db.identities.where(':id').startsWith(identityKey(platform, needle)).limit(SEARCH_LIMIT).toArray(),
      ),
    );
    for (const identity of byHandle.flat()) ids.add(identity.customerId);
    if (ids.size < SEARCH_LIMIT) {
      const byName = await db.customers
        .orderBy('lastSeenAt')
        .reverse()
        .limit(NAME_SCAN_LIMIT)
        .filter((customer) => customer.displayName.toLowerCase().includes(needle))
        .limit(SEARCH_LIMIT)
        .toArray();
      for (const customer of byName) ids.add(customer.id);
    }
    if (excludeCustomerId) ids.delete(excludeCustomerId);
    const chosen = [...ids].slice(0, SEARCH_LIMIT);
    const customers = (await db.customers.bulkGet(chosen)).filter(
      (customer): customer is CustomerRow => customer !== undefined,
    );
    const identities = await db.identities.where('customerId').anyOf(chosen).toArray();
    return customers.map((customer) => ({
      customer,
      identities: identities.filter((identity) => identity.customerId === customer.id),
    }));
  });
}

/** Post times of crisis mentions since a moment (the crisis-spike check). */
async function crisisTimesSince(db: ParleyDb, since: string): Promise<string[]> {
  const events = await db.events.where('at').aboveOrEqual(since).toArray();
  return events.flatMap((event) =>
    event.type === 'detected' && event.data.category === 'crisis' ? [event.at] : [],
  );
}

/** The popup's numbers: mentions detected today, and every open case's clock inputs. */
async function overview(db: ParleyDb, since: string) {
  const lookback = new Date(Date.parse(since) - TODAY_LOOKBACK_DAYS * DAY_MS).toISOString();
  return db.transaction('r', [db.events, db.cases], async () => {
    let mentionsToday = 0;
    await db.events
      .where('at')
      .aboveOrEqual(lookback)
      .each((event) => {
        if (event.type === 'detected' && event.data.detectedAt >= since) mentionsToday += 1;
      });
    const open = await db.cases
      .where('[status+openedAt]')
      .between(['open', Dexie.minKey], ['open', Dexie.maxKey])
      .toArray();
    // The platform is the first post's key's prefix: reading every open case's post row (its text
    // included) only for that would cost the popup a read per open case.
    const openCases = open.map((row) => ({
      severity: row.severity,
      category: row.category,
      platform: platformOfMentionKey(row.firstMentionId) ?? ('web' as const),
      statusChangedAt: row.statusChangedAt,
    }));
    return { mentionsToday, openCases };
  });
}

/**
 * The response report's request. The targets come with it, from the policy the options page shows:
 * the report then always matches the policy on screen, and is asked again when that policy changes
 * (no database change would tell the page to). The period is capped so that one request stays a
 * bounded read.
 */
const slaReportArgs = z
  .object({ from: isoTime, to: isoTime, now: isoTime.optional(), sla: slaSchema })
  .refine(({ from, to }) => Date.parse(from) < Date.parse(to), 'the period has to end after it starts')
  .refine(
    ({ from, to }) => Date.parse(to) - Date.parse(from) <= MAX_REPORT_DAYS * DAY_MS,
    `a report covers at most ${MAX_REPORT_DAYS} days`,
  );

/**
 * The response report over the cases opened in [from, to) (see lib/reports/sla-report.ts). Each
 * status's [status+openedAt] range holds exactly that status's cases of the period, so the read grows
 * with the period, not with the profile; each case's platform is in its first post's key, so no post
 * (text and all) is read for it.
 */
async function slaReportFor(db: ParleyDb, args: z.output<typeof slaReportArgs>) {
  const from = toTimestamp(args.from);
  const to = toTimestamp(args.to);
  const now = toTimestamp(args.now ?? new Date());
  return db.transaction('r', db.cases, async () => {
    const byStatus = await Promise.all(
      CASE_STATUSES.map((status) =>
        db.cases.where('[status+openedAt]').between([status, from], [status, to]).toArray(),
      ),
    );
    return slaReport({ cases: byStatus.flat(), policy: { sla: args.sla }, period: { from, to }, now });
  });
}

export const SIDEBAR_QUERIES = {
  /** Mention rows for the given keys, in the order given (missing ones skipped). */
  'mentions-by-key': {
    args: z.object({ keys: postKeys }),
    run: async (db: ParleyDb, { keys }: { keys: string[] }) =>
      (await db.mentions.bulkGet(keys)).filter((mention) => mention !== undefined),
  },
  /** The draft reply for a post, or null. */
  draft: {
    args: z.object({ postKey: z.string().max(600) }),
    run: (db: ParleyDb, { postKey }: { postKey: string }) => getDraft(db, postKey),
  },
  /** The queue: this page's mentions plus open cases from elsewhere, unordered (the sidebar ranks them). */
  queue: {
    args: z.object({ pageKeys: postKeys, elsewhereLimit: z.number().int().min(0).max(200).optional() }),
    run: (db: ParleyDb, args: { pageKeys: string[]; elsewhereLimit?: number }) =>
      queueRows(db, args.pageKeys, args.elsewhereLimit ?? OPEN_ELSEWHERE_LIMIT),
  },
  /** One mention with its case, customer, identities, thanks state and history counts; null if unknown. */
  'mention-detail': {
    args: z.object({ postKey }),
    run: (db: ParleyDb, args: { postKey: string }) => mentionDetail(db, args.postKey),
  },
  /**
   * What the sidebar shows first when a mention opens, in one request: its 'mention-detail' and the
   * first page of its customer's 'customer-history' (the same answers those two queries give); null
   * if unknown. Saves the sidebar a second round trip, which could start only after the first answer.
   */
  'mention-with-history': {
    args: z.object({ postKey, historyLimit: z.number().int().min(1).max(HISTORY_READ_MAX) }),
    run: (db: ParleyDb, args: { postKey: string; historyLimit: number }) =>
      mentionWithHistory(db, args.postKey, args.historyLimit),
  },
  /** One case with its mentions and events, oldest first (which policy steps are done); null if unknown. */
  'case-detail': {
    args: z.object({ caseId: rowId }),
    run: (db: ParleyDb, args: { caseId: string }) => getCase(db, args.caseId),
  },
  /** A customer's timeline across platforms, newest first, a page at a time. */
  'customer-history': {
    args: z.object({
      customerId: rowId,
      limit: z.number().int().min(1).max(HISTORY_READ_MAX).optional(),
      before: z.object({ at: isoTime, id: rowId }).optional(),
    }),
    run: (db: ParleyDb, args: { customerId: string; limit?: number; before?: { at: string; id: string } }) =>
      getCustomerHistory(db, args.customerId, { limit: args.limit, before: args.before }),
  },
  /** Customers matching a handle or name (to link identities or purge one customer). */
  'customer-search': {
    args: z.object({ query: z.string().max(200), excludeCustomerId: rowId.nullable().optional() }),
    run: (db: ParleyDb, args: { query: string; excludeCustomerId?: string | null }) =>
      searchCustomers(db, args.query, args.excludeCustomerId ?? null),
  },
  /** Times of crisis mentions since a moment (for the crisis-spike banner). */
  'crisis-times': {
    args: z.object({ since: isoTime }),
    run: (db: ParleyDb, args: { since: string }) => crisisTimesSince(db, args.since),
  },
  /** The popup's numbers. `since` is the start of the agent's day. */
  overview: {
    args: z.object({ since: isoTime }),
    run: (db: ParleyDb, args: { since: string }) => overview(db, args.since),
  },
  /**
   * The response report for the cases opened in [from, to), against the given first-response targets
   * (the active policy's `sla`). `now` (default: the background's clock) is when waits are measured to.
   */
  'sla-report': {
    args: slaReportArgs,
    run: (db: ParleyDb, args: z.output<typeof slaReportArgs>) => slaReportFor(db, args),
  },
} as const;

/**
 * Changes the sidebar may make. Each runs in one Dexie transaction (see lib/db) and is followed by a
 * db-changed broadcast so every open sidebar, popup and options page refreshes.
 */
export const SIDEBAR_MUTATIONS = {
  'add-note': {
    args: z.object({
      caseId: z.string().max(200),
      text: z.string().trim().min(1).max(MAX_NOTE_LENGTH, 'Keep a note under 5,000 characters'),
    }),
    run: (db: ParleyDb, args: { caseId: string; text: string }) =>
      addNote(db, { ...args, at: new Date().toISOString() }),
  },
  /** Drafts are saved as the agent types (debounced by the caller) so nothing is lost on reload. */
  'save-draft': {
    args: z.object({
      postKey: z.string().max(600),
      text: z.string().max(100_000),
      templateId: z.string().max(200).nullable().optional(),
    }),
    run: (db: ParleyDb, args: { postKey: string; text: string; templateId?: string | null }) =>
      saveDraft(db, { ...args, updatedAt: new Date().toISOString() }),
  },
  'delete-draft': {
    args: z.object({ postKey: z.string().max(600) }),
    run: (db: ParleyDb, { postKey }: { postKey: string }) => deleteDraft(db, postKey),
  },
  /** A verified insert into the site's reply box: the case records the reply and its clock stops. */
  'record-inserted-reply': {
    args: z.object({
      caseId: z.string().max(200),
      postKey: z.string().max(600),
      text: z.string().trim().min(1).max(100_000),
    }),
    run: (db: ParleyDb, args: { caseId: string; postKey: string; text: string }) =>
      recordInsertedReply(db, { ...args, at: new Date().toISOString() }),
  },
  /** The agent sent the reply (or says so): recorded once per reply, and the draft is dropped. */
  'mark-sent': {
    args: z.object({
      caseId: z.string().max(200),
      postKey: z.string().max(600),
      text: z.string().trim().min(1).max(100_000),
    }),
    run: (db: ParleyDb, args: { caseId: string; postKey: string; text: string }) =>
      markReplySent(db, { ...args, at: new Date().toISOString() }),
  },
  /** Resolve, reopen or mark a case as waiting on the customer. */
  'set-case-status': {
    args: z.object({ caseId: rowId, status: z.enum(CASE_STATUSES) }),
    run: (db: ParleyDb, args: { caseId: string; status: (typeof CASE_STATUSES)[number] }) =>
      setCaseStatus(db, { ...args, at: new Date().toISOString() }),
  },
  /** The thanks ledger: false when this post was already thanked (nobody is thanked twice). */
  'record-thanks': {
    args: z.object({ postKey }),
    run: (db: ParleyDb, args: { postKey: string }) =>
      recordThanks(db, { postKey: args.postKey, at: new Date().toISOString() }),
  },
  /** The conversation continues privately (the policy's handoff step, done). */
  'move-to-private': {
    args: z.object({
      caseId: rowId,
      channel: z.enum(PRIVATE_CHANNELS),
      note: z.string().max(2_000).nullable().optional(),
    }),
    run: (
      db: ParleyDb,
      args: { caseId: string; channel: (typeof PRIVATE_CHANNELS)[number]; note?: string | null },
    ) => moveToPrivate(db, { ...args, at: new Date().toISOString() }),
  },
  escalate: {
    args: z.object({
      caseId: rowId,
      to: z.string().max(500).nullable().optional(),
      reason: z.string().max(2_000).nullable().optional(),
    }),
    run: (db: ParleyDb, args: { caseId: string; to?: string | null; reason?: string | null }) =>
      escalate(db, { ...args, at: new Date().toISOString() }),
  },
  /** Links an identity (and everything of its customer) into another customer. */
  'link-identity': {
    args: z.object({ identityId: rowId, targetCustomerId: rowId }),
    run: (db: ParleyDb, args: { identityId: string; targetCustomerId: string }) =>
      linkIdentities(db, args.identityId, args.targetCustomerId),
  },
  'unlink-identity': {
    args: z.object({ identityId: rowId }),
    run: (db: ParleyDb, args: { identityId: string }) => unlinkIdentity(db, args.identityId),
  },
  /** Retention: removes cases (and then customers) inactive for longer than `days`. */
  'purge-older-than': {
    args: z.object({ days: z.number().int().min(1).max(36_500) }),
    run: (db: ParleyDb, args: { days: number }) => purgeOlderThan(db, args.days, new Date()),
  },
  /** A customer's privacy request: everything about them goes. */
  'purge-customer': {
    args: z.object({ customerId: rowId }),
    run: (db: ParleyDb, args: { customerId: string }) => purgeCustomer(db, args.customerId),
  },
} as const;

export type SidebarMutationName = keyof typeof SIDEBAR_MUTATIONS;
export type SidebarMutationArgs<N extends SidebarMutationName> = z.input<
  (typeof SIDEBAR_MUTATIONS)[N]['args']
>;

/** Changes that touch drafts alone: nothing but the post's own draft query reads them. */
const DRAFT_ONLY_MUTATIONS: ReadonlySet<string> = new Set<SidebarMutationName>([
  'save-draft',
  'delete-draft',
]);

/** What a change touched, for the db-changed broadcast after it. */
export function changedBy(name: string): { only?: 'drafts' } {
  return DRAFT_ONLY_MUTATIONS.has(name) ? { only: 'drafts' } : {};
}

export async function runSidebarMutation(db: ParleyDb, name: string, args: unknown): Promise<unknown> {
  if (!Object.hasOwn(SIDEBAR_MUTATIONS, name)) throw new Error(`Unknown change: ${name}`);
  const mutation = SIDEBAR_MUTATIONS[name as SidebarMutationName];
  const parsed = mutation.args.safeParse(args);
  // Said to the agent: the sidebar keeps its fields within these limits, so this is rare.
  if (!parsed.success)
    throw new Error(`That was not saved: ${parsed.error.issues[0]?.message ?? 'the request was not valid'}.`);
  // biome-ignore lint/suspicious/noExplicitAny: args narrowed by the schema of the same entry
  return mutation.run(db, parsed.data as any);
}

export type SidebarQueryName = keyof typeof SIDEBAR_QUERIES;
export type SidebarQueryArgs<N extends SidebarQueryName> = z.input<(typeof SIDEBAR_QUERIES)[N]['args']>;
export type SidebarQueryResult<N extends SidebarQueryName> = Awaited<
  ReturnType<(typeof SIDEBAR_QUERIES)[N]['run']>
>;

export async function runSidebarQuery(db: ParleyDb, name: string, args: unknown): Promise<unknown> {
  if (!Object.hasOwn(SIDEBAR_QUERIES, name)) throw new Error(`Unknown query: ${name}`);
  const query = SIDEBAR_QUERIES[name as SidebarQueryName];
  const parsed = query.args.safeParse(args);
  if (!parsed.success)
    throw new Error(
      `That could not be read: ${parsed.error.issues[0]?.message ?? 'the request was not valid'}.`,
    );
  // biome-ignore lint/suspicious/noExplicitAny: args narrowed by the schema of the same entry
  return query.run(db, parsed.data as any);
}
