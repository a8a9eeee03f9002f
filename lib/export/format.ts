import { z } from 'zod';
import {
  caseRowSchema,
  correctionRowSchema,
  customerRowSchema,
  draftRowSchema,
  eventRowSchema,
  ISO_TIMESTAMP,
  identityRowSchema,
  mentionRowSchema,
  metaRowSchema,
  thanksRowSchema,
} from '../db/records';
import { TABLE_NAMES, type TableName } from '../db/schema';

/**
 * The Parley export file, JSON Lines (one JSON value per line):
 *
 *   {"format":"parley-export","version":2,"exportedAt":"…","counts":{…}}   header, counts at start
 *   {"table":"meta","row":{…}}                                             settings-like rows
 *   {"table":"customers","row":{…}}                                        a customer block: the customer,
 *   {"table":"identities","row":{…}}  …cases, mentions, events, thanks       then all rows that belong to them
 *   {"table":"drafts","row":{…}}  {"table":"corrections","row":{…}}        rows owned by no customer
 *   {"end":"parley-export","counts":{…}}                                   trailer: rows actually written
 *
 * Grouping rows by customer keeps every reference pointing backwards, so an importer can check
 * references and merge customer by customer while streaming. The trailer's counts detect a
 * truncated or spliced file.
 */

export const EXPORT_FORMAT = 'parley-export';
export const EXPORT_VERSION = 2;

export type TableCounts = Record<TableName, number>;

export function zeroCounts(): TableCounts {
  return Object.fromEntries(TABLE_NAMES.map((table) => [table, 0])) as TableCounts;
}

const countsSchema = z.strictObject(
  Object.fromEntries(TABLE_NAMES.map((table) => [table, z.number().int().min(0)])) as Record<
    TableName,
    z.ZodNumber
  >,
);

export const headerSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.string().regex(ISO_TIMESTAMP),
  counts: countsSchema,
});
export type ExportHeader = z.infer<typeof headerSchema>;

export const trailerSchema = z.strictObject({
  end: z.literal(EXPORT_FORMAT),
  counts: countsSchema,
});
export type ExportTrailer = z.infer<typeof trailerSchema>;

export const rowSchemas = {
  meta: metaRowSchema,
  customers: customerRowSchema,
  identities: identityRowSchema,
  cases: caseRowSchema,
  mentions: mentionRowSchema,
  events: eventRowSchema,
  thanks: thanksRowSchema,
  drafts: draftRowSchema,
  corrections: correctionRowSchema,
} as const satisfies Record<TableName, z.ZodType>;

export type RowOf<T extends TableName> = z.infer<(typeof rowSchemas)[T]>;

export const rowLineSchema = z.strictObject({
  table: z.enum(TABLE_NAMES),
  row: z.unknown(),
});

/** Tables whose rows belong to one customer and must sit in that customer's block. */
export const CUSTOMER_OWNED = new Set<TableName>(['identities', 'cases', 'mentions', 'events', 'thanks']);
