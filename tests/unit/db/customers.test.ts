import { describe, expect, it } from 'vitest';
import { addNote, getCase, recordMention, recordThanks } from '../../../lib/db/cases';
import {
  getCustomerForHandle,
  getCustomerHistory,
  type HistoryCursor,
  type HistoryItem,
  linkIdentities,
  unlinkIdentity,
} from '../../../lib/db/customers';
import type { ParleyDb } from '../../../lib/db/schema';
import { seedSyntheticData } from '../../../lib/db/seed';
import { deriveCase } from '../../../lib/db/timeline';
import { ANY_RANGE, classified, freshDb, makePost, spyOnReads } from './fixtures';

async function mention(db: ParleyDb, overrides: Parameters<typeof makePost>[0] = {}) {
  const post = makePost(overrides);
  return recordMention(db, {
    post,
    classification: classified(),
    isOwnReply: false,
    detectedAt: post.postedAt ?? '2026-03-01T12:00:00.000Z',
  });
}

describe('customer history', () => {
  it('lists mentions and events across platforms, newest first, and pages without gaps', async () => {
    const db = freshDb();
    const first = await mention(db, { handle: 'alice', postedAt: '2026-03-01T10:00:00.000Z' });
    const customerId = first.customerId ?? '';
    const bluesky = await recordMention(db, {
      post: makePost({
        platform: 'bluesky',
        handle: 'alice.bsky.social',
        postedAt: '2026-03-02T10:00:00.000Z',
      }),
      classification: classified(),
      isOwnReply: false,
      detectedAt: '2026-03-02T10:00:00.000Z',
    });
    await linkIdentities(db, 'bluesky:alice.bsky.social', customerId, '2026-03-02T11:00:00.000Z');
    await addNote(db, { caseId: first.caseId ?? '', text: 'VIP', at: '2026-03-03T10:00:00.000Z' });
    await mention(db, { handle: 'someone-else', postedAt: '2026-03-04T10:00:00.000Z' });

    const history = await getCustomerHistory(db, customerId, { limit: 100 });
    expect(history?.identities.map((identity) => identity.id).sort()).toEqual([
      'bluesky:alice.bsky.social',
      'x:alice',
    ]);
    const items = history?.items ?? [];
    expect(items.map((item) => item.at)).toEqual([...items.map((item) => item.at)].sort().reverse());
    expect(items.filter((item) => item.kind === 'mention').map((item) => item.id)).toEqual([
      bluesky.mention?.id,
      first.mention?.id,
    ]);
    expect(items[0]).toMatchObject({ kind: 'event', event: { type: 'note' } });
    expect(history?.next).toBeNull();

    const paged: HistoryItem[] = [];
    let before: HistoryCursor | undefined;
    for (let guard = 0; guard < 20; guard += 1) {
      const page = await getCustomerHistory(db, customerId, { limit: 2, before });
      paged.push(...(page?.items ?? []));
      if (!page?.next) break;
      before = page.next;
    }
    expect(paged.map((item) => item.id)).toEqual(items.map((item) => item.id));
  });

  it('finds a customer by handle on a platform', async () => {
    const db = freshDb();
    const { customerId } = await mention(db, { handle: 'Alice' });
    expect((await getCustomerForHandle(db, 'x', '@alice'))?.id).toBe(customerId);
    expect(await getCustomerForHandle(db, 'reddit', 'alice')).toBeNull();
    expect(await getCustomerHistory(db, 'nobody')).toBeNull();
  });

  it('reads one customer through indexes only, with ranges bounded to that customer', async () => {
    const db = freshDb();
    const spy = spyOnReads(db);
    await seedSyntheticData(db, { customers: 300, mentionsPerCustomer: 6, seed: 7 });
    const customerId = 'cu_seed7_00000123';
    spy.recording = true;

    const started = performance.now();
    const history = await getCustomerHistory(db, customerId, { limit: 10 });
    const elapsedMs = performance.now() - started;
    spy.recording = false;
    const reads = spy.seen;

    expect(history?.items.length).toBe(10);
    expect(history?.next).not.toBeNull();
    expect(
      history?.items.every(
        (item) => (item.kind === 'mention' ? item.mention : item.event).customerId === customerId,
      ),
    ).toBe(true);
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) {
      expect(read.range.type, `${read.table} read scans everything`).not.toBe(ANY_RANGE);
      expect(read.index, `${read.table} read uses no index`).not.toBeNull();
      const lower = Array.isArray(read.range.lower) ? read.range.lower[0] : read.range.lower;
      const upper = Array.isArray(read.range.upper) ? read.range.upper[0] : read.range.upper;
      expect([lower, upper], `${read.table} read is not bounded to the customer`).toEqual([
        customerId,
        customerId,
      ]);
    }
    // fake-indexeddb is far slower than a browser's IndexedDB; this only guards against a scan.
    expect(elapsedMs).toBeLessThan(500);

    // Control: the spy does see a full scan when one happens.
    spy.seen.length = 0;
    spy.recording = true;
    await db.mentions.filter((row) => row.customerId === customerId).count();
    spy.recording = false;
    expect(spy.seen.some((read) => read.range.type === ANY_RANGE)).toBe(true);
  });
});

describe('customer history, first page and cursor pages', () => {
  /** A customer with `count` mentions, several sharing each timestamp (ties are ordered by id). */
  async function customerWithTies(db: ParleyDb, count: number) {
    const first = await mention(db, { handle: 'busy', postedAt: '2026-04-01T00:00:00.000Z' });
    for (let index = 1; index < count; index += 1) {
      const minute = Math.floor(index / 3)
        .toString()
        .padStart(2, '0');
      await mention(db, { handle: 'busy', postedAt: `2026-04-01T00:${minute}:00.000Z` });
    }
    return first.customerId ?? '';
  }

  it('gives the same items and cursor as reading everything, with ties on time paged without gaps', async () => {
    const db = freshDb();
    const customerId = await customerWithTies(db, 25);
    await mention(db, { handle: 'other', postedAt: '2026-04-01T00:05:00.000Z' });
    const everything = (await getCustomerHistory(db, customerId, { limit: 500 }))?.items ?? [];
    expect(everything.length).toBe(50); // 25 mentions and their 25 'detected' events
    for (const limit of [1, 2, 3, 7, 20, 49, 50]) {
      const first = await getCustomerHistory(db, customerId, { limit });
      expect(first?.items.map((item) => item.id)).toEqual(everything.slice(0, limit).map((item) => item.id));
      const last = everything[limit - 1];
      expect(first?.next).toEqual(limit < everything.length && last ? { at: last.at, id: last.id } : null);
      const paged = [...(first?.items ?? [])];
      let before = first?.next ?? undefined;
      for (let guard = 0; before && guard < 100; guard += 1) {
        const page = await getCustomerHistory(db, customerId, { limit, before });
        paged.push(...(page?.items ?? []));
        before = page?.next ?? undefined;
      }
      expect(paged.map((item) => item.id)).toEqual(everything.map((item) => item.id));
    }
  });

  it('reads the first page of a large customer as one bounded request per table, limit + 1 rows', async () => {
    const db = freshDb();
    const spy = spyOnReads(db);
    const customerId = await customerWithTies(db, 60);
    spy.recording = true;
    const history = await getCustomerHistory(db, customerId, { limit: 20 });
    spy.recording = false;
    expect(history?.items.length).toBe(20);
    const timeline = spy.seen
      .filter((read) => read.table === 'mentions' || read.table === 'events')
      .map(({ table, kind, limit }) => ({ table, kind, limit }));
    expect(timeline).toEqual([
      { table: 'mentions', kind: 'query', limit: 21 },
      { table: 'events', kind: 'query', limit: 21 },
    ]);
  });
});

describe('linking and unlinking identities', () => {
  it('merges the identity’s customer into the target: identities, mentions, cases, events, thanks move', async () => {
    const db = freshDb();
    const alice = await mention(db, { handle: 'alice', postId: 'a1', postedAt: '2026-03-01T10:00:00.000Z' });
    const insta = await recordMention(db, {
      post: makePost({
        platform: 'instagram',
        handle: 'alice_ig',
        postId: 'i1',
        postedAt: '2026-02-01T10:00:00.000Z',
      }),
      classification: classified({ category: 'praise' }),
      isOwnReply: false,
      detectedAt: '2026-02-01T10:00:00.000Z',
    });
    await recordThanks(db, { postKey: 'instagram:i1', at: '2026-02-01T11:00:00.000Z' });
    const target = alice.customerId ?? '';
    const source = insta.customerId ?? '';

    const merged = await linkIdentities(db, 'instagram:alice_ig', target, '2026-03-02T10:00:00.000Z');
    expect(merged).toMatchObject({
      id: target,
      praiseCount: 1,
      complaintCount: 1,
      firstSeenAt: '2026-02-01T10:00:00.000Z',
      lastSeenAt: '2026-03-01T10:00:00.000Z',
    });
    expect(await db.customers.get(source)).toBeUndefined();
    expect((await db.identities.get('instagram:alice_ig'))?.customerId).toBe(target);
    expect((await db.mentions.get('instagram:i1'))?.customerId).toBe(target);
    expect((await db.cases.get(insta.caseId ?? ''))?.customerId).toBe(target);
    expect((await db.thanks.get('instagram:i1'))?.customerId).toBe(target);
    expect(await db.events.filter((event) => event.customerId === source).count()).toBe(0);
    const linked = await db.events.filter((event) => event.type === 'customers-linked').toArray();
    expect(linked).toHaveLength(1);
    expect(linked[0]?.data).toEqual({ mergedCustomerId: source, identityIds: ['instagram:alice_ig'] });

    // New posts from the linked account now land on the merged customer.
    const later = await recordMention(db, {
      post: makePost({ platform: 'instagram', handle: 'alice_ig', postedAt: '2026-03-05T10:00:00.000Z' }),
      classification: classified(),
      isOwnReply: false,
      detectedAt: '2026-03-05T10:00:00.000Z',
    });
    expect(later.customerId).toBe(target);
  });

  it('unlinks an identity into a new customer, moving only the cases that are its alone', async () => {
    const db = freshDb();
    const alice = await mention(db, { handle: 'alice', postId: 'a1', postedAt: '2026-03-01T10:00:00.000Z' });
    const insta = await recordMention(db, {
      post: makePost({
        platform: 'instagram',
        handle: 'not_alice',
        postId: 'i1',
        postedAt: '2026-03-01T11:00:00.000Z',
      }),
      classification: classified({ category: 'praise' }),
      isOwnReply: false,
      detectedAt: '2026-03-01T11:00:00.000Z',
    });
    const target = alice.customerId ?? '';
    await linkIdentities(db, 'instagram:not_alice', target, '2026-03-02T10:00:00.000Z');

    const split = await unlinkIdentity(db, 'instagram:not_alice', '2026-03-03T10:00:00.000Z');
    expect(split.id).not.toBe(target);
    expect(split).toMatchObject({
      praiseCount: 1,
      complaintCount: 0,
      firstSeenAt: '2026-03-01T11:00:00.000Z',
    });
    expect((await db.identities.get('instagram:not_alice'))?.customerId).toBe(split.id);
    expect((await db.mentions.get('instagram:i1'))?.customerId).toBe(split.id);
    const movedCase = await getCase(db, insta.caseId ?? '');
    expect(movedCase?.case.customerId).toBe(split.id);
    expect(movedCase?.events.every((event) => event.customerId === split.id)).toBe(true);
    expect(await db.customers.get(target)).toMatchObject({ praiseCount: 0, complaintCount: 1 });
    expect(await db.events.filter((event) => event.type === 'identity-unlinked').count()).toBe(2);

    await expect(unlinkIdentity(db, 'x:alice')).rejects.toThrow('only identity');
  });

  it('leaves a case that mixes both accounts with the original customer', async () => {
    const db = freshDb();
    const alice = await mention(db, { handle: 'alice', postedAt: '2026-03-01T10:00:00.000Z' });
    const target = alice.customerId ?? '';
    await mention(db, { platform: 'reddit', handle: 'alice_r', postedAt: '2026-02-01T10:00:00.000Z' });
    await linkIdentities(db, 'reddit:alice_r', target, '2026-03-01T10:30:00.000Z');
    // Written while linked: joins alice's open case.
    const mixed = await recordMention(db, {
      post: makePost({ platform: 'reddit', handle: 'alice_r', postedAt: '2026-03-01T11:00:00.000Z' }),
      classification: classified(),
      isOwnReply: false,
      detectedAt: '2026-03-01T11:00:00.000Z',
    });
    expect(mixed.caseId).toBe(alice.caseId);
    const split = await unlinkIdentity(db, 'reddit:alice_r', '2026-03-02T10:00:00.000Z');
    expect((await db.cases.get(alice.caseId ?? ''))?.customerId).toBe(target);
    expect((await db.mentions.get(mixed.mention?.id ?? ''))?.customerId).toBe(target);
    const caseRow = await getCase(db, alice.caseId ?? '');
    expect(caseRow?.case).toEqual(
      deriveCase(caseRow?.case ?? { id: '', customerId: '' }, caseRow?.events ?? []),
    );
    expect(split.id).not.toBe(target);
  });
});
