/**
 * What the sidebar may read and change, executed here in the background against the extension's
 * database. Why not Dexie in the sidebar itself: the sidebar is an extension frame embedded in a site
 * page, a third-party context where Chromium partitions or denies IndexedDB (it is denied outright when
 * third-party cookies are blocked). The background's storage is always the extension's own.
 *
 * Each operation declares its argument schema; arguments are validated before any database access.
 */
import { z } from 'zod';
import type { ParleyDb } from '../db/schema';

const postKeys = z.array(z.string().max(600)).max(5_000);

export const SIDEBAR_QUERIES = {
  /** Mention rows for the given keys, in the order given (missing ones skipped). */
  'mentions-by-key': {
    args: z.object({ keys: postKeys }),
    run: async (db: ParleyDb, { keys }: { keys: string[] }) =>
      (await db.mentions.bulkGet(keys)).filter((mention) => mention !== undefined),
  },
} as const;

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
  return query.run(db, parsed.data);
}
