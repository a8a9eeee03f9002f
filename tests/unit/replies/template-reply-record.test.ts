import { describe, expect, it } from 'vitest';
import { runSidebarMutation } from '../../../lib/background/sidebar-api';
import { getCase, recordMention } from '../../../lib/db/cases';
import { getDraft, saveDraft } from '../../../lib/db/drafts';
import type { EventOf } from '../../../lib/db/records';
import type { ParleyDb } from '../../../lib/db/schema';
import { markReplySent, recordInsertedReply } from '../../../lib/replies/record';
import { classified, freshDb, makePost } from '../db/fixtures';

/** Recording the sidebar's reply on the case: one reply, one event, and the response clock stops. */

async function customerMention(db: ParleyDb) {
  const post = makePost({ handle: 'janed', text: '@acme my order is late' });
  const result = await recordMention(db, {
    post,
    classification: classified(),
    isOwnReply: false,
    detectedAt: '2026-03-01T10:00:00.000Z',
  });
  if (!result.caseId) throw new Error('no case');
  return { caseId: result.caseId, postKey: result.postKey, post };
}

async function replies(db: ParleyDb, caseId: string) {
  const detail = await getCase(db, caseId);
  return (detail?.events ?? []).filter((event): event is EventOf<'replied'> => event.type === 'replied');
}

describe('recording the sidebar reply', () => {
  it('records a verified insert once, stops the clock, and a re-insert after edits updates the same event', async () => {
    const db = freshDb();
    const { caseId, postKey } = await customerMention(db);
    await recordInsertedReply(db, {
      caseId,
      postKey,
      text: 'Sorry Jane – Sam',
      at: '2026-03-01T10:05:00.000Z',
    });
    await recordInsertedReply(db, {
      caseId,
      postKey,
      text: 'So sorry Jane, DM me? – Sam',
      at: '2026-03-01T10:07:00.000Z',
    });
    const events = await replies(db, caseId);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ via: 'inserted', text: 'So sorry Jane, DM me? – Sam', postKey });
    const detail = await getCase(db, caseId);
    expect(detail?.case.firstResponseAt).toBe('2026-03-01T10:05:00.000Z');
    expect(detail?.case.status).toBe('awaiting-customer');
  });

  it('mark sent confirms the pending insert instead of adding a second reply, and drops the draft', async () => {
    const db = freshDb();
    const { caseId, postKey } = await customerMention(db);
    await saveDraft(db, { postKey, text: 'Sorry Jane – Sam', updatedAt: '2026-03-01T10:04:00.000Z' });
    await recordInsertedReply(db, {
      caseId,
      postKey,
      text: 'Sorry Jane – Sam',
      at: '2026-03-01T10:05:00.000Z',
    });
    expect(
      await markReplySent(db, { caseId, postKey, text: 'Sorry Jane – Sam', at: '2026-03-01T10:09:00.000Z' }),
    ).toEqual({ recorded: true });
    const events = await replies(db, caseId);
    expect(events.map((event) => event.data.via)).toEqual(['marked-sent']);
    expect(events[0]?.at).toBe('2026-03-01T10:05:00.000Z');
    expect(await getDraft(db, postKey)).toBeNull();
  });

  it('mark sent without an insert records the reply via marked-sent; the same text twice is one reply', async () => {
    const db = freshDb();
    const { caseId, postKey } = await customerMention(db);
    await markReplySent(db, { caseId, postKey, text: 'Hi Jane – Sam', at: '2026-03-01T10:30:00.000Z' });
    expect(
      await markReplySent(db, { caseId, postKey, text: ' hi  jane – Sam', at: '2026-03-01T10:31:00.000Z' }),
    ).toEqual({ recorded: false });
    const events = await replies(db, caseId);
    expect(events).toHaveLength(1);
    expect(events[0]?.data.via).toBe('marked-sent');
    expect((await getCase(db, caseId))?.case.firstResponseAt).toBe('2026-03-01T10:30:00.000Z');
  });

  it('a reply already seen in the thread is not recorded again by mark sent', async () => {
    const db = freshDb();
    const { caseId, postKey, post } = await customerMention(db);
    await recordInsertedReply(db, {
      caseId,
      postKey,
      text: 'Sorry Jane – Sam',
      at: '2026-03-01T10:05:00.000Z',
    });
    await recordMention(db, {
      post: makePost({ handle: 'acme', text: '@janed Sorry Jane – Sam', inReplyTo: post.postId }),
      classification: classified({ category: 'neutral' }),
      isOwnReply: true,
      detectedAt: '2026-03-01T10:06:00.000Z',
    });
    await markReplySent(db, { caseId, postKey, text: 'Sorry Jane – Sam', at: '2026-03-01T10:08:00.000Z' });
    const events = await replies(db, caseId);
    expect(events).toHaveLength(1);
    expect(events[0]?.data.seenMentionId).not.toBeNull();
  });

  it('drops the draft once the inserted reply is seen in the thread, but keeps a new one', async () => {
    const db = freshDb();
    const { caseId, postKey, post } = await customerMention(db);
    const inserted = 'Sorry Jane, a new kettle ships today – Sam';
    await saveDraft(db, { postKey, text: inserted, updatedAt: '2026-03-01T10:04:00.000Z' });
    await recordInsertedReply(db, { caseId, postKey, text: inserted, at: '2026-03-01T10:05:00.000Z' });
    // Sent on the site: the page shows the brand's reply, with the site's @handle in front.
    await recordMention(db, {
      post: makePost({ handle: 'acme', text: `@janed ${inserted}`, inReplyTo: post.postId }),
      classification: classified({ category: 'neutral' }),
      isOwnReply: true,
      detectedAt: '2026-03-01T10:06:00.000Z',
    });
    expect(await getDraft(db, postKey)).toBeNull();

    // The agent's next message to the same post, inserted but not sent yet: its draft stays.
    const second = await customerMention(db);
    const followUp = 'Jane, the tracking link is in your DMs – Sam';
    await saveDraft(db, { postKey: second.postKey, text: followUp, updatedAt: '2026-03-01T11:00:00.000Z' });
    await recordInsertedReply(db, {
      caseId: second.caseId,
      postKey: second.postKey,
      text: 'Jane, sorry again – Sam',
      at: '2026-03-01T11:01:00.000Z',
    });
    await recordMention(db, {
      post: makePost({
        handle: 'acme',
        text: '@janed Jane, sorry again – Sam',
        inReplyTo: second.post.postId,
      }),
      classification: classified({ category: 'neutral' }),
      isOwnReply: true,
      detectedAt: '2026-03-01T11:02:00.000Z',
    });
    expect((await getDraft(db, second.postKey))?.text).toBe(followUp);
  });

  it('a short reply seen in the thread does not take a longer draft that starts the same way', async () => {
    const db = freshDb();
    const { caseId, postKey, post } = await customerMention(db);
    await recordInsertedReply(db, { caseId, postKey, text: 'Hi Jane', at: '2026-03-01T10:03:00.000Z' });
    // The agent goes on to write the next message in the same box before the first is seen sent.
    const next = 'Hi Jane, one more thing: the replacement ships from our Leeds warehouse tomorrow – Sam';
    await saveDraft(db, { postKey, text: next, updatedAt: '2026-03-01T10:04:00.000Z' });
    await recordMention(db, {
      post: makePost({ handle: 'acme', text: '@janed Hi Jane', inReplyTo: post.postId }),
      classification: classified({ category: 'neutral' }),
      isOwnReply: true,
      detectedAt: '2026-03-01T10:06:00.000Z',
    });
    expect((await getDraft(db, postKey))?.text).toBe(next);

    // A long reply the site shows cut short ("See more") is still the draft's, which goes.
    const other = await customerMention(db);
    const long = `${'Sorry Jane, we have checked with the courier and the parcel is on its way back to us. '.repeat(3)}– Sam`;
    await saveDraft(db, { postKey: other.postKey, text: long, updatedAt: '2026-03-01T11:00:00.000Z' });
    await recordInsertedReply(db, {
      caseId: other.caseId,
      postKey: other.postKey,
      text: long,
      at: '2026-03-01T11:01:00.000Z',
    });
    await recordMention(db, {
      post: makePost({ handle: 'acme', text: `@janed ${long.slice(0, 120)}…`, inReplyTo: other.post.postId }),
      classification: classified({ category: 'neutral' }),
      isOwnReply: true,
      detectedAt: '2026-03-01T11:02:00.000Z',
    });
    expect(await getDraft(db, other.postKey)).toBeNull();
  });

  it('is reachable from the sidebar as named changes with checked arguments', async () => {
    const db = freshDb();
    const { caseId, postKey } = await customerMention(db);
    await runSidebarMutation(db, 'record-inserted-reply', { caseId, postKey, text: 'Sorry Jane – Sam' });
    await runSidebarMutation(db, 'mark-sent', { caseId, postKey, text: 'Sorry Jane – Sam' });
    expect((await replies(db, caseId)).map((event) => event.data.via)).toEqual(['marked-sent']);
    await expect(runSidebarMutation(db, 'mark-sent', { caseId, postKey, text: '   ' })).rejects.toThrow(
      /^That was not saved: /,
    );
  });
});
