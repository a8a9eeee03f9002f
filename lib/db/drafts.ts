import { toTimestamp } from './ids';
import { type DraftRow, draftRowSchema } from './records';
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
  const stored: unknown = await db.drafts.get(postKey);
  return stored === undefined ? null : readableDraft(stored);
}

export async function deleteDraft(db: ParleyDb, postKey: string): Promise<void> {
  await db.drafts.delete(postKey);
}

const EPOCH = new Date(0).toISOString();

/**
 * A stored draft as a valid DraftRow, or null when it holds no text to give back. Why: a draft row
 * can be damaged or older than the current shape (version 1 wrote no templateId, and the v1 → v2
 * upgrade leaves drafts as they were), and the agent's words must still come back, the sidebar must
 * not break on it, and an export must not carry a row its own import refuses. Reading never rewrites
 * or deletes the stored row: the agent's next save replaces it.
 */
export function readableDraft(stored: unknown): DraftRow | null {
  const parsed = draftRowSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  if (typeof stored !== 'object' || stored === null) return null;
  const row = stored as Partial<Record<keyof DraftRow, unknown>>;
  const repaired = {
    postKey: row.postKey,
    text: row.text,
    templateId: draftRowSchema.shape.templateId.safeParse(row.templateId).data ?? null,
    updatedAt: canonicalTime(row.updatedAt),
  };
  const salvaged = draftRowSchema.safeParse(repaired);
  return salvaged.success ? salvaged.data : null;
}

function canonicalTime(value: unknown): string {
  if (typeof value !== 'string') return EPOCH;
  try {
    return toTimestamp(value);
  } catch {
    return EPOCH;
  }
}
