import Dexie, { type Table } from 'dexie';
import type { z } from 'zod';
import { rederiveCase } from '../db/cases';
import { recomputeCustomer, relinkCount } from '../db/customers';
import { readableDraft } from '../db/drafts';
import { describeStorageFailure } from '../db/errors';
import type {
  CaseRow,
  CorrectionRow,
  CustomerRow,
  DraftRow,
  EventRow,
  IdentityRow,
  MentionRow,
  MetaRow,
  ThanksRow,
} from '../db/records';
import { type ParleyDb, TABLE_NAMES, type TableName } from '../db/schema';
import {
  CUSTOMER_OWNED,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportHeader,
  headerSchema,
  rowLineSchema,
  rowSchemas,
  type TableCounts,
  trailerSchema,
  zeroCounts,
} from './format';
import { LineTooLongError, readLines } from './lines';

/**
 * JSON Lines export and merging import of the whole profile (see format.ts for the file layout).
 *
 * Import treats the file as untrusted: every line is parsed and validated (strict Zod schemas, block
 * structure, references, trailer counts) in a first pass that writes nothing, so a malformed,
 * hand-edited or truncated file is rejected whole with the line and reason. Only then does a second
 * pass write, in batches. Merging is by natural keys and idempotent: rows already present are kept,
 * so importing the same file twice, or retrying after an interrupted write, adds no duplicates.
 */

export type ChunkWriter = (chunk: string) => Promise<void> | void;

export interface ExportProgress {
  rowsWritten: number;
  totalRows: number;
}

const CUSTOMERS_PER_PAGE = 200;
const ROWS_PER_PAGE = 1_000;

function total(counts: TableCounts): number {
  return TABLE_NAMES.reduce((sum, table) => sum + counts[table], 0);
}

function line(table: TableName, row: unknown): string {
  return `${JSON.stringify({ table, row })}\n`;
}

/** Pages a table by primary key; each page is read in its own short transaction. */
async function* pagesOf<T>(table: Table<T, string>, keyOf: (row: T) => string): AsyncGenerator<T[]> {
  let after: string | null = null;
  for (;;) {
    const page: T[] =
      after === null
        ? await table.orderBy(':id').limit(ROWS_PER_PAGE).toArray()
        : await table.where(':id').above(after).limit(ROWS_PER_PAGE).toArray();
    const last = page[page.length - 1];
    if (!last) return;
    yield page;
    after = keyOf(last);
  }
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * Streams the whole profile to `write`. Customers are read a page at a time, each page with all
 * their rows in one read transaction, so each customer block is a consistent snapshot even while
 * the background keeps recording mentions. Returns the rows written per table (as in the trailer).
 */
export async function exportJson(
  db: ParleyDb,
  write: ChunkWriter,
  onProgress?: (progress: ExportProgress) => void,
): Promise<TableCounts> {
  const expected = zeroCounts();
  const relinksBefore = await db.transaction(
    'r',
    TABLE_NAMES.map((name) => db.table(name)),
    async () => {
      for (const table of TABLE_NAMES) expected[table] = await db.table(table).count();
      return relinkCount(db);
    },
  );
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    counts: expected,
  };
  await write(`${JSON.stringify(header)}\n`);

  const written = zeroCounts();
  const totalRows = total(expected);
  const emit = async (chunk: string[], tally: Partial<TableCounts>) => {
    if (chunk.length === 0) return;
    await write(chunk.join(''));
    for (const table of TABLE_NAMES) written[table] += tally[table] ?? 0;
    onProgress?.({ rowsWritten: total(written), totalRows: Math.max(totalRows, total(written)) });
  };

  for await (const page of pagesOf<MetaRow>(db.meta, (row) => row.key)) {
    await emit(
      page.map((row) => line('meta', row)),
      { meta: page.length },
    );
  }

  let afterCustomer: string | null = null;
  for (;;) {
    const chunk: string[] = [];
    const tally = zeroCounts();
    const lastId = await db.transaction(
      'r',
      [db.customers, db.identities, db.cases, db.mentions, db.events, db.thanks],
      async () => {
        const customers: CustomerRow[] =
          afterCustomer === null
            ? await db.customers.orderBy(':id').limit(CUSTOMERS_PER_PAGE).toArray()
            : await db.customers.where(':id').above(afterCustomer).limit(CUSTOMERS_PER_PAGE).toArray();
        const first = customers[0];
        const last = customers[customers.length - 1];
        if (!first || !last) return null;
        // The page's customers are contiguous in id order, so one range per table covers exactly them.
        const [identities, cases, mentions, events, thanks] = await Promise.all([
          db.identities.where('customerId').between(first.id, last.id, true, true).toArray(),
          db.cases
            .where('[customerId+openedAt]')
            .between([first.id, Dexie.minKey], [last.id, Dexie.maxKey], true, true)
            .toArray(),
          db.mentions
            .where('[customerId+at]')
            .between([first.id, Dexie.minKey], [last.id, Dexie.maxKey], true, true)
            .toArray(),
          db.events
            .where('[customerId+at]')
            .between([first.id, Dexie.minKey], [last.id, Dexie.maxKey], true, true)
            .toArray(),
          db.thanks.where('customerId').between(first.id, last.id, true, true).toArray(),
        ]);
        const byCustomer = {
          identities: groupBy(identities, (row) => row.customerId),
          cases: groupBy(cases, (row) => row.customerId),
          mentions: groupBy(mentions, (row) => row.customerId),
          events: groupBy(events, (row) => row.customerId),
          thanks: groupBy(thanks, (row) => row.customerId),
        };
        for (const customer of customers) {
          chunk.push(line('customers', customer));
          tally.customers += 1;
          for (const table of ['identities', 'cases', 'mentions', 'events', 'thanks'] as const) {
            for (const row of byCustomer[table].get(customer.id) ?? []) {
              chunk.push(line(table, row));
              tally[table] += 1;
            }
          }
        }
        return last.id;
      },
    );
    if (lastId === null) break;
    await emit(chunk, tally);
    afterCustomer = lastId;
  }
  // Customer blocks are read a page at a time: a link or split meanwhile may have moved rows from a
  // page not yet read to one already written (left out) or the other way (written twice).
  if ((await relinkCount(db)) !== relinksBefore) throw new ExportDisturbedError();

  for await (const page of pagesOf<DraftRow>(db.drafts, (row) => row.postKey)) {
    // Drafts written by version 1 or damaged on disk are exported in their readable form (and left out
    // when they hold no text): the file must pass the import's own validation.
    const readable = page.flatMap((row) => readableDraft(row) ?? []);
    await emit(
      readable.map((row) => line('drafts', row)),
      { drafts: readable.length },
    );
  }
  for await (const page of pagesOf<CorrectionRow>(db.corrections, (row) => row.id)) {
    await emit(
      page.map((row) => line('corrections', row)),
      { corrections: page.length },
    );
  }

  await write(`${JSON.stringify({ end: EXPORT_FORMAT, counts: written })}\n`);
  return written;
}

/** Customers were linked or split while the export ran: the file it wrote must not be used. */
export class ExportDisturbedError extends Error {
  constructor() {
    super(
      'Customers were linked or split while the export ran, so this export could miss or repeat some of their rows. Export again.',
    );
    this.name = 'ExportDisturbedError';
  }
}

/**
 * The file was valid but writing stopped part-way (storage full, the page closed): every batch written
 * before is complete (whole customer blocks), and importing the same file again finishes the job,
 * since rows already present are skipped. Not an ImportError: something was written.
 */
export class ImportInterruptedError extends Error {
  constructor(
    readonly written: TableCounts,
    readonly reason: string,
  ) {
    const rows = TABLE_NAMES.reduce((sum, table) => sum + written[table], 0);
    super(
      `The import stopped after adding ${rows.toLocaleString('en-US')} rows: ${reason} What was added is complete; import the same file again to finish (rows already imported are skipped).`,
    );
    this.name = 'ImportInterruptedError';
  }
}

/** Why an import was refused; nothing was written. `line` is 1-based, null for whole-file problems. */
export class ImportError extends Error {
  constructor(
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(line === null ? `Import rejected: ${reason}` : `Import rejected at line ${line}: ${reason}`);
    this.name = 'ImportError';
  }
}

export interface ImportProgress {
  phase: 'validating' | 'writing';
  /** Lines processed in this phase. */
  lines: number;
  /** Known once validation has counted the file. */
  totalLines: number | null;
}

export interface ImportResult {
  /** Rows added (or, for drafts and corrections, replaced by a newer version). */
  written: TableCounts;
  /** Rows already present, kept as they were. */
  skipped: TableCounts;
  /** Imported customers folded into an existing customer that shares one of their identities. */
  mergedCustomers: number;
  /** Imported cases folded into an existing case that shares one of their mentions. */
  mergedCases: number;
}

export interface ImportOptions {
  mode: 'merge';
}

export type ImportSource = () => AsyncIterable<string> | Iterable<string>;

type ParsedLine =
  | { kind: 'blank' }
  | { kind: 'header'; header: ExportHeader }
  | { kind: 'row'; table: TableName; row: unknown }
  | { kind: 'trailer'; counts: TableCounts };

function describeIssue(error: z.ZodError, subject: string): string {
  const issue = error.issues[0];
  if (!issue) return `${subject} is invalid`;
  const path = issue.path.map(String).join('.');
  return path ? `${subject}, field "${path}": ${issue.message}` : `${subject}: ${issue.message}`;
}

function parseLine(text: string, number: number, expectHeader: boolean): ParsedLine {
  if (text.trim() === '') return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ImportError(number, 'not valid JSON');
  }
  if (expectHeader) {
    const candidate = value as { format?: unknown; version?: unknown } | null;
    if (typeof candidate !== 'object' || candidate === null || candidate.format !== EXPORT_FORMAT) {
      throw new ImportError(number, 'not a Parley export (the first line must be the parley-export header)');
    }
    if (candidate.version !== EXPORT_VERSION) {
      throw new ImportError(
        number,
        `export version ${String(candidate.version)} is not supported (expected ${EXPORT_VERSION})`,
      );
    }
    const header = headerSchema.safeParse(value);
    if (!header.success) throw new ImportError(number, describeIssue(header.error, 'header'));
    return { kind: 'header', header: header.data };
  }
  if (typeof value === 'object' && value !== null && 'end' in value) {
    const trailer = trailerSchema.safeParse(value);
    if (!trailer.success) throw new ImportError(number, describeIssue(trailer.error, 'trailer'));
    return { kind: 'trailer', counts: trailer.data.counts };
  }
  const envelope = rowLineSchema.safeParse(value);
  if (!envelope.success) throw new ImportError(number, describeIssue(envelope.error, 'line'));
  const { table } = envelope.data;
  const row = rowSchemas[table].safeParse(envelope.data.row);
  if (!row.success) throw new ImportError(number, describeIssue(row.error, `${table} row`));
  return { kind: 'row', table, row: row.data };
}

function ownerOf(table: TableName, row: unknown): { customerId: string; caseId: string | null } {
  const owned = row as { customerId: string; caseId?: string | null };
  return { customerId: owned.customerId, caseId: table === 'cases' ? null : (owned.caseId ?? null) };
}

/**
 * Reads the file once, checking everything that can be checked without the database: syntax,
 * schemas, customer blocks, references to cases, and the trailer's counts. Returns the line count.
 */
async function validate(
  source: ImportSource,
  onProgress?: (progress: ImportProgress) => void,
): Promise<number> {
  const counts = zeroCounts();
  let sawHeader = false;
  let trailer: { counts: TableCounts; line: number } | null = null;
  let blockCustomer: string | null = null;
  let blockCases = new Set<string>();
  let lines = 0;

  try {
    for await (const { number, text } of readLines(source())) {
      lines = number;
      const parsed = parseLine(text, number, !sawHeader);
      if (number % 5_000 === 0) onProgress?.({ phase: 'validating', lines: number, totalLines: null });
      if (parsed.kind === 'blank') continue;
      if (trailer) throw new ImportError(number, 'content after the end-of-export trailer');
      if (parsed.kind === 'header') {
        sawHeader = true;
        continue;
      }
      if (parsed.kind === 'trailer') {
        trailer = { counts: parsed.counts, line: number };
        continue;
      }
      const { table, row } = parsed;
      counts[table] += 1;
      if (table === 'customers') {
        blockCustomer = (row as CustomerRow).id;
        blockCases = new Set();
        continue;
      }
      if (!CUSTOMER_OWNED.has(table)) continue;
      const { customerId, caseId } = ownerOf(table, row);
      if (blockCustomer === null || customerId !== blockCustomer) {
        throw new ImportError(
          number,
          `${table} row belongs to customer "${customerId}" but is not inside that customer's block`,
        );
      }
      if (table === 'cases') blockCases.add((row as CaseRow).id);
      else if (caseId !== null && !blockCases.has(caseId)) {
        throw new ImportError(
          number,
          `${table} row refers to case "${caseId}", which this customer's block does not contain`,
        );
      }
    }
  } catch (error) {
    if (error instanceof LineTooLongError) throw new ImportError(error.line, 'line too long');
    throw error;
  }

  if (!sawHeader) throw new ImportError(null, 'the file is empty');
  if (!trailer)
    throw new ImportError(
      null,
      `the file ends at line ${lines} without its end-of-export trailer: it is truncated`,
    );
  for (const table of TABLE_NAMES) {
    if (trailer.counts[table] !== counts[table]) {
      throw new ImportError(
        trailer.line,
        `the trailer lists ${trailer.counts[table]} ${table} rows but the file holds ${counts[table]}: rows are missing or added`,
      );
    }
  }
  onProgress?.({ phase: 'validating', lines, totalLines: lines });
  return lines;
}

interface CustomerBlock {
  customer: CustomerRow;
  identities: IdentityRow[];
  cases: CaseRow[];
  mentions: MentionRow[];
  events: EventRow[];
  thanks: ThanksRow[];
}

interface Batch {
  blocks: CustomerBlock[];
  meta: MetaRow[];
  drafts: DraftRow[];
  corrections: CorrectionRow[];
  rows: number;
}

function emptyBatch(): Batch {
  return { blocks: [], meta: [], drafts: [], corrections: [], rows: 0 };
}

const ROWS_PER_BATCH = 2_000;

function firstOfEachKey<T>(rows: T[], keyOf: (row: T) => string, onDuplicate: () => void): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = keyOf(row);
    if (seen.has(key)) {
      onDuplicate();
      return false;
    }
    seen.add(key);
    return true;
  });
}

function keyed<T>(rows: readonly (T | undefined)[], keyOf: (row: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const row of rows) if (row !== undefined) map.set(keyOf(row), row);
  return map;
}

/**
 * Merges one batch of whole customer blocks in one transaction. An imported customer who shares an
 * identity with an existing customer is the same person: their rows join the existing customer. An
 * imported case that shares a mention with an existing case is the same conversation: its new rows
 * join that case, and the detection of the shared mention is not recorded twice. Existing customers
 * and cases that received rows are re-derived so their aggregates and times stay true.
 */
async function mergeBatch(db: ParleyDb, batch: Batch, result: ImportResult): Promise<void> {
  const tables = TABLE_NAMES.map((name) => db.table(name));
  await db.transaction('rw', tables, async () => {
    const blocks = batch.blocks;
    const all = <K extends keyof Omit<CustomerBlock, 'customer'>>(key: K): CustomerBlock[K] =>
      blocks.flatMap((block): CustomerBlock[K][number][] => block[key]) as CustomerBlock[K];
    const [localCustomers, localIdentities, localCases, localMentions, localEvents, localThanks] =
      await Promise.all([
        db.customers.bulkGet(blocks.map((block) => block.customer.id)),
        db.identities.bulkGet(all('identities').map((row) => row.id)),
        db.cases.bulkGet(all('cases').map((row) => row.id)),
        db.mentions.bulkGet(all('mentions').map((row) => row.id)),
        db.events.bulkGet(all('events').map((row) => row.id)),
        db.thanks.bulkGet(all('thanks').map((row) => row.postKey)),
      ]);
    const existing = {
      customers: keyed(localCustomers, (row) => row.id),
      identities: keyed(localIdentities, (row) => row.id),
      cases: keyed(localCases, (row) => row.id),
      mentions: keyed(localMentions, (row) => row.id),
      events: keyed(localEvents, (row) => row.id),
      thanks: keyed(localThanks, (row) => row.postKey),
    };
    const claimedIdentities = new Map<string, string>();
    const mergedInto = new Set<string>();
    const add = {
      customers: [] as CustomerRow[],
      identities: [] as IdentityRow[],
      cases: [] as CaseRow[],
      mentions: [] as MentionRow[],
      events: [] as EventRow[],
      thanks: [] as ThanksRow[],
    };
    const skip = (table: TableName) => {
      result.skipped[table] += 1;
    };

    for (const block of blocks) {
      const incomingId = block.customer.id;
      const sharedIdentityOwner = block.identities
        .map(
          (identity) =>
            existing.identities.get(identity.id)?.customerId ?? claimedIdentities.get(identity.id),
        )
        .find((owner) => owner !== undefined);
      const customerId = existing.customers.has(incomingId)
        ? incomingId
        : (sharedIdentityOwner ?? incomingId);
      if (customerId === incomingId && !existing.customers.has(incomingId)) {
        add.customers.push(block.customer);
      } else {
        skip('customers');
        if (customerId !== incomingId) {
          result.mergedCustomers += 1;
          mergedInto.add(customerId);
        }
      }

      for (const identity of block.identities) {
        if (existing.identities.has(identity.id) || claimedIdentities.has(identity.id)) {
          skip('identities');
          continue;
        }
        claimedIdentities.set(identity.id, customerId);
        add.identities.push({ ...identity, customerId });
      }

      // Where each imported case's rows go: its own new row, the same case already here, or the
      // existing case that holds one of its mentions. The owner is that case's customer.
      const caseTarget = new Map<string, { caseId: string; customerId: string }>();
      const mentionsByCase = groupBy(block.mentions, (row) => row.caseId);
      for (const incomingCase of block.cases) {
        const same = existing.cases.get(incomingCase.id);
        const shared = (mentionsByCase.get(incomingCase.id) ?? [])
          .map((mention) => existing.mentions.get(mention.id))
          .find((mention) => mention !== undefined);
        if (same) {
          caseTarget.set(incomingCase.id, { caseId: same.id, customerId: same.customerId });
          skip('cases');
        } else if (shared) {
          caseTarget.set(incomingCase.id, { caseId: shared.caseId, customerId: shared.customerId });
          skip('cases');
          result.mergedCases += 1;
        } else {
          caseTarget.set(incomingCase.id, { caseId: incomingCase.id, customerId });
          add.cases.push({ ...incomingCase, customerId });
        }
      }

      const alreadyHere = new Set<string>();
      for (const mention of block.mentions) {
        if (existing.mentions.has(mention.id)) {
          alreadyHere.add(mention.id);
          skip('mentions');
          continue;
        }
        const target = caseTarget.get(mention.caseId) ?? { caseId: mention.caseId, customerId };
        add.mentions.push({ ...mention, caseId: target.caseId, customerId: target.customerId });
      }

      for (const event of block.events) {
        const duplicateSighting =
          (event.type === 'detected' && alreadyHere.has(event.data.mentionId)) ||
          (event.type === 'replied' &&
            event.data.seenMentionId !== null &&
            alreadyHere.has(event.data.seenMentionId));
        if (existing.events.has(event.id) || duplicateSighting) {
          skip('events');
          continue;
        }
        const target = event.caseId === null ? null : caseTarget.get(event.caseId);
        add.events.push(target ? { ...event, ...target } : { ...event, customerId });
      }

      for (const thanks of block.thanks) {
        if (existing.thanks.has(thanks.postKey)) {
          skip('thanks');
          continue;
        }
        add.thanks.push({ ...thanks, customerId });
      }
    }

    // A file that repeats a row (hand-edited, or two exports concatenated) must not fail half-way.
    add.customers = firstOfEachKey(
      add.customers,
      (row) => row.id,
      () => skip('customers'),
    );
    add.cases = firstOfEachKey(
      add.cases,
      (row) => row.id,
      () => skip('cases'),
    );
    add.mentions = firstOfEachKey(
      add.mentions,
      (row) => row.id,
      () => skip('mentions'),
    );
    add.events = firstOfEachKey(
      add.events,
      (row) => row.id,
      () => skip('events'),
    );
    add.thanks = firstOfEachKey(
      add.thanks,
      (row) => row.postKey,
      () => skip('thanks'),
    );
    await db.customers.bulkAdd(add.customers);
    await db.identities.bulkAdd(add.identities);
    await db.cases.bulkAdd(add.cases);
    await db.mentions.bulkAdd(add.mentions);
    await db.events.bulkAdd(add.events);
    await db.thanks.bulkAdd(add.thanks);
    for (const table of ['customers', 'identities', 'cases', 'mentions', 'events', 'thanks'] as const) {
      result.written[table] += add[table].length;
    }

    // Rows that joined a customer or case that was already here: re-derive those from their data.
    const newCustomers = new Set(add.customers.map((row) => row.id));
    const newCases = new Set(add.cases.map((row) => row.id));
    const touchedCases = new Map<string, string>();
    const touchedCustomers = new Set<string>(mergedInto);
    for (const row of [...add.mentions, ...add.events]) {
      if (row.caseId !== null && !newCases.has(row.caseId)) touchedCases.set(row.caseId, row.customerId);
    }
    for (const row of add.mentions)
      if (!newCustomers.has(row.customerId)) touchedCustomers.add(row.customerId);
    for (const [caseId, customerId] of touchedCases) await rederiveCase(db, caseId, customerId);
    for (const customerId of touchedCustomers) await recomputeCustomer(db, customerId);

    await mergeStandalone(
      db.meta,
      batch.meta,
      (row) => row.key,
      () => false,
      'meta',
      result,
    );
    await mergeStandalone(
      db.drafts,
      batch.drafts,
      (row) => row.postKey,
      (incoming, local) => incoming.updatedAt > local.updatedAt,
      'drafts',
      result,
    );
    await mergeStandalone(
      db.corrections,
      batch.corrections,
      (row) => row.id,
      (incoming, local) => incoming.at > local.at,
      'corrections',
      result,
    );
  });
}

/** Rows no customer owns: added when missing, replaced only when `isNewer` says the import is newer. */
async function mergeStandalone<T>(
  table: Table<T, string>,
  rows: T[],
  keyOf: (row: T) => string,
  isNewer: (incoming: T, local: T) => boolean,
  name: TableName,
  result: ImportResult,
): Promise<void> {
  if (rows.length === 0) return;
  const incoming = [...keyed(rows, keyOf).values()];
  const local = keyed(await table.bulkGet(incoming.map(keyOf)), keyOf);
  const toWrite = incoming.filter((row) => {
    const current = local.get(keyOf(row));
    return current === undefined || isNewer(row, current);
  });
  await table.bulkPut(toWrite);
  result.written[name] += toWrite.length;
  result.skipped[name] += rows.length - toWrite.length;
}

/**
 * Imports a Parley export, merging it into the profile. `source` is called twice (validation pass,
 * then writing pass) and must yield the same text both times: text chunks or lines, in order.
 * Throws ImportError, having written nothing, when any line is invalid or the file is truncated.
 */
export async function importJson(
  db: ParleyDb,
  source: ImportSource,
  options: ImportOptions = { mode: 'merge' },
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  if (options.mode !== 'merge') throw new Error(`Unsupported import mode: ${String(options.mode)}`);
  const totalLines = await validate(source, onProgress);

  const result: ImportResult = {
    written: zeroCounts(),
    skipped: zeroCounts(),
    mergedCustomers: 0,
    mergedCases: 0,
  };
  let batch = emptyBatch();
  let block: CustomerBlock | null = null;
  let sawHeader = false;
  let lines = 0;
  const closeBlock = () => {
    if (block) batch.blocks.push(block);
    block = null;
  };
  const flush = async () => {
    closeBlock();
    if (batch.rows > 0) {
      // Counted before the batch: a failed batch's transaction is rolled back whole.
      const committed = { ...result.written };
      try {
        await mergeBatch(db, batch, result);
      } catch (error) {
        const reason =
          describeStorageFailure(error) ?? `${error instanceof Error ? error.message : String(error)}.`;
        throw new ImportInterruptedError(committed, reason);
      }
    }
    batch = emptyBatch();
    onProgress?.({ phase: 'writing', lines, totalLines });
  };

  for await (const { number, text } of readLines(source())) {
    lines = number;
    // Re-parsed rather than trusted from the first pass: the source must not have changed in between.
    const parsed = parseLine(text, number, !sawHeader);
    if (parsed.kind === 'header') sawHeader = true;
    if (parsed.kind !== 'row') continue;
    const { table, row } = parsed;
    if (table === 'customers') {
      closeBlock();
      if (batch.rows >= ROWS_PER_BATCH) await flush();
      block = {
        customer: row as CustomerRow,
        identities: [],
        cases: [],
        mentions: [],
        events: [],
        thanks: [],
      };
    } else if (CUSTOMER_OWNED.has(table)) {
      if (!block) throw new ImportError(number, 'the file changed while it was being imported');
      (block[table as keyof Omit<CustomerBlock, 'customer'>] as unknown[]).push(row);
    } else {
      (batch[table as 'meta' | 'drafts' | 'corrections'] as unknown[]).push(row);
    }
    batch.rows += 1;
  }
  await flush();
  return result;
}
