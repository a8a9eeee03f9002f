import { z } from 'zod';
import { CATEGORIES, PLATFORMS, type Severity } from '../domain/types';

/**
 * The shape of every row Parley keeps, as Zod schemas so that the same definition types the Dexie
 * tables and validates imported files (an import is untrusted input: a hand-edited or hostile file
 * must not be able to smuggle extra fields or malformed keys into the database).
 *
 * Absent values are `null`, never `undefined` or a missing property: JSON drops `undefined`, so
 * `null` is what lets an export → import round trip reproduce every row exactly.
 */

/** Canonical `Date.prototype.toISOString()` form. Every stored time uses it, so string order is time order. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const MAX_ID_LENGTH = 1_024;
const MAX_TEXT_LENGTH = 100_000;

const id = z.string().min(1).max(MAX_ID_LENGTH);
const text = z.string().max(MAX_TEXT_LENGTH);
const timestamp = z.string().regex(ISO_TIMESTAMP, 'expected a UTC timestamp like 2026-01-31T09:30:00.000Z');
const platform = z.enum(PLATFORMS);
const category = z.enum(CATEGORIES);
const severity = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
  error: 'expected a severity of 1, 2, 3 or 4',
}) satisfies z.ZodType<Severity>;

export const CASE_STATUSES = ['open', 'awaiting-customer', 'resolved'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
const caseStatus = z.enum(CASE_STATUSES);

export const REPLY_VIA = ['inserted', 'marked-sent', 'seen-in-thread'] as const;
export type ReplyVia = (typeof REPLY_VIA)[number];

export const PRIVATE_CHANNELS = ['direct-message', 'email', 'phone', 'other'] as const;
export type PrivateChannel = (typeof PRIVATE_CHANNELS)[number];

/** Why a case changed status; the timeline shows it and metrics ignore it. */
export const STATUS_REASONS = ['agent', 'replied', 'customer-wrote'] as const;
export type StatusReason = (typeof STATUS_REASONS)[number];

export const customerRowSchema = z.strictObject({
  id,
  displayName: text,
  notes: text.nullable(),
  firstSeenAt: timestamp,
  lastSeenAt: timestamp,
  praiseCount: z.number().int().min(0),
  /** Complaints and crises: the mentions that needed fixing. */
  complaintCount: z.number().int().min(0),
});

export const identityRowSchema = z.strictObject({
  /** `platform:handle-lowercased` (see identityKey). */
  id,
  platform,
  handle: id,
  customerId: id,
  displayName: text.nullable(),
});

export const mentionRowSchema = z.strictObject({
  /** `platform:postId` (see mentionKey): the dedupe key. */
  id,
  platform,
  postId: id,
  permalink: text.nullable(),
  customerId: id,
  /** The author's identity id; for the brand's own replies, the brand account's `platform:handle`. */
  identityId: id,
  authorHandle: id,
  text,
  postedAt: timestamp.nullable(),
  postedAtEstimated: z.boolean(),
  detectedAt: timestamp,
  /** postedAt when known, else detectedAt: the time the timeline sorts by. */
  at: timestamp,
  category,
  severity,
  sentiment: z.number().finite(),
  reasons: z.array(text).max(100),
  isOwnReply: z.boolean(),
  inReplyTo: id.nullable(),
  caseId: id,
});

export const caseRowSchema = z.strictObject({
  id,
  customerId: id,
  status: caseStatus,
  openedAt: timestamp,
  firstMentionId: id.nullable(),
  firstResponseAt: timestamp.nullable(),
  resolvedAt: timestamp.nullable(),
  reopenedCount: z.number().int().min(0),
  /** When the status last changed: how long the case has waited in its current state. */
  statusChangedAt: timestamp,
  /** Time of the latest event: retention works case by case from it. */
  updatedAt: timestamp,
  severity,
  category,
});

const eventBase = {
  id,
  /** null for customer-level events (linking, unlinking). */
  caseId: id.nullable(),
  customerId: id,
  at: timestamp,
};

const eventVariants = [
  z.strictObject({
    ...eventBase,
    type: z.literal('detected'),
    data: z.strictObject({ mentionId: id, detectedAt: timestamp, category, severity }),
  }),
  z.strictObject({
    ...eventBase,
    type: z.literal('replied'),
    data: z.strictObject({
      via: z.enum(REPLY_VIA),
      text,
      /** The post answered, when known. */
      postKey: id.nullable(),
      /** The brand's own post once the reply has been seen in the thread. */
      seenMentionId: id.nullable(),
    }),
  }),
  z.strictObject({ ...eventBase, type: z.literal('note'), data: z.strictObject({ text }) }),
  z.strictObject({
    ...eventBase,
    type: z.literal('status-changed'),
    data: z.strictObject({ from: caseStatus, to: caseStatus, reason: z.enum(STATUS_REASONS) }),
  }),
  z.strictObject({
    ...eventBase,
    type: z.literal('recategorized'),
    /** severity: the post's rating under its new category (absent in rows recorded before it was kept). */
    data: z.strictObject({ mentionId: id, from: category, to: category, severity: severity.optional() }),
  }),
  z.strictObject({ ...eventBase, type: z.literal('thanked'), data: z.strictObject({ postKey: id }) }),
  z.strictObject({
    ...eventBase,
    type: z.literal('moved-to-private'),
    data: z.strictObject({ channel: z.enum(PRIVATE_CHANNELS), note: text.nullable() }),
  }),
  z.strictObject({
    ...eventBase,
    type: z.literal('escalated'),
    data: z.strictObject({ to: text.nullable(), reason: text.nullable() }),
  }),
  z.strictObject({
    ...eventBase,
    type: z.literal('customers-linked'),
    data: z.strictObject({ mergedCustomerId: id, identityIds: z.array(id) }),
  }),
  z.strictObject({
    ...eventBase,
    type: z.literal('identity-unlinked'),
    data: z.strictObject({ identityId: id, fromCustomerId: id, toCustomerId: id }),
  }),
] as const;

export const eventRowSchema = z.discriminatedUnion('type', [...eventVariants]);

export const draftRowSchema = z.strictObject({
  /** `platform:postId` of the post being answered. */
  postKey: id,
  text,
  templateId: id.nullable(),
  updatedAt: timestamp,
});

export const correctionRowSchema = z.strictObject({
  /** The corrected mention's id: a later correction of the same post replaces the earlier one. */
  id,
  text,
  category,
  previousCategory: category,
  at: timestamp,
});

export const thanksRowSchema = z.strictObject({
  postKey: id,
  customerId: id,
  at: timestamp,
});

export const metaRowSchema = z.strictObject({
  key: id,
  value: z.union([z.string().max(MAX_TEXT_LENGTH), z.number().finite(), z.boolean(), z.null()]),
});

export type CustomerRow = z.infer<typeof customerRowSchema>;
export type IdentityRow = z.infer<typeof identityRowSchema>;
export type MentionRow = z.infer<typeof mentionRowSchema>;
export type CaseRow = z.infer<typeof caseRowSchema>;
export type EventRow = z.infer<typeof eventRowSchema>;
export type EventType = EventRow['type'];
export type EventOf<T extends EventType> = Extract<EventRow, { type: T }>;
export type DraftRow = z.infer<typeof draftRowSchema>;
export type CorrectionRow = z.infer<typeof correctionRowSchema>;
export type ThanksRow = z.infer<typeof thanksRowSchema>;
export type MetaRow = z.infer<typeof metaRowSchema>;

export { ISO_TIMESTAMP };
