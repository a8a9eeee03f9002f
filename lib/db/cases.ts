import Dexie from 'dexie';
import type { Category, ScrapedPost, Severity } from '../domain/types';
import {
  earlierOf,
  identityKey,
  laterOf,
  mentionKey,
  newId,
  normalizeHandle,
  toTimestamp,
  toTimestampOrNull,
} from './ids';
import type {
  CaseRow,
  CaseStatus,
  CorrectionRow,
  CustomerRow,
  EventOf,
  EventRow,
  MentionRow,
  PrivateChannel,
  ReplyVia,
  StatusReason,
} from './records';
import type { ParleyDb } from './schema';
import { compareEvents, deriveCase } from './timeline';

/**
 * The case repository: every function takes the database first and runs in one transaction, so an
 * operation either fully happens or leaves nothing behind. Case rows are never edited directly:
 * each change appends events and the row is re-derived from the case's timeline (see timeline.ts).
 */

export interface Classification {
  category: Category;
  severity: Severity;
  sentiment: number;
  reasons: string[];
}

export interface RecordMentionInput {
  post: ScrapedPost;
  classification: Classification;
  /** True when the author is one of the brand's own accounts. */
  isOwnReply: boolean;
  detectedAt: string;
}

export interface RecordMentionOptions {
  /** A resolved case reopens when its customer writes again within this many days; later, a new case opens. */
  reopenWindowDays?: number;
}

export const DEFAULT_REOPEN_WINDOW_DAYS = 14;

export type RecordMentionOutcome =
  /** First time this post was seen: mention stored, events added. */
  | 'created'
  /** Seen before and edited since: text updated, no events. */
  | 'updated'
  /** Seen before, nothing changed. */
  | 'unchanged'
  /** A brand reply whose parent post and author are unknown here: nothing stored (a later sighting retries). */
  | 'own-reply-unmatched';

export interface RecordMentionResult {
  /** `platform:postId`, set even when nothing was stored. */
  postKey: string;
  mention: MentionRow | null;
  caseId: string | null;
  customerId: string | null;
  isNew: boolean;
  outcome: RecordMentionOutcome;
}

export interface CaseChange {
  case: CaseRow;
  /** The event the change appended; null when the call changed nothing (e.g. the status was already set). */
  event: EventRow | null;
}

const DAY_MS = 86_400_000;

function isComplaint(category: Category): boolean {
  return category === 'complaint' || category === 'crisis';
}

class NotFoundError extends Error {
  constructor(what: string, id: string) {
    super(`${what} not found: ${id}`);
    this.name = 'NotFoundError';
  }
}

function caseTables(db: ParleyDb) {
  return [db.customers, db.identities, db.mentions, db.cases, db.events] as const;
}

/** Re-derives a case from its stored timeline and saves it. Call inside a transaction after adding events. */
export async function rederiveCase(db: ParleyDb, caseId: string, customerId: string): Promise<CaseRow> {
  const timeline = await db.events.where('caseId').equals(caseId).toArray();
  const derived = deriveCase({ id: caseId, customerId }, timeline);
  await db.cases.put(derived);
  return derived;
}

async function requireCase(db: ParleyDb, caseId: string): Promise<CaseRow> {
  const found = await db.cases.get(caseId);
  if (!found) throw new NotFoundError('Case', caseId);
  return found;
}

/** The case that was current when a post written at `at` arrived: the latest opened at or before it. */
async function caseForTime(db: ParleyDb, customerId: string, at: string): Promise<CaseRow | undefined> {
  const current = await db.cases
    .where('[customerId+openedAt]')
    .between([customerId, Dexie.minKey], [customerId, at], true, true)
    .last();
  if (current) return current;
  // Older than every case (scrolled far back): it belongs to the customer's first case.
  return db.cases
    .where('[customerId+openedAt]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .first();
}

async function latestCase(db: ParleyDb, customerId: string): Promise<CaseRow | undefined> {
  return db.cases
    .where('[customerId+openedAt]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .last();
}

function statusEvent(
  caseRow: CaseRow,
  to: CaseStatus,
  reason: StatusReason,
  at: string,
): EventOf<'status-changed'> {
  return {
    id: newId('ev'),
    caseId: caseRow.id,
    customerId: caseRow.customerId,
    at,
    type: 'status-changed',
    data: { from: caseRow.status, to, reason },
  };
}

/** Comparable form of a reply: platforms prepend @handles and shorten links, agents trim whitespace. */
function replyFingerprint(text: string): string {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@[\p{L}\p{N}_.@-]+/gu, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The same reply, allowing for the site cutting it short ("See more"): one text may be a beginning of
 * the other, at least `minPrefix` characters long once normalized.
 */
function sameReply(a: string, b: string, minPrefix = 0): boolean {
  const left = replyFingerprint(a);
  const right = replyFingerprint(b);
  if (left.length === 0 || right.length === 0) return false;
  if (left === right) return true;
  if (Math.min(left.length, right.length) < minPrefix) return false;
  return left.startsWith(right) || right.startsWith(left);
}

/**
 * The reply is out: the draft it was written in goes, so reopening the post does not offer the same
 * reply again, one click from a duplicate in public. A draft that no longer reads as the sent reply is
 * the agent's next message and stays.
 */
async function dropSentDraft(db: ParleyDb, postKey: string | null, sentText: string): Promise<void> {
  if (postKey === null) return;
  const draft = await db.drafts.get(postKey);
  if (draft && sameReply(draft.text, sentText, DRAFT_PREFIX_MIN)) await db.drafts.delete(postKey);
}

/**
 * A shared beginning this long is the same reply cut short by the site ("See more"), not chance: a
 * short sent reply ("Hi Sam") must not take a longer draft (the agent's next message) with it.
 */
const DRAFT_PREFIX_MIN = 60;

async function resolveReplyTarget(
  db: ParleyDb,
  post: ScrapedPost,
): Promise<{ caseRow: CaseRow; postKey: string | null } | null> {
  const parent = post.inReplyTo;
  if (!parent) return null;
  const parentMention = await db.mentions.get(mentionKey(post.platform, parent));
  if (parentMention) {
    const caseRow = await db.cases.get(parentMention.caseId);
    return caseRow ? { caseRow, postKey: parentMention.id } : null;
  }
  // Adapters give a handle when the page shows no post id: answer that customer's latest case. A
  // handle no customer was recorded under answers no case. The comment the reply is listed under is not
  // a fallback: its author is someone else, and filing the reply on their case would count them as
  // answered (first response, awaiting them) while they are not.
  const identity = await db.identities.get(identityKey(post.platform, parent));
  if (!identity) return null;
  const caseRow = await latestCase(db, identity.customerId);
  return caseRow ? { caseRow, postKey: null } : null;
}

function buildMention(
  input: RecordMentionInput,
  ids: { customerId: string; caseId: string },
  times: { postedAt: string | null; detectedAt: string; at: string },
): MentionRow {
  const { post, classification } = input;
  return {
    id: mentionKey(post.platform, post.postId),
    platform: post.platform,
    postId: post.postId,
    permalink: post.permalink,
    customerId: ids.customerId,
    identityId: identityKey(post.platform, post.author.handle),
    authorHandle: post.author.handle,
    text: post.text,
    postedAt: times.postedAt,
    postedAtEstimated: times.postedAt === null ? false : post.postedAtEstimated,
    detectedAt: times.detectedAt,
    at: times.at,
    category: classification.category,
    severity: classification.severity,
    // `|| 0` also turns -0 into 0: JSON cannot carry -0, and exports must round-trip exactly.
    sentiment: Number.isFinite(classification.sentiment) ? classification.sentiment || 0 : 0,
    reasons: [...classification.reasons],
    isOwnReply: input.isOwnReply,
    inReplyTo: post.inReplyTo,
    caseId: ids.caseId,
  };
}

function detectedEvent(mention: MentionRow): EventOf<'detected'> {
  return {
    id: newId('ev'),
    caseId: mention.caseId,
    customerId: mention.customerId,
    // Placed at the post's own time so the timeline reads in the order things happened.
    at: mention.at,
    type: 'detected',
    data: {
      mentionId: mention.id,
      detectedAt: mention.detectedAt,
      category: mention.category,
      severity: mention.severity,
    },
  };
}

/**
 * Records one sighting of a post. Re-sightings only refresh edited text. A customer's post joins the
 * case that was current when it was written (reopening a recently resolved case, or returning an
 * awaiting case to the agent); the brand's own reply is recorded as a reply on the case it answers.
 */
export async function recordMention(
  db: ParleyDb,
  input: RecordMentionInput,
  options: RecordMentionOptions = {},
): Promise<RecordMentionResult> {
  const { post } = input;
  if (post.postId.length === 0) throw new Error('A mention needs a post id');
  if (normalizeHandle(post.author.handle).length === 0) throw new Error('A mention needs an author handle');
  const reopenWindowMs = (options.reopenWindowDays ?? DEFAULT_REOPEN_WINDOW_DAYS) * DAY_MS;
  const detectedAt = toTimestamp(input.detectedAt);
  // The post's time comes from the page: one dated after Parley saw it is not believed (it would sort
  // the case ahead of everything and keep it from ever ageing out).
  const claimedPostedAt = toTimestampOrNull(post.postedAt);
  const postedAt = claimedPostedAt !== null && claimedPostedAt > detectedAt ? detectedAt : claimedPostedAt;
  const times = { postedAt, detectedAt, at: postedAt ?? detectedAt };

  // Drafts too: the brand's own reply, seen in the thread, can be the end of a draft (recordOwnReply).
  return db.transaction('rw', [...caseTables(db), db.drafts], async (): Promise<RecordMentionResult> => {
    const key = mentionKey(post.platform, post.postId);
    const existing = await db.mentions.get(key);
    if (existing) {
      const changes: Partial<MentionRow> = {};
      if (post.text !== existing.text) changes.text = post.text;
      if (existing.permalink === null && post.permalink !== null) changes.permalink = post.permalink;
      const changed = Object.keys(changes).length > 0;
      if (changed) await db.mentions.update(key, changes);
      return {
        postKey: key,
        mention: { ...existing, ...changes },
        caseId: existing.caseId,
        customerId: existing.customerId,
        isNew: false,
        outcome: changed ? 'updated' : 'unchanged',
      };
    }
    return input.isOwnReply
      ? recordOwnReply(db, input, times)
      : recordCustomerPost(db, input, times, reopenWindowMs);
  });
}

async function recordOwnReply(
  db: ParleyDb,
  input: RecordMentionInput,
  times: { postedAt: string | null; detectedAt: string; at: string },
): Promise<RecordMentionResult> {
  const target = await resolveReplyTarget(db, input.post);
  if (!target) {
    return {
      postKey: mentionKey(input.post.platform, input.post.postId),
      mention: null,
      caseId: null,
      customerId: null,
      isNew: false,
      outcome: 'own-reply-unmatched',
    };
  }
  const { caseRow } = target;
  const mention = buildMention(input, { customerId: caseRow.customerId, caseId: caseRow.id }, times);
  await db.mentions.add(mention);

  // A reply the agent already logged (inserted or marked sent) is the same reply, now confirmed.
  const timeline = await db.events.where('caseId').equals(caseRow.id).toArray();
  const pending = timeline.find(
    (event): event is EventOf<'replied'> =>
      event.type === 'replied' &&
      event.data.seenMentionId === null &&
      ((target.postKey !== null && event.data.postKey === target.postKey) ||
        sameReply(event.data.text, mention.text)),
  );
  if (pending) {
    await db.events.put({ ...pending, data: { ...pending.data, seenMentionId: mention.id } });
    await dropSentDraft(db, pending.data.postKey, mention.text);
  } else {
    const replied: EventOf<'replied'> = {
      id: newId('ev'),
      caseId: caseRow.id,
      customerId: caseRow.customerId,
      at: mention.at,
      type: 'replied',
      data: { via: 'seen-in-thread', text: mention.text, postKey: target.postKey, seenMentionId: mention.id },
    };
    await db.events.add(replied);
    if (caseRow.status === 'open' && mention.at >= caseRow.statusChangedAt) {
      await db.events.add(statusEvent(caseRow, 'awaiting-customer', 'replied', mention.at));
    }
  }
  await rederiveCase(db, caseRow.id, caseRow.customerId);
  return {
    postKey: mention.id,
    mention,
    caseId: caseRow.id,
    customerId: caseRow.customerId,
    isNew: true,
    outcome: 'created',
  };
}

async function findOrCreateCustomer(
  db: ParleyDb,
  input: RecordMentionInput,
  at: string,
): Promise<CustomerRow> {
  const { post } = input;
  const idKey = identityKey(post.platform, post.author.handle);
  const identity = await db.identities.get(idKey);
  if (identity) {
    const customer = await db.customers.get(identity.customerId);
    if (customer) {
      const renamed = post.author.displayName;
      if (renamed === null || renamed === identity.displayName) return customer;
      await db.identities.update(idKey, { displayName: renamed });
      // Replies address the customer by this name: one taken from this account (or its handle, when
      // it showed none) follows the account's new name; one from another linked account stays.
      if (customer.displayName !== (identity.displayName ?? identity.handle)) return customer;
      const named = { ...customer, displayName: renamed };
      await db.customers.put(named);
      return named;
    }
  }
  const customer: CustomerRow = {
    id: newId('cu'),
    displayName: post.author.displayName ?? post.author.handle,
    notes: null,
    firstSeenAt: at,
    lastSeenAt: at,
    praiseCount: 0,
    complaintCount: 0,
  };
  await db.customers.add(customer);
  await db.identities.put({
    id: idKey,
    platform: post.platform,
    handle: post.author.handle,
    customerId: customer.id,
    displayName: post.author.displayName,
  });
  return customer;
}

async function recordCustomerPost(
  db: ParleyDb,
  input: RecordMentionInput,
  times: { postedAt: string | null; detectedAt: string; at: string },
  reopenWindowMs: number,
): Promise<RecordMentionResult> {
  const customer = await findOrCreateCustomer(db, input, times.at);
  const current = await caseForTime(db, customer.id, times.at);
  const startsNewCase =
    !current ||
    (current.status === 'resolved' &&
      current.resolvedAt !== null &&
      Date.parse(times.at) - Date.parse(current.resolvedAt) > reopenWindowMs);
  const caseId = startsNewCase || !current ? newId('ca') : current.id;

  const mention = buildMention(input, { customerId: customer.id, caseId }, times);
  await db.mentions.add(mention);
  await db.events.add(detectedEvent(mention));
  if (current && !startsNewCase) {
    const wroteAfterStatusChange = mention.at > current.statusChangedAt;
    if (wroteAfterStatusChange && current.status !== 'open') {
      await db.events.add(statusEvent(current, 'open', 'customer-wrote', mention.at));
    }
  }
  await rederiveCase(db, caseId, customer.id);

  const { category } = input.classification;
  await db.customers.put({
    ...customer,
    firstSeenAt: earlierOf(times.at, customer.firstSeenAt),
    lastSeenAt: laterOf(times.at, customer.lastSeenAt),
    praiseCount: customer.praiseCount + (category === 'praise' ? 1 : 0),
    complaintCount: customer.complaintCount + (isComplaint(category) ? 1 : 0),
  });
  return { postKey: mention.id, mention, caseId, customerId: customer.id, isNew: true, outcome: 'created' };
}

async function appendToCase(
  db: ParleyDb,
  caseId: string,
  build: (caseRow: CaseRow) => EventRow,
): Promise<CaseChange> {
  return db.transaction('rw', [db.cases, db.events], async () => {
    const caseRow = await requireCase(db, caseId);
    const event = build(caseRow);
    await db.events.add(event);
    return { case: await rederiveCase(db, caseId, caseRow.customerId), event };
  });
}

export async function addNote(
  db: ParleyDb,
  input: { caseId: string; text: string; at: string },
): Promise<CaseChange> {
  const at = toTimestamp(input.at);
  return appendToCase(db, input.caseId, (caseRow) => ({
    id: newId('ev'),
    caseId: caseRow.id,
    customerId: caseRow.customerId,
    at,
    type: 'note',
    data: { text: input.text },
  }));
}

export async function setCaseStatus(
  db: ParleyDb,
  input: { caseId: string; status: CaseStatus; at: string },
): Promise<CaseChange> {
  const at = toTimestamp(input.at);
  return db.transaction('rw', [db.cases, db.events], async () => {
    const caseRow = await requireCase(db, input.caseId);
    if (caseRow.status === input.status) return { case: caseRow, event: null };
    const event = statusEvent(caseRow, input.status, 'agent', at);
    await db.events.add(event);
    return { case: await rederiveCase(db, caseRow.id, caseRow.customerId), event };
  });
}

/**
 * Logs a reply the agent sent (or that was inserted for them). An open case then waits on the
 * customer. When the same reply later appears in the thread, recordMention confirms this event
 * instead of adding a second one.
 */
export async function recordReply(
  db: ParleyDb,
  input: { caseId: string; text: string; postKey: string | null; at: string; via: ReplyVia },
): Promise<CaseChange> {
  const at = toTimestamp(input.at);
  return db.transaction('rw', [db.cases, db.events], async () => {
    const caseRow = await requireCase(db, input.caseId);
    const event: EventOf<'replied'> = {
      id: newId('ev'),
      caseId: caseRow.id,
      customerId: caseRow.customerId,
      at,
      type: 'replied',
      data: { via: input.via, text: input.text, postKey: input.postKey, seenMentionId: null },
    };
    await db.events.add(event);
    if (caseRow.status === 'open')
      await db.events.add(statusEvent(caseRow, 'awaiting-customer', 'replied', at));
    return { case: await rederiveCase(db, caseRow.id, caseRow.customerId), event };
  });
}

/** The agent's correction of the classifier: the mention and its case follow, and the correction is kept for training. */
export async function recategorize(
  db: ParleyDb,
  input: {
    mentionId: string;
    category: Category;
    at: string;
    /** The post's rating under the new category (the policy's ratings); left as it was without one. */
    rate?: (mention: MentionRow, category: Category) => Severity;
  },
): Promise<CaseChange & { correction: CorrectionRow | null }> {
  const at = toTimestamp(input.at);
  return db.transaction('rw', [db.customers, db.mentions, db.cases, db.events, db.corrections], async () => {
    const mention = await db.mentions.get(input.mentionId);
    if (!mention) throw new NotFoundError('Mention', input.mentionId);
    const previous = mention.category;
    if (previous === input.category) {
      return { case: await requireCase(db, mention.caseId), event: null, correction: null };
    }
    // The brand's own replies are not rated as customer posts.
    const severity = mention.isOwnReply ? undefined : input.rate?.(mention, input.category);
    await db.mentions.update(mention.id, {
      category: input.category,
      ...(severity === undefined ? {} : { severity }),
    });
    if (!mention.isOwnReply) {
      const customer = await db.customers.get(mention.customerId);
      if (customer) {
        const praiseDelta = (input.category === 'praise' ? 1 : 0) - (previous === 'praise' ? 1 : 0);
        const complaintDelta = (isComplaint(input.category) ? 1 : 0) - (isComplaint(previous) ? 1 : 0);
        await db.customers.put({
          ...customer,
          praiseCount: Math.max(0, customer.praiseCount + praiseDelta),
          complaintCount: Math.max(0, customer.complaintCount + complaintDelta),
        });
      }
    }
    const earlier = await db.corrections.get(mention.id);
    const correction: CorrectionRow = {
      id: mention.id,
      text: mention.text,
      category: input.category,
      // What the classifier said, even after several corrections: that is the mistake to learn from.
      previousCategory: earlier?.previousCategory ?? previous,
      at,
    };
    await db.corrections.put(correction);
    const event: EventOf<'recategorized'> = {
      id: newId('ev'),
      caseId: mention.caseId,
      customerId: mention.customerId,
      at,
      type: 'recategorized',
      data: {
        mentionId: mention.id,
        from: previous,
        to: input.category,
        ...(severity === undefined ? {} : { severity }),
      },
    };
    await db.events.add(event);
    return { case: await rederiveCase(db, mention.caseId, mention.customerId), event, correction };
  });
}

/**
 * Thanks ledger: nobody is thanked twice for the same post. Returns false (and records nothing)
 * when the post was already thanked. For a post not recorded as a mention, pass its customerId.
 */
export async function recordThanks(
  db: ParleyDb,
  input: { postKey: string; at: string; customerId?: string },
): Promise<boolean> {
  const at = toTimestamp(input.at);
  return db.transaction('rw', [db.thanks, db.mentions, db.cases, db.events, db.customers], async () => {
    if (await db.thanks.get(input.postKey)) return false;
    const mention = await db.mentions.get(input.postKey);
    const customerId = mention?.customerId ?? input.customerId;
    if (!customerId) throw new Error(`Cannot thank for unknown post ${input.postKey} without a customerId`);
    if (!mention && !(await db.customers.get(customerId))) throw new NotFoundError('Customer', customerId);
    await db.thanks.add({ postKey: input.postKey, customerId, at });
    await db.events.add({
      id: newId('ev'),
      caseId: mention?.caseId ?? null,
      customerId,
      at,
      type: 'thanked',
      data: { postKey: input.postKey },
    });
    if (mention) await rederiveCase(db, mention.caseId, customerId);
    return true;
  });
}

export async function hasThanked(db: ParleyDb, postKey: string): Promise<boolean> {
  return (await db.thanks.get(postKey)) !== undefined;
}

export async function moveToPrivate(
  db: ParleyDb,
  input: { caseId: string; channel: PrivateChannel; note?: string | null; at: string },
): Promise<CaseChange> {
  const at = toTimestamp(input.at);
  return appendToCase(db, input.caseId, (caseRow) => ({
    id: newId('ev'),
    caseId: caseRow.id,
    customerId: caseRow.customerId,
    at,
    type: 'moved-to-private',
    data: { channel: input.channel, note: input.note ?? null },
  }));
}

export async function escalate(
  db: ParleyDb,
  input: { caseId: string; to?: string | null; reason?: string | null; at: string },
): Promise<CaseChange> {
  const at = toTimestamp(input.at);
  return appendToCase(db, input.caseId, (caseRow) => ({
    id: newId('ev'),
    caseId: caseRow.id,
    customerId: caseRow.customerId,
    at,
    type: 'escalated',
    data: { to: input.to ?? null, reason: input.reason ?? null },
  }));
}

export interface CaseDetail {
  case: CaseRow;
  /** Oldest first. */
  mentions: MentionRow[];
  /** Oldest first. */
  events: EventRow[];
}

export async function getCase(db: ParleyDb, caseId: string): Promise<CaseDetail | null> {
  return db.transaction('r', [db.cases, db.mentions, db.events], async () => {
    const caseRow = await db.cases.get(caseId);
    if (!caseRow) return null;
    const [mentions, events] = await Promise.all([
      db.mentions.where('caseId').equals(caseId).toArray(),
      db.events.where('caseId').equals(caseId).toArray(),
    ]);
    mentions.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    events.sort(compareEvents);
    return { case: caseRow, mentions, events };
  });
}

export interface QueueItem {
  case: CaseRow;
  firstMention: MentionRow | null;
  customer: CustomerRow | null;
  /** How long the case has been waiting on the agent. */
  waitingMs: number;
}

/**
 * The agent's work queue: open cases, most severe first, then oldest first. Reads the
 * [status+severity+openedAt] index one severity at a time, so it never touches closed cases.
 */
export async function listQueue(
  db: ParleyDb,
  options: { now: string | Date; limit?: number },
): Promise<QueueItem[]> {
  const nowMs = Date.parse(toTimestamp(options.now));
  const limit = options.limit ?? 200;
  return db.transaction('r', [db.cases, db.mentions, db.customers], async () => {
    const open: CaseRow[] = [];
    for (const severity of [4, 3, 2, 1] as const) {
      if (open.length >= limit) break;
      const rows = await db.cases
        .where('[status+severity+openedAt]')
        .between(['open', severity, Dexie.minKey], ['open', severity, Dexie.maxKey])
        .limit(limit - open.length)
        .toArray();
      open.push(...rows);
    }
    const [mentions, customers] = await Promise.all([
      db.mentions.bulkGet(open.map((row) => row.firstMentionId ?? '')),
      db.customers.bulkGet(open.map((row) => row.customerId)),
    ]);
    return open.map((row, index) => ({
      case: row,
      firstMention: mentions[index] ?? null,
      customer: customers[index] ?? null,
      waitingMs: Math.max(0, nowMs - Date.parse(row.statusChangedAt)),
    }));
  });
}
