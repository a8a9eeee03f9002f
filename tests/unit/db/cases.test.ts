import { describe, expect, it } from 'vitest';
import {
  addNote,
  escalate,
  getCase,
  hasThanked,
  listQueue,
  moveToPrivate,
  recategorize,
  recordMention,
  recordReply,
  recordThanks,
  setCaseStatus,
} from '../../../lib/db/cases';
import { linkIdentities } from '../../../lib/db/customers';
import { deleteDraft, getDraft, saveDraft } from '../../../lib/db/drafts';
import type { ParleyDb } from '../../../lib/db/schema';
import { caseMetrics, deriveCase } from '../../../lib/db/timeline';
import { classified, freshDb, makePost } from './fixtures';

async function mention(db: ParleyDb, overrides: Parameters<typeof makePost>[0] = {}, detectedAt?: string) {
  const post = makePost(overrides);
  return recordMention(db, {
    post,
    classification: classified(),
    isOwnReply: false,
    detectedAt: detectedAt ?? post.postedAt ?? '2026-03-01T12:00:00.000Z',
  });
}

async function expectCaseMatchesTimeline(db: ParleyDb, caseId: string) {
  const detail = await getCase(db, caseId);
  expect(detail).not.toBeNull();
  if (!detail) return;
  expect(detail.case).toEqual(deriveCase(detail.case, detail.events));
}

describe('recordMention', () => {
  it('creates a customer, identity, open case and detected event for a new post', async () => {
    const db = freshDb();
    const result = await mention(db, { postId: 'a1', handle: '@Alice' });
    expect(result.isNew).toBe(true);
    expect(result.outcome).toBe('created');
    expect(result.mention?.id).toBe('x:a1');

    const identity = await db.identities.get('x:alice');
    expect(identity?.customerId).toBe(result.customerId);
    const detail = await getCase(db, result.caseId ?? '');
    expect(detail?.case).toMatchObject({
      status: 'open',
      firstMentionId: 'x:a1',
      severity: 2,
      category: 'complaint',
    });
    expect(detail?.events.map((event) => event.type)).toEqual(['detected']);
    const customer = await db.customers.get(result.customerId ?? '');
    expect(customer).toMatchObject({ displayName: 'Alice A.', complaintCount: 1, praiseCount: 0 });
  });

  it('follows a renamed author: the customer is named as the account now is, not as it first was', async () => {
    const db = freshDb();
    const first = await mention(db, {
      postId: 'r1',
      handle: 'jdoe',
      author: { handle: 'jdoe', displayName: 'Jane 🎄' },
    });
    await mention(db, {
      postId: 'r2',
      handle: 'jdoe',
      author: { handle: 'jdoe', displayName: 'Jane Doe' },
      postedAt: '2026-03-02T10:00:00.000Z',
    });
    expect((await db.customers.get(first.customerId ?? ''))?.displayName).toBe('Jane Doe');

    // First seen without a name (the handle stood in for it): the name it shows later is used.
    const unnamed = await mention(db, {
      postId: 'r3',
      handle: 'sam',
      author: { handle: 'sam', displayName: null },
    });
    await mention(db, {
      postId: 'r4',
      handle: 'sam',
      author: { handle: 'sam', displayName: 'Sam Lee' },
      postedAt: '2026-03-02T10:00:00.000Z',
    });
    expect((await db.customers.get(unnamed.customerId ?? ''))?.displayName).toBe('Sam Lee');
  });

  it('keeps a customer’s name that came from another of their accounts when one account is renamed', async () => {
    const db = freshDb();
    const x = await mention(db, {
      postId: 'n1',
      handle: 'jdoe',
      author: { handle: 'jdoe', displayName: 'Jane Doe' },
    });
    const reddit = await mention(db, {
      platform: 'reddit',
      postId: 'n2',
      handle: 'jd_reddit',
      author: { handle: 'jd_reddit', displayName: null },
    });
    await linkIdentities(db, 'reddit:jd_reddit', x.customerId ?? '', '2026-03-01T11:00:00.000Z');
    await mention(db, {
      platform: 'reddit',
      postId: 'n3',
      handle: 'jd_reddit',
      author: { handle: 'jd_reddit', displayName: 'throwaway' },
      postedAt: '2026-03-02T10:00:00.000Z',
    });
    expect(reddit.customerId).not.toBe(x.customerId);
    expect((await db.customers.get(x.customerId ?? ''))?.displayName).toBe('Jane Doe');
  });

  it('dedupes by platform and post id: a re-sighting updates edited text and adds no events', async () => {
    const db = freshDb();
    const first = await mention(db, { postId: 'a1', text: 'first version' });
    const again = await mention(db, { postId: 'a1', text: 'first version' });
    const edited = await mention(db, { postId: 'a1', text: 'edited version' });
    expect(again).toMatchObject({ isNew: false, outcome: 'unchanged', caseId: first.caseId });
    expect(edited).toMatchObject({ isNew: false, outcome: 'updated' });
    expect(await db.mentions.count()).toBe(1);
    expect((await db.mentions.get('x:a1'))?.text).toBe('edited version');
    expect(await db.events.count()).toBe(1);

    const otherPlatform = await mention(db, { postId: 'a1', platform: 'bluesky' });
    expect(otherPlatform.isNew).toBe(true);
    expect(await db.mentions.count()).toBe(2);
  });

  it('keeps one customer for one handle, case-insensitively, and one case while it is open', async () => {
    const db = freshDb();
    const a = await mention(db, { handle: 'Alice' });
    const b = await mention(db, { handle: 'ALICE', postedAt: '2026-03-01T11:00:00.000Z' });
    expect(b.customerId).toBe(a.customerId);
    expect(b.caseId).toBe(a.caseId);
    const c = await mention(db, { handle: 'bob' });
    expect(c.customerId).not.toBe(a.customerId);
    expect(await db.customers.count()).toBe(2);
  });

  it('records a brand reply seen in the thread as a reply: first response time, awaiting customer', async () => {
    const db = freshDb();
    const customerPost = await mention(db, { postId: 'c1', postedAt: '2026-03-01T10:00:00.000Z' });
    const own = await recordMention(db, {
      post: makePost({
        postId: 'r1',
        handle: 'BrandCare',
        text: '@alice sorry, we are on it',
        postedAt: '2026-03-01T10:45:00.000Z',
        isReply: true,
        inReplyTo: 'c1',
      }),
      classification: classified({ category: 'neutral', severity: 1 }),
      isOwnReply: true,
      detectedAt: '2026-03-01T11:00:00.000Z',
    });
    expect(own).toMatchObject({
      isNew: true,
      caseId: customerPost.caseId,
      customerId: customerPost.customerId,
    });
    expect(own.mention?.isOwnReply).toBe(true);

    const detail = await getCase(db, customerPost.caseId ?? '');
    expect(detail?.case.status).toBe('awaiting-customer');
    expect(detail?.case.firstResponseAt).toBe('2026-03-01T10:45:00.000Z');
    expect(caseMetrics(detail?.case ?? ({} as never)).firstResponseMs).toBe(45 * 60_000);
    const replied = detail?.events.filter((event) => event.type === 'replied');
    expect(replied).toHaveLength(1);
    expect(replied?.[0]?.data).toMatchObject({
      via: 'seen-in-thread',
      postKey: 'x:c1',
      seenMentionId: 'x:r1',
    });
    // The brand's reply is not the customer's complaint.
    expect((await db.customers.get(customerPost.customerId ?? ''))?.complaintCount).toBe(1);
    await expectCaseMatchesTimeline(db, customerPost.caseId ?? '');
  });

  it('confirms an inserted reply when it appears in the thread instead of logging it twice', async () => {
    const db = freshDb();
    const customerPost = await mention(db, { postId: 'c1' });
    const caseId = customerPost.caseId ?? '';
    await recordReply(db, {
      caseId,
      text: 'So sorry Alice, we are checking your order now.',
      postKey: 'x:c1',
      at: '2026-03-01T10:20:00.000Z',
      via: 'inserted',
    });
    await recordMention(db, {
      post: makePost({
        postId: 'r1',
        handle: 'brandcare',
        text: '@alice So sorry Alice, we are checking your order now.',
        postedAt: '2026-03-01T10:21:00.000Z',
        inReplyTo: 'c1',
        isReply: true,
      }),
      classification: classified({ category: 'neutral' }),
      isOwnReply: true,
      detectedAt: '2026-03-01T10:22:00.000Z',
    });
    const detail = await getCase(db, caseId);
    const replied = detail?.events.filter((event) => event.type === 'replied') ?? [];
    expect(replied).toHaveLength(1);
    expect(replied[0]?.data).toMatchObject({ via: 'inserted', seenMentionId: 'x:r1' });
    expect(detail?.case.firstResponseAt).toBe('2026-03-01T10:20:00.000Z');
    expect(detail?.events.filter((event) => event.type === 'status-changed')).toHaveLength(1);
  });

  it('stores nothing for a brand post whose parent is unknown', async () => {
    const db = freshDb();
    const result = await recordMention(db, {
      post: makePost({ postId: 'r9', handle: 'brandcare', inReplyTo: 'nobody-knows', isReply: true }),
      classification: classified(),
      isOwnReply: true,
      detectedAt: '2026-03-01T10:00:00.000Z',
    });
    expect(result).toMatchObject({
      outcome: 'own-reply-unmatched',
      mention: null,
      postKey: 'x:r9',
      isNew: false,
    });
    expect(await db.mentions.count()).toBe(0);
  });

  it('a brand reply to a handle (no post id on the page) lands on that customer’s latest case', async () => {
    const db = freshDb();
    const customerPost = await mention(db, { handle: 'alice' });
    const own = await recordMention(db, {
      post: makePost({
        handle: 'brandcare',
        inReplyTo: 'Alice',
        isReply: true,
        postedAt: '2026-03-01T11:00:00.000Z',
      }),
      classification: classified(),
      isOwnReply: true,
      detectedAt: '2026-03-01T11:00:00.000Z',
    });
    expect(own.caseId).toBe(customerPost.caseId);
  });

  it('returns an awaiting case to the agent when the customer writes again', async () => {
    const db = freshDb();
    const first = await mention(db, { postedAt: '2026-03-01T10:00:00.000Z' });
    await recordReply(db, {
      caseId: first.caseId ?? '',
      text: 'hi',
      postKey: null,
      at: '2026-03-01T10:10:00.000Z',
      via: 'marked-sent',
    });
    await mention(db, { postedAt: '2026-03-01T11:00:00.000Z' });
    const detail = await getCase(db, first.caseId ?? '');
    expect(detail?.case.status).toBe('open');
    expect(detail?.events.at(-1)).toMatchObject({
      type: 'status-changed',
      data: { from: 'awaiting-customer', to: 'open', reason: 'customer-wrote' },
    });
    await expectCaseMatchesTimeline(db, first.caseId ?? '');
  });

  it('reopens a recently resolved case on a new mention, and opens a new case after the window', async () => {
    const db = freshDb();
    const first = await mention(db, { postedAt: '2026-03-01T10:00:00.000Z' });
    const caseId = first.caseId ?? '';
    await setCaseStatus(db, { caseId, status: 'resolved', at: '2026-03-01T12:00:00.000Z' });
    expect(caseMetrics((await db.cases.get(caseId)) ?? ({} as never)).resolutionMs).toBe(2 * 3_600_000);

    const soon = await mention(db, { postedAt: '2026-03-03T09:00:00.000Z' });
    expect(soon.caseId).toBe(caseId);
    const reopened = await db.cases.get(caseId);
    expect(reopened).toMatchObject({ status: 'open', reopenedCount: 1, resolvedAt: null });

    await setCaseStatus(db, { caseId, status: 'resolved', at: '2026-03-03T10:00:00.000Z' });
    const muchLater = await mention(db, { postedAt: '2026-05-01T09:00:00.000Z' });
    expect(muchLater.caseId).not.toBe(caseId);
    expect((await db.cases.get(caseId))?.status).toBe('resolved');
    expect((await db.cases.get(muchLater.caseId ?? ''))?.status).toBe('open');
    await expectCaseMatchesTimeline(db, caseId);
  });

  it('does not reopen a resolved case for an older post detected late', async () => {
    const db = freshDb();
    const first = await mention(db, { postedAt: '2026-03-01T10:00:00.000Z' });
    const caseId = first.caseId ?? '';
    await setCaseStatus(db, { caseId, status: 'resolved', at: '2026-03-01T12:00:00.000Z' });
    const late = await mention(db, { postedAt: '2026-03-01T11:00:00.000Z' }, '2026-03-02T08:00:00.000Z');
    expect(late.caseId).toBe(caseId);
    expect((await db.cases.get(caseId))?.status).toBe('resolved');
  });

  it('places posts without a time at their detection time and normalizes offsets to UTC', async () => {
    const db = freshDb();
    const undated = await mention(db, { postedAt: null }, '2026-03-05T08:00:00.000Z');
    expect(undated.mention).toMatchObject({ postedAt: null, at: '2026-03-05T08:00:00.000Z' });
    const offset = await mention(db, { handle: 'zed', postedAt: '2026-03-05T10:00:00+02:00' });
    expect(offset.mention?.postedAt).toBe('2026-03-05T08:00:00.000Z');
  });

  it('does not believe a post dated after it was seen: it sits at its detection time', async () => {
    const db = freshDb();
    const future = await mention(db, { postedAt: '2999-01-01T00:00:00.000Z' }, '2026-03-05T08:00:00.000Z');
    expect(future.mention).toMatchObject({
      postedAt: '2026-03-05T08:00:00.000Z',
      at: '2026-03-05T08:00:00.000Z',
    });
    expect((await db.cases.get(future.caseId ?? ''))?.updatedAt).toBe('2026-03-05T08:00:00.000Z');
  });

  it('is all-or-nothing: a failure while writing the event leaves no customer, mention or case', async () => {
    const db = freshDb();
    db.events.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(mention(db)).rejects.toThrow('disk full');
    expect(await db.customers.count()).toBe(0);
    expect(await db.identities.count()).toBe(0);
    expect(await db.mentions.count()).toBe(0);
    expect(await db.cases.count()).toBe(0);
  });
});

describe('agent actions on a case', () => {
  it('adds notes, escalations and private-channel moves to the timeline', async () => {
    const db = freshDb();
    const { caseId } = await mention(db);
    const id = caseId ?? '';
    await addNote(db, { caseId: id, text: 'Called the depot', at: '2026-03-01T10:30:00.000Z' });
    await moveToPrivate(db, { caseId: id, channel: 'direct-message', at: '2026-03-01T10:31:00.000Z' });
    await escalate(db, {
      caseId: id,
      to: 'logistics',
      reason: 'lost parcel',
      at: '2026-03-01T10:32:00.000Z',
    });
    const detail = await getCase(db, id);
    expect(detail?.events.map((event) => event.type)).toEqual([
      'detected',
      'note',
      'moved-to-private',
      'escalated',
    ]);
    expect(detail?.case.updatedAt).toBe('2026-03-01T10:32:00.000Z');
    await expect(
      addNote(db, { caseId: 'missing', text: 'x', at: '2026-03-01T10:00:00.000Z' }),
    ).rejects.toThrow('Case not found');
  });

  it('changes status only when it differs', async () => {
    const db = freshDb();
    const { caseId } = await mention(db);
    const same = await setCaseStatus(db, {
      caseId: caseId ?? '',
      status: 'open',
      at: '2026-03-01T11:00:00.000Z',
    });
    expect(same.event).toBeNull();
    const resolved = await setCaseStatus(db, {
      caseId: caseId ?? '',
      status: 'resolved',
      at: '2026-03-01T11:00:00.000Z',
    });
    expect(resolved.event?.type).toBe('status-changed');
    expect(resolved.case).toMatchObject({ status: 'resolved', resolvedAt: '2026-03-01T11:00:00.000Z' });
  });

  it('recategorizes a mention: event, correction row, customer counts and case category follow', async () => {
    const db = freshDb();
    const { caseId, customerId } = await mention(db, { postId: 'm1', text: 'thanks, you rock' });
    const change = await recategorize(db, {
      mentionId: 'x:m1',
      category: 'praise',
      at: '2026-03-01T11:00:00.000Z',
    });
    expect(change.event?.type).toBe('recategorized');
    expect(change.case.category).toBe('praise');
    expect(await db.corrections.get('x:m1')).toEqual({
      id: 'x:m1',
      text: 'thanks, you rock',
      category: 'praise',
      previousCategory: 'complaint',
      at: '2026-03-01T11:00:00.000Z',
    });
    expect(await db.customers.get(customerId ?? '')).toMatchObject({ praiseCount: 1, complaintCount: 0 });
    await recategorize(db, { mentionId: 'x:m1', category: 'question', at: '2026-03-01T12:00:00.000Z' });
    expect((await db.corrections.get('x:m1'))?.previousCategory).toBe('complaint');
    expect(await db.corrections.count()).toBe(1);
    await expectCaseMatchesTimeline(db, caseId ?? '');
  });

  it('re-rates a recategorized post, and the case is routed by its new rating', async () => {
    const db = freshDb();
    const { caseId } = await recordMention(db, {
      post: makePost({ postId: 'q1', text: 'where is my order? it is three weeks late' }),
      classification: classified({ category: 'question', severity: 1 }),
      isOwnReply: false,
      detectedAt: '2026-03-01T12:00:00.000Z',
    });
    const rated: string[] = [];
    const rate = (mention: { text: string }, category: string) => {
      rated.push(`${mention.text}: ${category}`);
      return category === 'crisis' ? 4 : category === 'complaint' ? 2 : 1;
    };
    const asComplaint = await recategorize(db, {
      mentionId: 'x:q1',
      category: 'complaint',
      at: '2026-03-01T12:05:00.000Z',
      rate,
    });
    expect(rated).toEqual(['where is my order? it is three weeks late: complaint']);
    expect(asComplaint.case.severity).toBe(2);
    expect((await db.mentions.get('x:q1'))?.severity).toBe(2);
    expect(asComplaint.event?.data).toMatchObject({ from: 'question', to: 'complaint', severity: 2 });

    // A false alarm taken back down: the case no longer carries the higher rating.
    await recategorize(db, { mentionId: 'x:q1', category: 'crisis', at: '2026-03-01T12:06:00.000Z', rate });
    expect((await getCase(db, caseId ?? ''))?.case.severity).toBe(4);
    await recategorize(db, { mentionId: 'x:q1', category: 'question', at: '2026-03-01T12:07:00.000Z', rate });
    expect((await getCase(db, caseId ?? ''))?.case.severity).toBe(1);
    await expectCaseMatchesTimeline(db, caseId ?? '');
  });

  it('keeps the rating of a post recategorized without one (events recorded before ratings followed)', () => {
    const base = { caseId: 'c1', customerId: 'u1' };
    const derived = deriveCase({ id: 'c1', customerId: 'u1' }, [
      {
        ...base,
        id: 'ev-1',
        at: '2026-03-01T12:00:00.000Z',
        type: 'detected',
        data: {
          mentionId: 'x:1',
          detectedAt: '2026-03-01T12:00:00.000Z',
          category: 'complaint',
          severity: 3,
        },
      },
      {
        ...base,
        id: 'ev-2',
        at: '2026-03-01T12:01:00.000Z',
        type: 'recategorized',
        data: { mentionId: 'x:1', from: 'complaint', to: 'question' },
      },
    ]);
    expect(derived).toMatchObject({ severity: 3, category: 'question' });
  });

  it('keeps a thanks ledger: the same post is never thanked twice', async () => {
    const db = freshDb();
    const { caseId } = await mention(db, { postId: 'm1' });
    expect(await recordThanks(db, { postKey: 'x:m1', at: '2026-03-01T11:00:00.000Z' })).toBe(true);
    expect(await recordThanks(db, { postKey: 'x:m1', at: '2026-03-01T12:00:00.000Z' })).toBe(false);
    expect(await hasThanked(db, 'x:m1')).toBe(true);
    const thanked = (await getCase(db, caseId ?? ''))?.events.filter((event) => event.type === 'thanked');
    expect(thanked).toHaveLength(1);
    await expect(
      recordThanks(db, { postKey: 'x:unknown', at: '2026-03-01T11:00:00.000Z' }),
    ).rejects.toThrow();
    expect(await db.thanks.count()).toBe(1);
  });

  it('lists the queue: open cases only, most severe first, then oldest, with their first mention', async () => {
    const db = freshDb();
    const low = await mention(db, { handle: 'low', postedAt: '2026-03-01T08:00:00.000Z' });
    const urgentNew = await recordMention(db, {
      post: makePost({ handle: 'urgent-new', postedAt: '2026-03-01T09:30:00.000Z' }),
      classification: classified({ severity: 4 }),
      isOwnReply: false,
      detectedAt: '2026-03-01T09:30:00.000Z',
    });
    const urgentOld = await recordMention(db, {
      post: makePost({ handle: 'urgent-old', postedAt: '2026-03-01T09:00:00.000Z' }),
      classification: classified({ severity: 4 }),
      isOwnReply: false,
      detectedAt: '2026-03-01T09:00:00.000Z',
    });
    const done = await mention(db, { handle: 'done' });
    await setCaseStatus(db, {
      caseId: done.caseId ?? '',
      status: 'resolved',
      at: '2026-03-01T10:30:00.000Z',
    });

    const queue = await listQueue(db, { now: '2026-03-01T10:00:00.000Z' });
    expect(queue.map((item) => item.case.id)).toEqual([urgentOld.caseId, urgentNew.caseId, low.caseId]);
    expect(queue[0]?.firstMention?.id).toBe(urgentOld.mention?.id);
    expect(queue[0]?.customer?.id).toBe(urgentOld.customerId);
    expect(queue[0]?.waitingMs).toBe(3_600_000);
    expect(await listQueue(db, { now: '2026-03-01T10:00:00.000Z', limit: 1 })).toHaveLength(1);
  });
});

describe('drafts', () => {
  it('saves, reads back and deletes a draft per post', async () => {
    const db = freshDb();
    await saveDraft(db, { postKey: 'x:1', text: 'Hello', updatedAt: '2026-03-01T10:00:00.000Z' });
    await saveDraft(db, {
      postKey: 'x:1',
      text: 'Hello there',
      templateId: 'apology',
      updatedAt: '2026-03-01T10:01:00.000Z',
    });
    expect(await getDraft(db, 'x:1')).toEqual({
      postKey: 'x:1',
      text: 'Hello there',
      templateId: 'apology',
      updatedAt: '2026-03-01T10:01:00.000Z',
    });
    await deleteDraft(db, 'x:1');
    expect(await getDraft(db, 'x:1')).toBeNull();
  });

  it('survives closing and reopening the database', async () => {
    const { IDBFactory, IDBKeyRange } = await import('fake-indexeddb');
    const { ParleyDb } = await import('../../../lib/db/schema');
    const factory = new IDBFactory();
    const first = new ParleyDb('drafts', { indexedDB: factory, IDBKeyRange });
    await saveDraft(first, { postKey: 'x:1', text: 'kept', updatedAt: '2026-03-01T10:00:00.000Z' });
    first.close();
    const second = new ParleyDb('drafts', { indexedDB: factory, IDBKeyRange });
    expect((await getDraft(second, 'x:1'))?.text).toBe('kept');
  });
});
