/**
 * What the sidebar may read and change, executed here in the background against the extension's
 * database. Why not Dexie in the sidebar itself: the sidebar is an extension frame embedded in a site
 * page, a third-party context where Chromium partitions or denies IndexedDB (it is denied outright when
 * third-party cookies are blocked). The background's storage is always the extension's own.
 *
 * Each operation declares its argument schema; arguments are validated before any database access.
 */
import { z } from 'zod';
import { addNote } from '../db/cases';
import { deleteDraft, getDraft, saveDraft } from '../db/drafts';
import type { ParleyDb } from '../db/schema';
import { markReplySent, recordInsertedReply } from '../replies/record';

const postKeys = z.array(z.string().max(600)).max(5_000);

export const SIDEBAR_QUERIES = {
  /** Mention rows for the given keys, in the order given (missing ones skipped). */
  'mentions-by-key': {
    args: z.object({ keys: postKeys }),
    run: async (db: ParleyDb, { keys }: { keys: string[] }) =>
      (await db.mentions.bulkGet(keys)).filter((mention) => mention !== undefined),
  },
  /** The draft reply for a post, or null. */
  draft: {
    args: z.object({ postKey: z.string().max(600) }),
    run: (db: ParleyDb, { postKey }: { postKey: string }) => getDraft(db, postKey),
  },
} as const;

/**
 * Changes the sidebar may make. Each runs in one Dexie transaction (see lib/db) and is followed by a
 * db-changed broadcast so every open sidebar, popup and options page refreshes.
 */
export const SIDEBAR_MUTATIONS = {
  'add-note': {
    args: z.object({ caseId: z.string().max(200), text: z.string().trim().min(1).max(5_000) }),
    run: (db: ParleyDb, args: { caseId: string; text: string }) =>
      addNote(db, { ...args, at: new Date().toISOString() }),
  },
  /** Drafts are saved as the agent types (debounced by the caller) so nothing is lost on reload. */
  'save-draft': {
    args: z.object({
      postKey: z.string().max(600),
      text: z.string().max(100_000),
      templateId: z.string().max(200).nullable().optional(),
    }),
    run: (db: ParleyDb, args: { postKey: string; text: string; templateId?: string | null }) =>
      saveDraft(db, { ...args, updatedAt: new Date().toISOString() }),
  },
  'delete-draft': {
    args: z.object({ postKey: z.string().max(600) }),
    run: (db: ParleyDb, { postKey }: { postKey: string }) => deleteDraft(db, postKey),
  },
  /** A verified insert into the site's reply box: the case records the reply and its clock stops. */
  'record-inserted-reply': {
    args: z.object({
      caseId: z.string().max(200),
      postKey: z.string().max(600),
      text: z.string().trim().min(1).max(100_000),
    }),
    run: (db: ParleyDb, args: { caseId: string; postKey: string; text: string }) =>
      recordInsertedReply(db, { ...args, at: new Date().toISOString() }),
  },
  /** The agent sent the reply (or says so): recorded once per reply, and the draft is dropped. */
  'mark-sent': {
    args: z.object({
      caseId: z.string().max(200),
      postKey: z.string().max(600),
      text: z.string().trim().min(1).max(100_000),
    }),
    run: (db: ParleyDb, args: { caseId: string; postKey: string; text: string }) =>
      markReplySent(db, { ...args, at: new Date().toISOString() }),
  },
} as const;

export type SidebarMutationName = keyof typeof SIDEBAR_MUTATIONS;
export type SidebarMutationArgs<N extends SidebarMutationName> = z.input<
  (typeof SIDEBAR_MUTATIONS)[N]['args']
>;

export async function runSidebarMutation(db: ParleyDb, name: string, args: unknown): Promise<unknown> {
  if (!Object.hasOwn(SIDEBAR_MUTATIONS, name)) throw new Error(`Unknown change: ${name}`);
  const mutation = SIDEBAR_MUTATIONS[name as SidebarMutationName];
  const parsed = mutation.args.safeParse(args);
  if (!parsed.success)
    throw new Error(`Bad arguments for ${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  // biome-ignore lint/suspicious/noExplicitAny: args narrowed by the schema of the same entry
  return mutation.run(db, parsed.data as any);
}

export type SidebarQueryName = keyof typeof SIDEBAR_QUERIES;
export type SidebarQueryArgs<N extends SidebarQueryName> = z.input<(typeof SIDEBAR_QUERIES)[N]['args']>;
export type SidebarQueryResult<N extends SidebarQueryName> = Awaited<
  ReturnType<(typeof SIDEBAR_QUERIES)[N]['run']>
>;

export async function runSidebarQuery(db: ParleyDb, name: string, args: unknown): Promise<unknown> {
  if (!Object.hasOwn(SIDEBAR_QUERIES, name)) throw new Error(`Unknown query: ${name}`);
  const query = SIDEBAR_QUERIES[name as SidebarQueryName];
  const parsed = query.args.safeParse(args);
  if (!parsed.success)
    throw new Error(`Bad arguments for ${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  // biome-ignore lint/suspicious/noExplicitAny: args narrowed by the schema of the same entry
  return query.run(db, parsed.data as any);
}
