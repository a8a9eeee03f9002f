import { toTimestamp } from './ids';
import type { DraftRow } from './records';
import type { ParleyDb } from './schema';

/** Reply drafts, one per post being answered, kept across reloads and browser restarts. */

export async function saveDraft(
  db: ParleyDb,
  input: { postKey: string; text: string; templateId?: string | null; updatedAt: string | Date },
): Promise<DraftRow> {
  const draft: DraftRow = {
    postKey: input.postKey,
    text: input.text,
    templateId: input.templateId ?? null,
    updatedAt: toTimestamp(input.updatedAt),
  };
  await db.drafts.put(draft);
  return draft;
}

export async function getDraft(db: ParleyDb, postKey: string): Promise<DraftRow | null> {
  return (await db.drafts.get(postKey)) ?? null;
}

export async function deleteDraft(db: ParleyDb, postKey: string): Promise<void> {
  await db.drafts.delete(postKey);
}
