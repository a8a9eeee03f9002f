import { IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { describeStorageFailure } from '../../../lib/db/errors';
import { ParleyDb, TABLE_NAMES } from '../../../lib/db/schema';
import { seedSyntheticData } from '../../../lib/db/seed';
import { exportJson, ImportInterruptedError, importJson } from '../../../lib/export';
import { consistencyProblems, type TableDump } from '../../e2e/reliability/consistency';
import { dumpTables } from '../db/fixtures';

/**
 * A write refused for lack of space. Chromium ignores a DevTools quota override for extension origins
 * (measured in tests/e2e/reliability/quota.e2e.ts), so the refusal is injected where the browser raises
 * it: the object store's add/put throws QuotaExceededError and the transaction rolls back.
 */
const fresh = (name: string) => new ParleyDb(name, { indexedDB: new IDBFactory(), IDBKeyRange });
const originalAdd = IDBObjectStore.prototype.add;

function refuseWritesAfter(count: number): void {
  let left = count;
  IDBObjectStore.prototype.add = function add(
    this: IDBObjectStore,
    ...args: Parameters<IDBObjectStore['add']>
  ) {
    left -= 1;
    if (left < 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return originalAdd.apply(this, args);
  };
}

afterEach(() => {
  IDBObjectStore.prototype.add = originalAdd;
});

describe('describeStorageFailure', () => {
  it('explains a full quota and a full disk, also when Dexie wraps them', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(describeStorageFailure(quota)).toBe(
      'There is no room left to save this (the browser’s storage for Parley is full). Nothing was half-saved; free some disk space and try again.',
    );
    expect(
      describeStorageFailure({ name: 'AbortError', message: 'Transaction aborted', inner: quota }),
    ).toMatch(/^There is no room left/);
    expect(describeStorageFailure({ name: 'DataError', message: 'Failed to write blobs (IOError)' })).toBe(
      'Saving failed because the disk is full or cannot be written. Nothing was half-saved; free some disk space and try again.',
    );
    expect(describeStorageFailure(new Error('Bad arguments for save-draft'))).toBeNull();
  });

  it('tells a full session storage (in memory) apart from a full disk', () => {
    const message = describeStorageFailure(
      new Error('Session storage quota bytes exceeded. Values were not stored.'),
    );
    expect(message).toMatch(/^Parley’s memory of what your open tabs show is full/);
    expect(message).not.toMatch(/disk/);
    expect(describeStorageFailure(undefined)).toBeNull();
  });
});

describe('an import cut short by storage', () => {
  it('keeps every committed batch whole, says what was added, and completes when run again', async () => {
    const source = fresh('source');
    await seedSyntheticData(source, { customers: 900, mentionsPerCustomer: 3, seed: 4, chunkSize: 300 });
    const chunks: string[] = [];
    await exportJson(source, (chunk) => void chunks.push(chunk));

    const target = fresh('target');
    refuseWritesAfter(5_000);
    const failure = await importJson(target, () => chunks).catch((error: unknown) => error);
    IDBObjectStore.prototype.add = originalAdd;
    expect(failure).toBeInstanceOf(ImportInterruptedError);
    const interrupted = failure as ImportInterruptedError;
    expect(interrupted.message).toMatch(
      /^The import stopped after adding [\d,]+ rows: There is no room left to save this .* import the same file again to finish/,
    );
    const partial = await dumpTables(target);
    for (const table of TABLE_NAMES)
      expect([table, partial[table].length]).toEqual([table, interrupted.written[table]]);
    expect(partial.customers.length).toBeGreaterThan(0);
    expect(consistencyProblems(partial as unknown as TableDump)).toEqual([]);

    await importJson(target, () => chunks);
    expect(await dumpTables(target)).toEqual(await dumpTables(source));
  });
});
