import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParleyDb } from '../../../lib/db/schema';
import { seedSyntheticData } from '../../../lib/db/seed';
import { exportJson, type TableCounts } from '../../../lib/export';
import { type ExtensionSession, MENTION_SELECTOR, readTable, settledMentionCount } from '../harness';
import { consistencyProblems, type TableDump } from './consistency';
import { currentWorker, launch, sendFromPage } from './support';

/**
 * Storage full (docs/reliability.md): a refused write gives a clear error and leaves no half-written record.
 *
 * How the refusal is produced: the manifest asks for unlimitedStorage, and Chromium 156 did not enforce
 * a CDP Storage.overrideQuotaForOrigin quota on the extension origin (measured: writes went on well past
 * it, with and without that permission). In the field the error therefore comes from a full disk, which
 * Chromium reported as "DataError Failed to write blobs (IOError)" when measured on a full tmpfs (needs
 * root, so not run here). This suite injects the refusal where the browser raises it: IndexedDB's
 * IDBObjectStore add/put throw QuotaExceededError inside the real transaction, in the production
 * build's worker and options page, so the rollback, the error path and the messages are all real.
 */

const TABLES = ['customers', 'identities', 'mentions', 'cases', 'events', 'thanks', 'drafts'];
const NO_ROOM =
  'There is no room left to save this (the browser’s storage for Parley is full). Nothing was half-saved; free some disk space and try again.';

/** Makes add/put on `store` (or any store) throw QuotaExceededError once `allowed` writes have happened. */
function refuseWrites(
  target: Page | Worker,
  options: { store?: string; allowed?: number; minTextLength?: number },
) {
  // Page and Worker evaluate alike; TypeScript cannot call through their union.
  return (target as Page).evaluate(({ store, allowed, minTextLength }) => {
    type Writes = { add: IDBObjectStore['add']; put: IDBObjectStore['put'] };
    const prototype = IDBObjectStore.prototype as IDBObjectStore & { __parleyOriginal?: Writes };
    if (!prototype.__parleyOriginal) prototype.__parleyOriginal = { add: prototype.add, put: prototype.put };
    const original = prototype.__parleyOriginal;
    let left = allowed ?? 0;
    for (const method of ['add', 'put'] as const) {
      prototype[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        const [value] = args as [{ text?: unknown }];
        const applies =
          (store === undefined || this.name === store) &&
          (minTextLength === undefined ||
            (typeof value?.text === 'string' && value.text.length >= minTextLength));
        if (applies && left-- <= 0)
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original[method].apply(this, args);
      };
    }
  }, options);
}

function allowWrites(target: Page | Worker) {
  return (target as Page).evaluate(() => {
    const prototype = IDBObjectStore.prototype as IDBObjectStore & {
      __parleyOriginal?: { add: IDBObjectStore['add']; put: IDBObjectStore['put'] };
    };
    if (!prototype.__parleyOriginal) return;
    prototype.add = prototype.__parleyOriginal.add;
    prototype.put = prototype.__parleyOriginal.put;
  });
}

async function exportFile(): Promise<{ text: string; counts: TableCounts }> {
  const db = new ParleyDb('quota-source', { indexedDB: new IDBFactory(), IDBKeyRange });
  await seedSyntheticData(db, { customers: 600, mentionsPerCustomer: 3, seed: 9, chunkSize: 200 });
  const chunks: string[] = [];
  const counts = await exportJson(db, (chunk) => void chunks.push(chunk));
  db.close();
  return { text: chunks.join(''), counts };
}

describe('storage full', () => {
  let session: ExtensionSession;
  let options: Page;

  const tables = async (): Promise<TableDump> => {
    const dump: Record<string, unknown[]> = {};
    for (const table of TABLES) dump[table] = await readTable(options, table);
    return dump as unknown as TableDump;
  };

  beforeAll(async () => {
    session = await launch();
    options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('a draft that does not fit is refused with a clear error; the earlier draft stays whole', async () => {
    const save = (postKey: string, text: string) =>
      sendFromPage(options, 'sidebar:mutate', { name: 'save-draft', args: { postKey, text } });
    await save('x:kept', 'Kept words');
    const worker = await currentWorker(session.context, session.extensionId);
    await refuseWrites(worker, { store: 'drafts', minTextLength: 50_000 });
    try {
      expect(await save('x:big', 'y'.repeat(60_000))).toEqual({ ok: false, message: NO_ROOM });
      expect(await save('x:kept', `Kept words ${'z'.repeat(60_000)}`)).toEqual({
        ok: false,
        message: NO_ROOM,
      });
      expect(await save('x:small', 'Still fits')).toMatchObject({ text: 'Still fits' });
    } finally {
      await allowWrites(worker);
    }
    const drafts = await readTable<{ postKey: string; text: string }>(options, 'drafts');
    expect(drafts.map((draft) => [draft.postKey, draft.text]).sort()).toEqual([
      ['x:kept', 'Kept words'],
      ['x:small', 'Still fits'],
    ]);
  });

  it('a mention whose timeline cannot be written is not recorded at all; the next visit records it', async () => {
    const worker = await currentWorker(session.context, session.extensionId);
    await refuseWrites(worker, { store: 'events' });
    const site = await session.context.newPage();
    try {
      await site.goto('https://x.com/home');
      await site.waitForTimeout(2_500);
      // Refused reports leave the customers' posts unmarked, and nothing of them in the database (the
      // brand's own reply, which replies to no recorded case, needs no write and is marked as such).
      expect(await site.locator(MENTION_SELECTOR).count()).toBe(0);
      const partial = await tables();
      expect(partial.mentions).toEqual([]);
      expect(partial.customers).toEqual([]);
      expect(partial.cases).toEqual([]);
    } finally {
      await allowWrites(worker);
    }
    await site.reload();
    expect(await settledMentionCount(site)).toBeGreaterThanOrEqual(3);
    const recorded = await tables();
    expect(recorded.mentions.length).toBeGreaterThanOrEqual(3);
    expect(consistencyProblems(recorded)).toEqual([]);
    await site.close();
  });

  it('an import cut short keeps whole customer blocks, says what was added, and completes when run again', async () => {
    const file = await exportFile();
    const before = await tables();
    await options.reload();
    await refuseWrites(options, { allowed: 4_000 });
    const input = options.getByTestId('import-file');
    await input.setInputFiles({
      name: 'big.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(file.text),
    });
    const error = options.getByTestId('import-error');
    await expect
      .poll(() => error.innerText().catch(() => ''), { timeout: 60_000 })
      .toMatch(
        /^The import stopped after adding [\d,]+ rows: There is no room left to save this .* import the same file again to finish \(rows already imported are skipped\)\.$/,
      );
    await allowWrites(options);
    const partial = await tables();
    expect(consistencyProblems(partial)).toEqual([]);
    const added = partial.customers.length - before.customers.length;
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThan(file.counts.customers);

    await input.setInputFiles({
      name: 'big.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(file.text),
    });
    await expect
      .poll(
        () =>
          options
            .getByTestId('import-result')
            .innerText()
            .catch(() => ''),
        { timeout: 60_000 },
      )
      .toMatch(/^Imported/);
    const complete = await tables();
    expect(consistencyProblems(complete)).toEqual([]);
    expect(complete.customers).toHaveLength(before.customers.length + file.counts.customers);
    expect(complete.mentions).toHaveLength(before.mentions.length + file.counts.mentions);
    expect(complete.events).toHaveLength(before.events.length + file.counts.events);
  }, 120_000);
});
