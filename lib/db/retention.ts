import Dexie, { type Table } from 'dexie';
import { rederiveCase } from './cases';
import { recomputeCustomer } from './customers';
import { toTimestamp } from './ids';
import type { ParleyDb } from './schema';

/**
 * Retention and privacy requests. Purging is irreversible and removes customer text, so each purge
 * runs in one transaction: it removes everything it set out to, or nothing.
 *
 * Age-based purging works case by case: a case goes (with its mentions, events, drafts, thanks and
 * classifier corrections) once its latest activity (its timeline, when its posts were seen, its drafts'
 * edits) is older than the cutoff. Cutting old events out
 * of a live case would silently change its first-response and resolution times, so a case still in
 * use is kept whole. A customer goes once they have no case left and were last seen before the cutoff.
 */

export interface PurgeCounts {
  customers: number;
  identities: number;
  mentions: number;
  cases: number;
  events: number;
  drafts: number;
  corrections: number;
  thanks: number;
}

function emptyCounts(): PurgeCounts {
  return {
    customers: 0,
    identities: 0,
    mentions: 0,
    cases: 0,
    events: 0,
    drafts: 0,
    corrections: 0,
    thanks: 0,
  };
}

function allTables(db: ParleyDb) {
  return [
    db.customers,
    db.identities,
    db.mentions,
    db.cases,
    db.events,
    db.drafts,
    db.corrections,
    db.thanks,
  ] as const;
}

async function deletePostData(db: ParleyDb, postKeys: string[], counts: PurgeCounts): Promise<void> {
  if (postKeys.length === 0) return;
  counts.drafts += await db.drafts.where('postKey').anyOf(postKeys).delete();
  counts.corrections += await db.corrections.where('id').anyOf(postKeys).delete();
  counts.thanks += await db.thanks.where('postKey').anyOf(postKeys).delete();
}

export async function purgeOlderThan(db: ParleyDb, days: number, now: string | Date): Promise<PurgeCounts> {
  if (!Number.isFinite(days) || days < 0)
    throw new RangeError(`Retention must be a non-negative number of days, got ${days}`);
  const cutoff = new Date(Date.parse(toTimestamp(now)) - days * 86_400_000).toISOString();
  const counts = emptyCounts();

  await db.transaction('rw', allTables(db), async () => {
    const staleCases = await staleCasesBefore(db, cutoff);
    const caseIds = staleCases.map((row) => row.id);
    const mentionIds =
      caseIds.length > 0 ? await db.mentions.where('caseId').anyOf(caseIds).primaryKeys() : [];
    if (caseIds.length > 0) {
      counts.events += await db.events.where('caseId').anyOf(caseIds).delete();
      counts.mentions += await db.mentions.where('caseId').anyOf(caseIds).delete();
      counts.cases += await db.cases.where('id').anyOf(caseIds).delete();
    }
    await deletePostData(db, mentionIds, counts);
    counts.events += await db.events
      .where('at')
      .below(cutoff)
      .filter((event) => event.caseId === null)
      .delete();

    const touched = new Set(staleCases.map((row) => row.customerId));
    const dormant = await db.customers.where('lastSeenAt').below(cutoff).primaryKeys();
    for (const customerId of dormant) {
      const remaining = await db.cases
        .where('[customerId+openedAt]')
        .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
        .count();
      if (remaining > 0) continue;
      counts.identities += await db.identities.where('customerId').equals(customerId).delete();
      counts.thanks += await db.thanks.where('customerId').equals(customerId).delete();
      counts.events += await db.events
        .where('[customerId+at]')
        .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
        .delete();
      await db.customers.delete(customerId);
      counts.customers += 1;
      touched.delete(customerId);
    }
    for (const customerId of touched) await recomputeCustomer(db, customerId);

    // Old rows of posts that are no longer (or never were) a recorded mention. A live case keeps its
    // posts' drafts, corrections and thanks however old they are: without its thanks row an old praise
    // post would show as not thanked, and the agent could thank the fan twice.
    counts.drafts += await deleteOrphans(
      db,
      db.drafts,
      await db.drafts.where('updatedAt').below(cutoff).primaryKeys(),
    );
    counts.corrections += await deleteOrphans(
      db,
      db.corrections,
      await db.corrections.where('at').below(cutoff).primaryKeys(),
    );
    counts.thanks += await deleteOrphans(
      db,
      db.thanks,
      await db.thanks.where('at').below(cutoff).primaryKeys(),
    );
  });
  return counts;
}

/**
 * Cases whose latest activity is before the cutoff. A case's updatedAt follows its timeline, where a
 * post sits at the time it was written: an old post found today (a reply to a years-old thread) would
 * look years old and be purged with the agent's draft the day it arrived. So a case also counts as
 * active while any of its posts was seen, or any of its drafts was edited, since the cutoff.
 */
async function staleCasesBefore(db: ParleyDb, cutoff: string) {
  const candidates = await db.cases.where('updatedAt').below(cutoff).toArray();
  if (candidates.length === 0) return candidates;
  const active = new Set<string>();
  const mentions = await db.mentions
    .where('caseId')
    .anyOf(candidates.map((row) => row.id))
    .toArray();
  const postCase = new Map<string, string>();
  for (const mention of mentions) {
    postCase.set(mention.id, mention.caseId);
    if (mention.detectedAt >= cutoff) active.add(mention.caseId);
  }
  const recentDrafts = await db.drafts.where('updatedAt').aboveOrEqual(cutoff).primaryKeys();
  for (const postKey of recentDrafts) {
    const caseId = postCase.get(postKey);
    if (caseId !== undefined) active.add(caseId);
  }
  return candidates.filter((row) => !active.has(row.id));
}

/** Deletes the rows of `table` (keyed by post) among `postKeys` whose post has no mention left. */
async function deleteOrphans(
  db: ParleyDb,
  table: Table<unknown, string>,
  postKeys: string[],
): Promise<number> {
  if (postKeys.length === 0) return 0;
  const mentions = await db.mentions.bulkGet(postKeys);
  const orphans = postKeys.filter((_, index) => mentions[index] === undefined);
  await table.bulkDelete(orphans);
  return orphans.length;
}

/** A customer's privacy request: everything Parley holds about them, on every platform, goes. */
export async function purgeCustomer(db: ParleyDb, customerId: string): Promise<PurgeCounts> {
  const counts = emptyCounts();
  await db.transaction('rw', allTables(db), async () => {
    const everything = [customerId, Dexie.minKey] as const;
    const toEnd = [customerId, Dexie.maxKey] as const;
    const mentionIds = await db.mentions.where('[customerId+at]').between(everything, toEnd).primaryKeys();
    const caseIds = await db.cases.where('[customerId+openedAt]').between(everything, toEnd).primaryKeys();
    const identityIds = await db.identities.where('customerId').equals(customerId).primaryKeys();
    await purgeLeftWithOthers(db, customerId, new Set(identityIds), counts);
    counts.events += await db.events.where('[customerId+at]').between(everything, toEnd).delete();
    if (caseIds.length > 0) counts.events += await db.events.where('caseId').anyOf(caseIds).delete();
    counts.mentions += await db.mentions.where('[customerId+at]').between(everything, toEnd).delete();
    counts.cases += await db.cases.where('[customerId+openedAt]').between(everything, toEnd).delete();
    counts.identities += await db.identities.where('customerId').equals(customerId).delete();
    await deletePostData(db, mentionIds, counts);
    counts.thanks += await db.thanks.where('customerId').equals(customerId).delete();
    if (await db.customers.get(customerId)) {
      await db.customers.delete(customerId);
      counts.customers += 1;
    }
  });
  return counts;
}

/**
 * Unlinking an account (unlinkIdentity) leaves its posts in a conversation it shared with the
 * customer's other accounts, under that customer, and that customer's link history names it. A
 * privacy request for the account's customer must take those too. Where they are by now is not
 * indexed (the other customer may since have been linked into a third), so the tables are searched,
 * and only when one of this customer's accounts was ever unlinked.
 */
async function purgeLeftWithOthers(
  db: ParleyDb,
  customerId: string,
  identityIds: ReadonlySet<string>,
  counts: PurgeCounts,
): Promise<void> {
  const wasUnlinked = await db.events
    .where('[customerId+at]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .filter((event) => event.type === 'identity-unlinked' && identityIds.has(event.data.identityId))
    .count();
  if (wasUnlinked === 0) return;

  const posts = await db.mentions
    .filter((mention) => mention.customerId !== customerId && identityIds.has(mention.identityId))
    .toArray();
  const postIds = new Set(posts.map((mention) => mention.id));
  const cases = new Map(posts.map((mention) => [mention.caseId, mention.customerId]));
  const caseEvents = await db.events
    .where('caseId')
    .anyOf([...cases.keys()])
    .toArray();
  const aboutPosts = caseEvents.filter(
    (event) =>
      ((event.type === 'detected' || event.type === 'recategorized') && postIds.has(event.data.mentionId)) ||
      (event.type === 'thanked' && postIds.has(event.data.postKey)),
  );
  await db.events.bulkDelete(aboutPosts.map((event) => event.id));
  counts.events += aboutPosts.length;
  await db.mentions.bulkDelete([...postIds]);
  counts.mentions += postIds.size;
  await deletePostData(db, [...postIds], counts);
  for (const [caseId, owner] of cases) {
    if ((await db.events.where('caseId').equals(caseId).count()) > 0) await rederiveCase(db, caseId, owner);
    else counts.cases += await db.cases.where('id').equals(caseId).delete();
  }
  for (const owner of new Set(cases.values())) await recomputeCustomer(db, owner);

  const naming = await db.events
    .filter(
      (event) =>
        event.customerId !== customerId &&
        ((event.type === 'identity-unlinked' && identityIds.has(event.data.identityId)) ||
          (event.type === 'customers-linked' && event.data.identityIds.some((id) => identityIds.has(id)))),
    )
    .toArray();
  for (const event of naming) {
    if (event.type === 'customers-linked') {
      const kept = event.data.identityIds.filter((id) => !identityIds.has(id));
      await db.events.put({ ...event, data: { ...event.data, identityIds: kept } });
    } else {
      await db.events.delete(event.id);
      counts.events += 1;
    }
  }
}
