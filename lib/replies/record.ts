import { recordReply, rederiveCase } from '../db/cases';
import { deleteDraft } from '../db/drafts';
import type { EventOf } from '../db/records';
import type { ParleyDb } from '../db/schema';

/**
 * How the sidebar's reply reaches the case history. One reply is one 'replied' event: inserting again
 * after an edit, or inserting and then marking it sent, updates the pending event instead of adding
 * another, so the timeline and the metrics count one reply. The response clock stops at the first
 * insert (the reply was in the box, ready to send) and is never moved later by these updates.
 */

export interface SidebarReply {
  caseId: string;
  postKey: string;
  text: string;
  at: string;
}

/** Sites prepend "@handle " to replies and agents fix whitespace; neither makes it another reply. */
function comparable(text: string): string {
  return text
    .replace(/^(?:@[\p{L}\p{N}_.@-]+\s+)+/u, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
}

async function repliesToPost(db: ParleyDb, reply: SidebarReply) {
  const timeline = await db.events.where('caseId').equals(reply.caseId).toArray();
  const replies = timeline.filter(
    (event): event is EventOf<'replied'> => event.type === 'replied' && event.data.postKey === reply.postKey,
  );
  const pending = replies.findLast(
    (event) => event.data.via === 'inserted' && event.data.seenMentionId === null,
  );
  const sameText = replies.find((event) => comparable(event.data.text) === comparable(reply.text));
  return { pending, sameText };
}

/** After a verified insert into the site's reply box. */
export async function recordInsertedReply(db: ParleyDb, reply: SidebarReply): Promise<{ recorded: boolean }> {
  return db.transaction('rw', [db.cases, db.events], async () => {
    const { pending, sameText } = await repliesToPost(db, reply);
    if (pending) {
      await db.events.put({ ...pending, data: { ...pending.data, text: reply.text } });
      return { recorded: true };
    }
    if (sameText) return { recorded: false };
    await recordReply(db, { ...reply, via: 'inserted' });
    return { recorded: true };
  });
}

/**
 * The agent says the reply was sent. Confirms the pending insert (or records the reply when there was
 * none), and drops the draft either way: this reply is done.
 */
export async function markReplySent(db: ParleyDb, reply: SidebarReply): Promise<{ recorded: boolean }> {
  return db.transaction('rw', [db.cases, db.events, db.drafts], async () => {
    await deleteDraft(db, reply.postKey);
    const { pending, sameText } = await repliesToPost(db, reply);
    if (pending) {
      await db.events.put({ ...pending, data: { ...pending.data, via: 'marked-sent', text: reply.text } });
      await rederiveCase(db, reply.caseId, pending.customerId);
      return { recorded: true };
    }
    if (sameText) return { recorded: false };
    await recordReply(db, { ...reply, via: 'marked-sent' });
    return { recorded: true };
  });
}
