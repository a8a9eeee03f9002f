import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { getDraft, readableDraft, saveDraft } from '../../../lib/db/drafts';
import { ParleyDb, SCHEMA_V1 } from '../../../lib/db/schema';
import { exportJson, importJson } from '../../../lib/export';

/**
 * Drafts that are damaged on disk or older than the current row shape (version 1 wrote no templateId and
 * the v1 → v2 upgrade leaves drafts as they are). Found by tests/e2e/reliability/hostile-input.e2e.ts and
 * durability.e2e.ts: the sidebar got the raw row back, and an export carried rows its own import refused,
 * so one such draft made the whole backup unrestorable.
 */
const factory = () => ({ indexedDB: new IDBFactory(), IDBKeyRange });

async function exportText(db: ParleyDb): Promise<string> {
  const chunks: string[] = [];
  await exportJson(db, (chunk) => void chunks.push(chunk));
  return chunks.join('');
}

describe('readableDraft', () => {
  it('returns a valid draft unchanged', () => {
    const draft = { postKey: 'x:1', text: 'Hi', templateId: 'thanks', updatedAt: '2026-11-20T12:00:00.000Z' };
    expect(readableDraft(draft)).toEqual(draft);
  });

  it('gives back the text of a damaged row with neutral values for the damaged fields', () => {
    expect(readableDraft({ postKey: 'x:1', text: 'Sorry!', templateId: 42, updatedAt: 'yesterday' })).toEqual(
      {
        postKey: 'x:1',
        text: 'Sorry!',
        templateId: null,
        updatedAt: '1970-01-01T00:00:00.000Z',
      },
    );
    expect(
      readableDraft({ postKey: 'x:1', text: 'v1', updatedAt: '2025-06-02T09:10:00Z', extra: true }),
    ).toEqual({
      postKey: 'x:1',
      text: 'v1',
      templateId: null,
      updatedAt: '2025-06-02T09:10:00.000Z',
    });
  });

  it('returns null when there is no text to give back', () => {
    for (const damaged of [null, 7, 'text', { postKey: 'x:1', text: 12345 }, { text: 'no key' }]) {
      expect(readableDraft(damaged)).toBeNull();
    }
  });
});

describe('damaged drafts in a real database', () => {
  it('getDraft answers without throwing and leaves the stored row as it was', async () => {
    const db = new ParleyDb('drafts-damaged', factory());
    await db.drafts.put({ postKey: 'x:bad', text: 12345, templateId: {}, updatedAt: 'never' } as never);
    await saveDraft(db, { postKey: 'x:good', text: 'Thanks!', updatedAt: '2026-11-20T12:00:00.000Z' });
    expect(await getDraft(db, 'x:bad')).toBeNull();
    expect((await getDraft(db, 'x:good'))?.text).toBe('Thanks!');
    expect(((await db.drafts.get('x:bad')) as unknown as { text: unknown }).text).toBe(12345);
  });

  it('a profile upgraded from version 1 exports a file its own import accepts, draft text included', async () => {
    const options = factory();
    const v1 = new Dexie('upgraded', options);
    v1.version(1).stores(SCHEMA_V1);
    await v1
      .table('drafts')
      .bulkAdd([{ postKey: 'reddit:3', text: 'Refunds take 5 days', updatedAt: '2025-06-02T09:10:00.000Z' }]);
    v1.close();
    const upgraded = new ParleyDb('upgraded', options);
    await upgraded.drafts.put({ postKey: 'x:bad', text: 12345 } as never);

    const file = await exportText(upgraded);
    const restored = new ParleyDb('restored', factory());
    const result = await importJson(restored, () => [file]);
    expect(result.written.drafts).toBe(1);
    expect(await restored.drafts.toArray()).toEqual([
      {
        postKey: 'reddit:3',
        text: 'Refunds take 5 days',
        templateId: null,
        updatedAt: '2025-06-02T09:10:00.000Z',
      },
    ]);
  });
});
