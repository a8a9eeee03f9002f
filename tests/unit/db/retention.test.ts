import { describe, expect, it } from 'vitest';
import { getCase, recategorize, recordMention, recordThanks, setCaseStatus } from '../../../lib/db/cases';
import { linkIdentities, unlinkIdentity } from '../../../lib/db/customers';
import { saveDraft } from '../../../lib/db/drafts';
import { purgeCustomer, purgeOlderThan } from '../../../lib/db/retention';
import type { ParleyDb } from '../../../lib/db/schema';
import { deriveCase } from '../../../lib/db/timeline';
import { classified, dumpTables, freshDb, makePost } from './fixtures';

async function mention(db: ParleyDb, overrides: Parameters<typeof makePost>[0] = {}) {
  const post = makePost(overrides);
  return recordMention(db, {
    post,
    classification: classified(),
    isOwnReply: false,
    detectedAt: post.postedAt ?? '2026-03-01T12:00:00.000Z',
  });
}

/** Two customers: an old, finished conversation and a current one. */
async function twoCustomers(db: ParleyDb) {
  const old = await mention(db, { handle: 'old', postId: 'o1', postedAt: '2025-01-01T10:00:00.000Z' });
  await setCaseStatus(db, { caseId: old.caseId ?? '', status: 'resolved', at: '2025-01-02T10:00:00.000Z' });
  await recordThanks(db, { postKey: 'x:o1', at: '2025-01-02T11:00:00.000Z' });
  await recategorize(db, { mentionId: 'x:o1', category: 'question', at: '2025-01-02T12:00:00.000Z' });
  await saveDraft(db, { postKey: 'x:o1', text: 'old draft', updatedAt: '2025-01-02T13:00:00.000Z' });
  const current = await mention(db, {
    handle: 'current',
    postId: 'c1',
    postedAt: '2026-03-01T10:00:00.000Z',
  });
  await saveDraft(db, { postKey: 'x:c1', text: 'new draft', updatedAt: '2026-03-01T11:00:00.000Z' });
  return { old, current };
}

describe('purgeOlderThan', () => {
  it('removes cases and customers whose activity is older than the cutoff, with their posts’ data', async () => {
    const db = freshDb();
    const { old, current } = await twoCustomers(db);
    const counts = await purgeOlderThan(db, 90, '2026-03-02T00:00:00.000Z');
    expect(counts).toMatchObject({
      customers: 1,
      identities: 1,
      mentions: 1,
      cases: 1,
      drafts: 1,
      corrections: 1,
      thanks: 1,
    });
    expect(counts.events).toBe(4); // detected, resolved, thanked, recategorized
    expect(await db.customers.get(old.customerId ?? '')).toBeUndefined();
    expect(await db.identities.get('x:old')).toBeUndefined();
    expect(await db.events.filter((event) => event.customerId === old.customerId).count()).toBe(0);
    expect(await db.customers.get(current.customerId ?? '')).toBeDefined();
    expect(await db.mentions.get('x:c1')).toBeDefined();
    expect(await db.drafts.get('x:c1')).toBeDefined();
  });

  it('keeps a live case whole even when some of its events are older than the cutoff', async () => {
    const db = freshDb();
    const first = await mention(db, { handle: 'long', postedAt: '2025-01-01T10:00:00.000Z' });
    await mention(db, { handle: 'long', postedAt: '2026-02-28T10:00:00.000Z' });
    const before = await dumpTables(db);
    const counts = await purgeOlderThan(db, 30, '2026-03-02T00:00:00.000Z');
    expect(Object.values(counts).every((count) => count === 0)).toBe(true);
    expect(await dumpTables(db)).toEqual(before);
    expect(
      await db.mentions
        .where('caseId')
        .equals(first.caseId ?? '')
        .count(),
    ).toBe(2);
  });

  it('keeps the drafts, corrections and thanks of a live case’s old posts, and drops orphans', async () => {
    const db = freshDb();
    await mention(db, { handle: 'fan', postId: 'p1', postedAt: '2025-01-01T10:00:00.000Z' });
    await recordThanks(db, { postKey: 'x:p1', at: '2025-01-01T11:00:00.000Z' });
    await recategorize(db, { mentionId: 'x:p1', category: 'praise', at: '2025-01-01T12:00:00.000Z' });
    await saveDraft(db, { postKey: 'x:p1', text: 'half-written', updatedAt: '2025-01-01T13:00:00.000Z' });
    await mention(db, { handle: 'fan', postId: 'p2', postedAt: '2026-02-28T10:00:00.000Z' });
    // A draft for a post that was never recorded (or whose mention went before).
    await saveDraft(db, { postKey: 'x:gone', text: 'stale', updatedAt: '2025-01-01T13:00:00.000Z' });

    const counts = await purgeOlderThan(db, 30, '2026-03-02T00:00:00.000Z');
    expect(counts).toMatchObject({ mentions: 0, cases: 0, drafts: 1, corrections: 0, thanks: 0 });
    expect(await db.thanks.get('x:p1')).toBeDefined();
    expect(await db.corrections.get('x:p1')).toBeDefined();
    expect((await db.drafts.get('x:p1'))?.text).toBe('half-written');
    expect(await db.drafts.get('x:gone')).toBeUndefined();
  });

  it('keeps a case found recently on an old post, and one whose draft is being written', async () => {
    const db = freshDb();
    // A year-old post the agent came across yesterday.
    const found = await recordMention(db, {
      post: makePost({ handle: 'late', postId: 'l1', postedAt: '2025-01-01T10:00:00.000Z' }),
      classification: classified(),
      isOwnReply: false,
      detectedAt: '2026-03-01T09:00:00.000Z',
    });
    // Seen long ago, but the agent is writing the reply now.
    await mention(db, { handle: 'slow', postId: 's1', postedAt: '2025-01-01T10:00:00.000Z' });
    await saveDraft(db, { postKey: 'x:s1', text: 'still on it', updatedAt: '2026-03-01T11:00:00.000Z' });
    // Seen long ago and left alone: this one goes.
    await mention(db, { handle: 'done', postId: 'd1', postedAt: '2025-01-01T10:00:00.000Z' });

    const counts = await purgeOlderThan(db, 30, '2026-03-02T00:00:00.000Z');
    expect(counts).toMatchObject({ cases: 1, mentions: 1, customers: 1, drafts: 0 });
    expect(await db.cases.get(found.caseId ?? '')).toBeDefined();
    expect(await db.mentions.get('x:l1')).toBeDefined();
    expect((await db.drafts.get('x:s1'))?.text).toBe('still on it');
    expect(await db.mentions.get('x:s1')).toBeDefined();
    expect(await db.mentions.get('x:d1')).toBeUndefined();
  });

  it('rejects a negative retention period', async () => {
    await expect(purgeOlderThan(freshDb(), -1, '2026-03-02T00:00:00.000Z')).rejects.toThrow(RangeError);
  });
});

describe('purgeCustomer', () => {
  it('removes everything about one customer on every platform and nothing else', async () => {
    const db = freshDb();
    const { old, current } = await twoCustomers(db);
    const before = await dumpTables(db);
    const counts = await purgeCustomer(db, old.customerId ?? '');
    expect(counts).toMatchObject({
      customers: 1,
      identities: 1,
      mentions: 1,
      cases: 1,
      drafts: 1,
      corrections: 1,
      thanks: 1,
    });
    const after = await dumpTables(db);
    const mentionsOf = (rows: unknown[]) =>
      rows.filter((row) => (row as { customerId: string }).customerId === current.customerId);
    expect(mentionsOf(after.mentions)).toEqual(mentionsOf(before.mentions));
    expect(after.customers).toHaveLength(1);
    expect(after.drafts).toEqual([
      { postKey: 'x:c1', text: 'new draft', templateId: null, updatedAt: '2026-03-01T11:00:00.000Z' },
    ]);
    expect(JSON.stringify(after)).not.toContain(old.customerId ?? 'missing');
    expect(JSON.stringify(after)).not.toContain('x:o1');
  });
});

describe('purgeCustomer after an unlink', () => {
  it('also removes the posts an unlinked account left in a conversation it shared, and its name in the link history', async () => {
    const db = freshDb();
    const post = (platform: 'x' | 'reddit', handle: string, postId: string, postedAt: string, text: string) =>
      mention(db, { platform, handle, postId, postedAt, text, author: { handle, displayName: null } });
    // Two accounts, wrongly taken for one person: linked, then one conversation gets posts from both.
    await post('reddit', 'sky_walker_9', 'r1', '2026-03-01T08:00:00.000Z', 'first reddit post');
    const bea = await post('x', 'bea', 'm1', '2026-03-01T09:00:00.000Z', 'my order is late');
    await linkIdentities(db, 'reddit:sky_walker_9', bea.customerId ?? '', '2026-03-01T09:30:00.000Z');
    const mixed = await post(
      'reddit',
      'sky_walker_9',
      'r2',
      '2026-03-01T10:00:00.000Z',
      'me too, order 5521',
    );
    expect(mixed.caseId).toBe(bea.caseId);
    const sky = await unlinkIdentity(db, 'reddit:sky_walker_9', '2026-03-01T11:00:00.000Z');
    await recordThanks(db, { postKey: 'reddit:r2', at: '2026-03-01T11:30:00.000Z' });

    await purgeCustomer(db, sky.id);

    const after = JSON.stringify(await dumpTables(db));
    expect(after).not.toContain('sky_walker_9');
    expect(after).not.toContain('order 5521');
    expect(after).not.toContain('reddit:r2');
    // Bea's side of the conversation stays, and her case still matches its timeline.
    expect(await db.mentions.get('x:m1')).toBeDefined();
    const detail = await getCase(db, bea.caseId ?? '');
    expect(detail?.case).toEqual(
      deriveCase(detail?.case ?? { id: '', customerId: '' }, detail?.events ?? []),
    );
    expect(detail?.case.firstMentionId).toBe('x:m1');
    expect((await db.customers.get(bea.customerId ?? ''))?.complaintCount).toBe(1);
  });
});
