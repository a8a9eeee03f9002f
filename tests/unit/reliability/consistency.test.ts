import { describe, expect, it } from 'vitest';
import { addNote, recategorize, recordMention, recordThanks, setCaseStatus } from '../../../lib/db/cases';
import { seedSyntheticData } from '../../../lib/db/seed';
import { consistencyProblems, type TableDump } from '../../e2e/reliability/consistency';
import { classified, dumpTables, freshDb, makePost } from '../db/fixtures';

/** The e2e suites judge interrupted and concurrent writes with this checker, so it must catch breaks. */
async function consistentProfile() {
  const db = freshDb(`consistency-${Math.random()}`);
  await seedSyntheticData(db, { customers: 40, mentionsPerCustomer: 4, seed: 5, chunkSize: 10 });
  const first = await recordMention(db, {
    post: makePost({ handle: 'jane' }),
    classification: classified(),
    isOwnReply: false,
    detectedAt: '2026-03-01T10:01:00.000Z',
  });
  const caseId = first.caseId as string;
  await addNote(db, { caseId, text: 'called her', at: '2026-03-01T10:05:00.000Z' });
  await setCaseStatus(db, { caseId, status: 'awaiting-customer', at: '2026-03-01T10:06:00.000Z' });
  await recategorize(db, { mentionId: first.postKey, category: 'praise', at: '2026-03-01T10:07:00.000Z' });
  await recordThanks(db, { postKey: first.postKey, at: '2026-03-01T10:08:00.000Z' });
  return { db, caseId, postKey: first.postKey };
}

const dumpOf = async (db: Awaited<ReturnType<typeof consistentProfile>>['db']) =>
  (await dumpTables(db)) as unknown as TableDump;

describe('consistencyProblems', () => {
  it('finds nothing wrong in data the repository wrote', async () => {
    const { db } = await consistentProfile();
    expect(consistencyProblems(await dumpOf(db))).toEqual([]);
  });

  it('names a case whose stored row no longer matches its timeline', async () => {
    const { db, caseId } = await consistentProfile();
    await db.cases.update(caseId, { status: 'resolved' });
    expect(consistencyProblems(await dumpOf(db))).toEqual([
      `case ${caseId}: stored row differs from its timeline`,
    ]);
  });

  it('names a mention without its detection, and an event without its case (a half-written record)', async () => {
    const { db, postKey, caseId } = await consistentProfile();
    const detection = (await db.events.where('caseId').equals(caseId).toArray()).find(
      (event) => event.type === 'detected',
    );
    await db.events.delete(detection?.id as string);
    const problems = consistencyProblems(await dumpOf(db));
    expect(problems).toContain(`mention ${postKey}: 0 detection events (expected 1)`);

    const again = await consistentProfile();
    await again.db.cases.delete(again.caseId);
    const orphaned = consistencyProblems(await dumpOf(again.db));
    expect(orphaned).toContain(`mention ${again.postKey}: case ${again.caseId} is missing`);
    expect(orphaned.some((problem) => problem.endsWith(`case ${again.caseId} is missing`))).toBe(true);
  });

  it('names customer counts that disagree with their mentions, and unreadable drafts', async () => {
    const { db } = await consistentProfile();
    const customer = (await db.customers.toArray())[0];
    await db.customers.update(customer?.id as string, { praiseCount: 99 });
    await db.drafts.put({ postKey: 'x:bad', text: 5 } as never);
    const problems = consistencyProblems(await dumpOf(db));
    expect(problems.some((problem) => problem.startsWith(`customer ${customer?.id}: counts 99/`))).toBe(true);
    expect(problems).toContain('draft x:bad: holds no readable text');
  });
});
