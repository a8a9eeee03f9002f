import type { Table } from 'dexie';
import type { CaseRow, CustomerRow, MentionRow } from '../db/records';
import type { ParleyDb } from '../db/schema';
import { caseMetrics } from '../db/timeline';
import type { ChunkWriter } from './json';

/**
 * CSV of mentions or cases for spreadsheets (RFC 4180: CRLF rows, quoted fields, doubled quotes).
 *
 * Security: cells hold text written by strangers on social sites. A spreadsheet treats a cell that
 * starts with = + - @ (or a tab / carriage return that hides one) as a formula, which can exfiltrate
 * data or run commands when the agent opens the file ("CSV injection"). Every text cell that could
 * be read that way gets a leading apostrophe, which spreadsheets display as plain text. Numbers and
 * booleans are written by Parley itself and are left as they are so they stay numeric.
 */

export type CsvKind = 'mentions' | 'cases';
export type CsvValue = string | number | boolean | null;

const FORMULA_START = /^[\s]*[=+\-@]|^[\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Leads every CSV file Parley writes: without it Excel misreads non-ASCII names. */
export const CSV_BYTE_ORDER_MARK = '\uFEFF';

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

const MENTION_COLUMNS = [
  'id',
  'platform',
  'post_id',
  'permalink',
  'posted_at',
  'posted_at_estimated',
  'detected_at',
  'customer_id',
  'customer_name',
  'author_handle',
  'own_reply',
  'category',
  'severity',
  'sentiment',
  'case_id',
  'text',
] as const;

const CASE_COLUMNS = [
  'id',
  'customer_id',
  'customer_name',
  'status',
  'category',
  'severity',
  'opened_at',
  'first_response_at',
  'resolved_at',
  'first_response_minutes',
  'resolution_minutes',
  'reopened_count',
  'updated_at',
  'first_mention_permalink',
  'first_mention_text',
] as const;

const PAGE = 1_000;

/** A duration as minutes to two decimals, the unit every CSV duration column uses. */
export function csvMinutes(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 600) / 100;
}

async function* pages<T extends { id: string }>(table: Table<T, string>): AsyncGenerator<T[]> {
  let after: string | null = null;
  for (;;) {
    const page: T[] =
      after === null
        ? await table.orderBy(':id').limit(PAGE).toArray()
        : await table.where(':id').above(after).limit(PAGE).toArray();
    const last = page[page.length - 1];
    if (!last) return;
    yield page;
    after = last.id;
  }
}

async function customerNames(db: ParleyDb, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const rows = await db.customers.bulkGet(unique);
  return new Map(
    rows.flatMap((row: CustomerRow | undefined) => (row ? [[row.id, row.displayName] as const] : [])),
  );
}

function mentionValues(mention: MentionRow, names: Map<string, string>): CsvValue[] {
  return [
    mention.id,
    mention.platform,
    mention.postId,
    mention.permalink,
    mention.postedAt,
    mention.postedAtEstimated,
    mention.detectedAt,
    mention.customerId,
    names.get(mention.customerId) ?? null,
    mention.authorHandle,
    mention.isOwnReply,
    mention.category,
    mention.severity,
    mention.sentiment,
    mention.caseId,
    mention.text,
  ];
}

function caseValues(
  row: CaseRow,
  names: Map<string, string>,
  firstMention: MentionRow | undefined,
): CsvValue[] {
  const metrics = caseMetrics(row);
  return [
    row.id,
    row.customerId,
    names.get(row.customerId) ?? null,
    row.status,
    row.category,
    row.severity,
    row.openedAt,
    row.firstResponseAt,
    row.resolvedAt,
    csvMinutes(metrics.firstResponseMs),
    csvMinutes(metrics.resolutionMs),
    row.reopenedCount,
    row.updatedAt,
    firstMention?.permalink ?? null,
    firstMention?.text ?? null,
  ];
}

/**
 * Streams a CSV of every mention or every case to `write`, a page at a time. A UTF-8 byte-order
 * mark leads the file by default (CSV_BYTE_ORDER_MARK). Returns the row count.
 */
export async function exportCsv(
  db: ParleyDb,
  kind: CsvKind,
  write: ChunkWriter,
  options: { byteOrderMark?: boolean } = {},
): Promise<number> {
  const columns = kind === 'mentions' ? MENTION_COLUMNS : CASE_COLUMNS;
  await write(`${options.byteOrderMark === false ? '' : CSV_BYTE_ORDER_MARK}${csvRow(columns)}`);
  let rows = 0;
  if (kind === 'mentions') {
    for await (const page of pages(db.mentions)) {
      const names = await customerNames(
        db,
        page.map((mention) => mention.customerId),
      );
      await write(page.map((mention) => csvRow(mentionValues(mention, names))).join(''));
      rows += page.length;
    }
    return rows;
  }
  for await (const page of pages(db.cases)) {
    const [names, firstMentions] = await Promise.all([
      customerNames(
        db,
        page.map((row) => row.customerId),
      ),
      db.mentions.bulkGet(page.map((row) => row.firstMentionId ?? '')),
    ]);
    await write(page.map((row, index) => csvRow(caseValues(row, names, firstMentions[index]))).join(''));
    rows += page.length;
  }
  return rows;
}
