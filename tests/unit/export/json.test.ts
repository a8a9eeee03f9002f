import { describe, expect, it } from 'vitest';
import {
  addNote,
  recategorize,
  recordMention,
  recordReply,
  recordThanks,
  setCaseStatus,
} from '../../../lib/db/cases';
import { linkIdentities } from '../../../lib/db/customers';
import { saveDraft } from '../../../lib/db/drafts';
import type { ParleyDb } from '../../../lib/db/schema';
import { seedSyntheticData } from '../../../lib/db/seed';
import { deriveCase } from '../../../lib/db/timeline';
import {
  ExportDisturbedError,
  type ExportProgress,
  exportJson,
  ImportError,
  type ImportProgress,
  importJson,
} from '../../../lib/export/json';
import { classified, dumpTables, freshDb, makePost } from '../db/fixtures';

async function exportText(db: ParleyDb, onProgress?: (progress: ExportProgress) => void): Promise<string> {
  const chunks: string[] = [];
  await exportJson(
    db,
    (chunk) => {
      chunks.push(chunk);
    },
    onProgress,
  );
  return chunks.join('');
}

/** Serves the text in fixed-size chunks, so lines straddle chunk boundaries. */
function chunked(text: string, size = 4_096) {
  return async function* () {
    for (let start = 0; start < text.length; start += size) yield text.slice(start, start + size);
  };
}

/** A profile that uses every table and every kind of event, with hostile-looking text. */
async function populate(db: ParleyDb): Promise<void> {
  await seedSyntheticData(db, { customers: 30, mentionsPerCustomer: 4, seed: 5 });
  const alice = await recordMention(db, {
    post: makePost({
      postId: 'q1',
      handle: 'alice',
      text: 'Line one\nline "two", =HYPERLINK("http://evil") 😀\r\nend',
      postedAt: '2026-03-01T10:00:00.000Z',
    }),
    classification: classified({ reasons: ['late', 'angry'] }),
    isOwnReply: false,
    detectedAt: '2026-03-01T10:01:00.000Z',
  });
  const caseId = alice.caseId ?? '';
  await recordMention(db, {
    post: makePost({
      postId: 'q2',
      handle: 'brandcare',
      inReplyTo: 'q1',
      isReply: true,
      postedAt: '2026-03-01T10:30:00.000Z',
    }),
    classification: classified({ category: 'neutral', severity: 1 }),
    isOwnReply: true,
    detectedAt: '2026-03-01T10:31:00.000Z',
  });
  await addNote(db, { caseId, text: 'called them', at: '2026-03-01T11:00:00.000Z' });
  await recordReply(db, {
    caseId,
    text: 'Fixed!',
    postKey: 'x:q1',
    at: '2026-03-01T11:10:00.000Z',
    via: 'marked-sent',
  });
  await setCaseStatus(db, { caseId, status: 'resolved', at: '2026-03-01T12:00:00.000Z' });
  await recordThanks(db, { postKey: 'x:q1', at: '2026-03-01T12:05:00.000Z' });
  await recategorize(db, { mentionId: 'x:q1', category: 'crisis', at: '2026-03-01T12:10:00.000Z' });
  const bsky = await recordMention(db, {
    post: makePost({ platform: 'bluesky', postId: 'b1', handle: 'alice.bsky.social', postedAt: null }),
    classification: classified({ category: 'praise', severity: 1, sentiment: 0.8 }),
    isOwnReply: false,
    detectedAt: '2026-03-02T09:00:00.000Z',
  });
  expect(bsky.customerId).not.toBe(alice.customerId);
  await linkIdentities(db, 'bluesky:alice.bsky.social', alice.customerId ?? '', '2026-03-02T10:00:00.000Z');
  await saveDraft(db, {
    postKey: 'x:q1',
    text: 'draft with\nnewline',
    templateId: 'apology',
    updatedAt: '2026-03-01T10:02:00.000Z',
  });
  await saveDraft(db, { postKey: 'x:elsewhere', text: '', updatedAt: '2026-03-01T10:03:00.000Z' });
  await db.meta.put({ key: 'retentionDays', value: 365 });
}

describe('exportJson', () => {
  it('writes a header, one table row per line grouped by customer, and a trailer with the counts', async () => {
    const db = freshDb();
    await populate(db);
    const progress: ExportProgress[] = [];
    const text = await exportText(db, (step) => progress.push(step));
    const lines = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const header = lines[0];
    const trailer = lines.at(-1);
    expect(header).toMatchObject({ format: 'parley-export', version: 2, exportedAt: expect.any(String) });
    expect(trailer).toEqual({ end: 'parley-export', counts: header.counts });
    expect(header.counts.mentions).toBe(await db.mentions.count());
    expect(header.counts.events).toBe(await db.events.count());

    let customer: string | null = null;
    for (const line of lines.slice(1, -1)) {
      expect(Object.keys(line).sort()).toEqual(['row', 'table']);
      if (line.table === 'customers') customer = line.row.id;
      else if (['identities', 'cases', 'mentions', 'events', 'thanks'].includes(line.table)) {
        expect(line.row.customerId).toBe(customer);
      }
    }
    const total = Object.values(header.counts as Record<string, number>).reduce(
      (sum, count) => sum + count,
      0,
    );
    expect(progress.at(-1)).toEqual({ rowsWritten: total, totalRows: total });
  });
});

describe('exportJson while customers are linked', () => {
  it('refuses a file that a link during the export left incomplete, and exports whole again after', async () => {
    const db = freshDb();
    await seedSyntheticData(db, { customers: 450, mentionsPerCustomer: 2, seed: 9, chunkSize: 150 });
    const ids = (await db.customers.orderBy(':id').primaryKeys()) as string[];
    const first = ids[0] as string;
    const lastIdentity = await db.identities
      .where('customerId')
      .equals(ids.at(-1) as string)
      .first();
    let linked = false;
    const failure = await exportJson(db, async (chunk) => {
      // After the first page of customers is written, the last customer's rows move into the first.
      if (!linked && chunk.includes(`"id":"${first}"`)) {
        linked = true;
        await linkIdentities(db, lastIdentity?.id as string, first);
      }
    }).catch((error: unknown) => error);
    expect(linked).toBe(true);
    expect(failure).toBeInstanceOf(ExportDisturbedError);
    expect((failure as Error).message).toMatch(/linked or split while the export ran/);

    const text = await exportText(db);
    const mentionLines = text.split('\n').filter((line) => line.startsWith('{"table":"mentions"'));
    expect(mentionLines).toHaveLength(await db.mentions.count());
  });
});

describe('importJson', () => {
  it('round-trips losslessly: an import into an empty profile gives identical tables', async () => {
    const source = freshDb();
    await populate(source);
    const text = await exportText(source);

    const target = freshDb();
    const phases: ImportProgress[] = [];
    const result = await importJson(target, chunked(text, 777), { mode: 'merge' }, (step) =>
      phases.push(step),
    );
    expect(await dumpTables(target)).toStrictEqual(await dumpTables(source));
    expect(result.mergedCustomers).toBe(0);
    expect(result.written.mentions).toBe(await source.mentions.count());
    expect(Object.values(result.skipped).every((count) => count === 0)).toBe(true);

    const lineCount = text.trimEnd().split('\n').length;
    expect(phases[0]?.phase).toBe('validating');
    expect(phases.at(-1)).toEqual({ phase: 'writing', lines: lineCount, totalLines: lineCount });

    const again = await exportText(target);
    const withoutTime = (value: string) => value.replace(/"exportedAt":"[^"]+"/, '');
    expect(withoutTime(again)).toBe(withoutTime(text));
  });

  it('accepts CRLF line endings and single-line chunks', async () => {
    const source = freshDb();
    await populate(source);
    const text = (await exportText(source)).replace(/\n/g, '\r\n');
    const target = freshDb();
    await importJson(target, () => text.split(/(?<=\n)/), { mode: 'merge' });
    expect(await dumpTables(target)).toStrictEqual(await dumpTables(source));
  });

  it('merges without duplicates: importing the same file again changes nothing', async () => {
    const db = freshDb();
    await populate(db);
    const text = await exportText(db);
    const before = await dumpTables(db);
    const result = await importJson(db, chunked(text), { mode: 'merge' });
    expect(await dumpTables(db)).toStrictEqual(before);
    expect(Object.values(result.written).every((count) => count === 0)).toBe(true);
    expect(result.skipped.mentions).toBe(before.mentions.length);
  });

  it('merges another profile: shared identities become one customer, shared posts one case', async () => {
    const here = freshDb();
    const there = freshDb();
    const sharedPost = makePost({ postId: 's1', handle: 'carol', postedAt: '2026-03-01T10:00:00.000Z' });
    for (const db of [here, there]) {
      await recordMention(db, {
        post: sharedPost,
        classification: classified(),
        isOwnReply: false,
        detectedAt: '2026-03-01T10:05:00.000Z',
      });
    }
    const local = await here.cases.toArray();
    const follow = await recordMention(there, {
      post: makePost({
        postId: 's2',
        handle: 'Carol',
        text: 'still waiting',
        postedAt: '2026-03-01T12:00:00.000Z',
      }),
      classification: classified({ severity: 4 }),
      isOwnReply: false,
      detectedAt: '2026-03-01T12:01:00.000Z',
    });
    await addNote(there, {
      caseId: follow.caseId ?? '',
      text: 'colleague’s note',
      at: '2026-03-01T12:30:00.000Z',
    });
    await saveDraft(there, { postKey: 'x:s2', text: 'newer draft', updatedAt: '2026-03-01T12:40:00.000Z' });
    await saveDraft(here, { postKey: 'x:s2', text: 'older draft', updatedAt: '2026-03-01T12:35:00.000Z' });

    const result = await importJson(here, chunked(await exportText(there)), { mode: 'merge' });
    expect(result.mergedCustomers).toBe(1);
    expect(result.mergedCases).toBe(1);
    expect(await here.customers.count()).toBe(1);
    expect(await here.cases.count()).toBe(1);
    expect(await here.mentions.count()).toBe(2);
    const caseId = local[0]?.id ?? '';
    const timeline = await here.events.where('caseId').equals(caseId).toArray();
    expect(timeline.filter((event) => event.type === 'detected')).toHaveLength(2);
    expect(timeline.filter((event) => event.type === 'note')).toHaveLength(1);
    const merged = await here.cases.get(caseId);
    expect(merged).toEqual(deriveCase({ id: caseId, customerId: merged?.customerId ?? '' }, timeline));
    expect(merged?.severity).toBe(4);
    expect((await here.customers.toArray())[0]?.complaintCount).toBe(2);
    expect((await here.drafts.get('x:s2'))?.text).toBe('newer draft');
    expect((await here.mentions.get('x:s2'))?.caseId).toBe(caseId);
  });
});

describe('importJson rejects bad files whole', () => {
  async function corruptAndImport(corrupt: (lines: string[]) => string[]) {
    const source = freshDb();
    await populate(source);
    const lines = (await exportText(source)).trimEnd().split('\n');
    const target = freshDb();
    await recordMention(target, {
      post: makePost({ postId: 'keep', handle: 'existing' }),
      classification: classified(),
      isOwnReply: false,
      detectedAt: '2026-03-01T10:00:00.000Z',
    });
    const before = await dumpTables(target);
    const text = `${corrupt([...lines]).join('\n')}\n`;
    const error = await importJson(target, chunked(text, 1_000), { mode: 'merge' }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect(await dumpTables(target)).toStrictEqual(before);
    return error as ImportError;
  }

  const middle = (lines: string[]) => Math.floor(lines.length / 2);

  it('rejects invalid JSON with its line number', async () => {
    let broken = 0;
    const error = await corruptAndImport((lines) => {
      broken = middle(lines);
      lines[broken] = `${lines[broken]?.slice(0, 20)}`;
      return lines;
    });
    expect(error.line).toBe(broken + 1);
    expect(error.message).toContain(`line ${broken + 1}: not valid JSON`);
  });

  it('rejects a truncated file (no trailer), even when it ends on a whole line', async () => {
    const error = await corruptAndImport((lines) => lines.slice(0, -40));
    expect(error.line).toBeNull();
    expect(error.message).toContain('truncated');
  });

  it('rejects a file with rows removed (trailer counts disagree)', async () => {
    const error = await corruptAndImport((lines) =>
      lines.filter((line, index) => index === 0 || !line.includes('"table":"drafts"')),
    );
    expect(error.message).toContain('drafts');
    expect(error.message).toContain('missing or added');
  });

  it('rejects unknown fields, wrong values and non-canonical times, naming the field', async () => {
    const withRow = (edit: (row: Record<string, unknown>) => void) => (lines: string[]) =>
      lines.map((line) => {
        if (!line.includes('"table":"mentions"')) return line;
        const parsed = JSON.parse(line);
        edit(parsed.row);
        return JSON.stringify(parsed);
      });
    const extra = await corruptAndImport(
      withRow((row) => Object.assign(row, { script: '<img onerror=alert(1)>' })),
    );
    expect(extra.message).toMatch(/mentions row.*script/);
    const severity = await corruptAndImport(withRow((row) => Object.assign(row, { severity: 9 })));
    expect(severity.message).toContain('field "severity": expected a severity of 1, 2, 3 or 4');
    const time = await corruptAndImport(withRow((row) => Object.assign(row, { at: '2026-03-01 10:00' })));
    expect(time.message).toContain('field "at"');
  });

  it('rejects rows outside their customer’s block and references to missing cases', async () => {
    const moved = await corruptAndImport((lines) => {
      const index = lines.findIndex((line) => line.includes('"table":"mentions"'));
      const [mention] = lines.splice(index, 1);
      lines.splice(lines.length - 1, 0, mention ?? '');
      return lines;
    });
    expect(moved.message).toContain("not inside that customer's block");
    const orphan = await corruptAndImport((lines) =>
      lines.map((line) =>
        line.includes('"table":"events"') ? line.replace(/"caseId":"[^"]+"/, '"caseId":"nope"') : line,
      ),
    );
    expect(orphan.message).toContain('case "nope"');
  });

  it('rejects a file that is not a Parley export, another version, or has content after the trailer', async () => {
    const notOurs = await corruptAndImport((lines) => ['{"hello":1}', ...lines.slice(1)]);
    expect(notOurs.message).toContain('not a Parley export');
    const version = await corruptAndImport((lines) => [
      lines[0]?.replace('"version":2', '"version":3') ?? '',
      ...lines.slice(1),
    ]);
    expect(version.message).toContain('version 3 is not supported');
    const after = await corruptAndImport((lines) => [...lines, lines[1] ?? '']);
    expect(after.message).toContain('after the end-of-export trailer');
  });

  it('rejects an empty file', async () => {
    const db = freshDb();
    await expect(importJson(db, () => [''], { mode: 'merge' })).rejects.toThrow('empty');
  });
});
