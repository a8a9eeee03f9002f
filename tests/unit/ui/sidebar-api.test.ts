import { describe, expect, it } from 'vitest';
import {
  changedBy,
  type MentionDetail,
  type QueueRow,
  runSidebarMutation,
  runSidebarQuery,
} from '../../../lib/background/sidebar-api';
import { type Classification, recordMention } from '../../../lib/db/cases';
import type { CustomerHistory } from '../../../lib/db/customers';
import type { ParleyDb } from '../../../lib/db/schema';
import type { Platform } from '../../../lib/domain/types';
import { freshDb } from '../db/fixtures';

let counter = 0;
async function post(
  db: ParleyDb,
  input: {
    platform?: Platform;
    handle: string;
    name?: string;
    at: string;
    classification?: Partial<Classification>;
  },
) {
  counter += 1;
  return recordMention(db, {
    post: {
      platform: input.platform ?? 'x',
      postId: `p${counter}`,
      permalink: null,
      author: { handle: input.handle, displayName: input.name ?? input.handle },
      text: `post ${counter}`,
      postedAt: input.at,
      postedAtEstimated: false,
      isReply: false,
      inReplyTo: null,
    },
    classification: {
      category: 'complaint',
      severity: 2,
      sentiment: 0,
      reasons: [],
      ...input.classification,
    },
    isOwnReply: false,
    detectedAt: input.at,
  });
}

describe('sidebar queries', () => {
  it('returns the page’s mentions and open cases from elsewhere, without duplicates', async () => {
    const db = freshDb();
    const onPage = await post(db, { handle: 'jane', at: '2026-11-23T10:00:00.000Z' });
    const elsewhere = await post(db, {
      platform: 'reddit',
      handle: 'tim',
      at: '2026-11-23T09:00:00.000Z',
      classification: { severity: 3 },
    });
    const result = (await runSidebarQuery(db, 'queue', { pageKeys: [onPage.postKey, 'x:unknown'] })) as {
      page: QueueRow[];
      elsewhere: QueueRow[];
    };
    expect(result.page.map((row) => row.mention.id)).toEqual([onPage.postKey]);
    expect(result.page[0]?.caseRow?.status).toBe('open');
    expect(result.page[0]?.customer?.displayName).toBe('jane');
    expect(result.elsewhere.map((row) => row.mention.id)).toEqual([elsewhere.postKey]);

    await runSidebarMutation(db, 'set-case-status', { caseId: elsewhere.caseId, status: 'resolved' });
    const after = (await runSidebarQuery(db, 'queue', { pageKeys: [] })) as { elsewhere: QueueRow[] };
    expect(after.elsewhere.map((row) => row.mention.id)).toEqual([onPage.postKey]);
  });

  it('details a mention with its author’s history counts and the thanks ledger', async () => {
    const db = freshDb();
    await post(db, { handle: 'sam', at: '2026-10-01T10:00:00.000Z' });
    const praise = await post(db, {
      handle: 'sam',
      at: '2026-11-23T10:00:00.000Z',
      classification: { category: 'praise', severity: 1 },
    });
    const before = (await runSidebarQuery(db, 'mention-detail', {
      postKey: praise.postKey,
    })) as MentionDetail;
    expect(before.thanked).toBe(false);
    expect(before.counts.mentionCount).toBe(2);
    expect(before.identities.map((identity) => identity.id)).toEqual(['x:sam']);

    expect(await runSidebarMutation(db, 'record-thanks', { postKey: praise.postKey })).toBe(true);
    expect(await runSidebarMutation(db, 'record-thanks', { postKey: praise.postKey })).toBe(false);
    const after = (await runSidebarQuery(db, 'mention-detail', { postKey: praise.postKey })) as MentionDetail;
    expect(after.thanked).toBe(true);
    expect(await runSidebarQuery(db, 'mention-detail', { postKey: 'x:none' })).toBeNull();
  });

  it('opens a mention with its detail and the first history page in one answer, as the two queries give them', async () => {
    const db = freshDb();
    for (let day = 1; day <= 9; day += 1)
      await post(db, { handle: 'lee', at: `2026-11-0${day}T10:00:00.000Z` });
    const latest = await post(db, { handle: 'lee', at: '2026-11-23T10:00:00.000Z' });
    await runSidebarMutation(db, 'add-note', { caseId: latest.caseId, text: 'called back' });
    // Fewer rows than the customer has (the count is read apart), and more (the count comes from them).
    for (const historyLimit of [4, 50]) {
      const both = (await runSidebarQuery(db, 'mention-with-history', {
        postKey: latest.postKey,
        historyLimit,
      })) as { detail: MentionDetail; history: CustomerHistory };
      expect(both.detail).toEqual(await runSidebarQuery(db, 'mention-detail', { postKey: latest.postKey }));
      expect(both.detail.counts.mentionCount).toBe(10);
      expect(both.history).toEqual(
        await runSidebarQuery(db, 'customer-history', { customerId: latest.customerId, limit: historyLimit }),
      );
      expect(both.history.items).toHaveLength(historyLimit === 4 ? 4 : 21);
      expect(both.history.next === null).toBe(historyLimit === 50);
    }
    expect(
      await runSidebarQuery(db, 'mention-with-history', { postKey: 'x:none', historyLimit: 4 }),
    ).toBeNull();
    await expect(
      runSidebarQuery(db, 'mention-with-history', { postKey: latest.postKey, historyLimit: 0 }),
    ).rejects.toThrow(/^That could not be read: /);
  });

  it('counts the customer’s own mentions, not the brand’s replies in their cases', async () => {
    const db = freshDb();
    await post(db, { handle: 'kim', at: '2026-11-20T10:00:00.000Z' });
    const latest = await post(db, { handle: 'kim', at: '2026-11-21T10:00:00.000Z' });
    const reply = await recordMention(db, {
      post: {
        platform: 'x',
        postId: 'brand-reply-1',
        permalink: null,
        author: { handle: 'acme', displayName: 'Acme' },
        text: '@kim sorry, sending a DM',
        postedAt: '2026-11-21T11:00:00.000Z',
        postedAtEstimated: false,
        isReply: true,
        inReplyTo: latest.postKey.slice('x:'.length),
      },
      classification: { category: 'neutral', severity: 1, sentiment: 0, reasons: [] },
      isOwnReply: true,
      detectedAt: '2026-11-21T11:00:00.000Z',
    });
    expect(reply.customerId).toBe(latest.customerId);
    const detail = (await runSidebarQuery(db, 'mention-detail', {
      postKey: latest.postKey,
    })) as MentionDetail;
    expect(detail.counts.mentionCount).toBe(2);
  });

  it('finds customers by handle or name and links their identities into one history', async () => {
    const db = freshDb();
    const onX = await post(db, { handle: 'janedoe', name: 'Jane Doe', at: '2026-11-20T10:00:00.000Z' });
    const onFacebook = await post(db, {
      platform: 'facebook',
      handle: 'jane.doe.77',
      name: 'Jane Doe',
      at: '2026-11-22T10:00:00.000Z',
    });
    const byHandle = (await runSidebarQuery(db, 'customer-search', {
      query: '@JaneD',
      excludeCustomerId: onFacebook.customerId,
    })) as Array<{ customer: { id: string } }>;
    expect(byHandle.map((hit) => hit.customer.id)).toEqual([onX.customerId]);
    const byName = (await runSidebarQuery(db, 'customer-search', { query: 'jane doe' })) as unknown[];
    expect(byName).toHaveLength(2);

    await runSidebarMutation(db, 'link-identity', {
      identityId: 'facebook:jane.doe.77',
      targetCustomerId: onX.customerId,
    });
    const history = (await runSidebarQuery(db, 'customer-history', {
      customerId: onX.customerId,
    })) as CustomerHistory;
    const mentionIds = history.items.flatMap((item) => (item.kind === 'mention' ? [item.mention.id] : []));
    expect(mentionIds).toEqual([onFacebook.postKey, onX.postKey]);
    expect(history.identities.map((identity) => identity.platform).sort()).toEqual(['facebook', 'x']);
  });

  it('records the handoff and escalation on the case timeline', async () => {
    const db = freshDb();
    const found = await post(db, { handle: 'amy', at: '2026-11-23T10:00:00.000Z' });
    await runSidebarMutation(db, 'move-to-private', { caseId: found.caseId, channel: 'email' });
    await runSidebarMutation(db, 'escalate', { caseId: found.caseId, to: 'Priya Shah', reason: 'refund' });
    const events = await db.events
      .where('caseId')
      .equals(found.caseId ?? '')
      .toArray();
    expect(events.map((event) => event.type).sort()).toEqual(['detected', 'escalated', 'moved-to-private']);
  });

  it('counts crisis mentions and today’s detections for the banner and the popup', async () => {
    const db = freshDb();
    await post(db, { handle: 'a', at: '2026-11-23T11:30:00.000Z', classification: { category: 'crisis' } });
    await post(db, { handle: 'b', at: '2026-11-23T09:00:00.000Z', classification: { category: 'crisis' } });
    await post(db, { handle: 'c', at: '2026-11-22T09:00:00.000Z' });
    expect(await runSidebarQuery(db, 'crisis-times', { since: '2026-11-23T11:00:00.000Z' })).toEqual([
      '2026-11-23T11:30:00.000Z',
    ]);
    const overview = (await runSidebarQuery(db, 'overview', { since: '2026-11-23T00:00:00.000Z' })) as {
      mentionsToday: number;
      openCases: Array<{ platform: string }>;
    };
    expect(overview.mentionsToday).toBe(2);
    expect(overview.openCases).toHaveLength(3);
    expect(overview.openCases[0]?.platform).toBe('x');
  });

  it('purges one customer on request', async () => {
    const db = freshDb();
    const gone = await post(db, { handle: 'forgetme', at: '2026-11-23T10:00:00.000Z' });
    await post(db, { handle: 'stays', at: '2026-11-23T10:00:00.000Z' });
    await runSidebarMutation(db, 'purge-customer', { customerId: gone.customerId });
    expect(await db.customers.count()).toBe(1);
    expect(await db.mentions.get(gone.postKey)).toBeUndefined();
  });

  it('rejects unknown operations and bad arguments before touching the database', async () => {
    const db = freshDb();
    await expect(runSidebarQuery(db, 'drop-everything', {})).rejects.toThrow('Unknown query');
    await expect(runSidebarMutation(db, 'set-case-status', { caseId: 'c', status: 'gone' })).rejects.toThrow(
      /^That was not saved: /,
    );
    await expect(runSidebarMutation(db, 'purge-older-than', { days: 0 })).rejects.toThrow(
      /^That was not saved: /,
    );
  });
});

describe('the change notice after a mutation', () => {
  it('says "drafts only" for draft saves and deletes, and nothing narrower for anything else', () => {
    expect(changedBy('save-draft')).toEqual({ only: 'drafts' });
    expect(changedBy('delete-draft')).toEqual({ only: 'drafts' });
    // Marking sent drops the draft too, but it also writes the case: every query must re-run.
    expect(changedBy('mark-sent')).toEqual({});
    expect(changedBy('add-note')).toEqual({});
  });
});
