import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { SidebarQueryArgs, SidebarQueryName, SidebarQueryResult } from '../background/sidebar-api';
import { isFailureAnswer } from '../messaging/failure-answer';
import { backgroundToSidebar, parseEnvelope } from '../messaging/protocol';
import { cachedQuery, queryKey, settledQuery } from './query-cache';
import { sendFromPage } from './send';

interface QueryState<T> {
  /** The query and arguments the data answers. */
  key: string | null;
  data: T | undefined;
  error: string | null;
}

/**
 * A live query answered by the background: runs the named query, and runs it again whenever the
 * background reports a database change. `undefined` while the first answer is pending. The first answer
 * comes from ./query-cache.ts when it was fetched ahead (a mention's detail and history): at once, in
 * the same render, when it is already here. With `skip`, nothing is asked (data stays undefined).
 *
 * When the arguments change, the answer for the old ones is not shown as if it were the new one's
 * (the previous mention under the next one's heading, its error hidden), unless `keepPrevious` says
 * that a list may stay on screen while its next version loads (a search as the agent types, a longer
 * page of history).
 *
 * With `refetchOnDbChange: false`, a database change does not run it again: for a costly query whose
 * caller refreshes it on a clock anyway (the response report reads a whole period of cases, and
 * content scripts cause a change per batch of posts they report).
 */
export function useBackgroundQuery<N extends SidebarQueryName>(
  name: N,
  args: SidebarQueryArgs<N>,
  options: { skip?: boolean; keepPrevious?: boolean; refetchOnDbChange?: boolean } = {},
): { data: SidebarQueryResult<N> | undefined; error: string | null } {
  const argsKey = JSON.stringify(args);
  const followsChanges = options.refetchOnDbChange !== false;
  const key = options.skip ? null : queryKey(name, args);
  const [state, setState] = useState<QueryState<SidebarQueryResult<N>>>(() => {
    const ready = key === null ? undefined : settledQuery(key);
    return ready
      ? { key, data: ready.value as SidebarQueryResult<N>, error: null }
      : { key: null, data: undefined, error: null };
  });
  useEffect(() => {
    if (key === null) return;
    let cancelled = false;
    let generation = 0;
    const run = async (fromCache: boolean) => {
      const mine = ++generation;
      try {
        const ahead = fromCache ? cachedQuery(key) : null;
        const data = (
          ahead
            ? await ahead.promise
            : await sendFromPage('sidebar:query', { name, args: JSON.parse(argsKey) })
        ) as SidebarQueryResult<N>;
        // A handler that failed answers { ok: false, message } (entrypoints/background.ts), as does a
        // frame the background does not know: no query's answer looks like that.
        if (isFailureAnswer(data)) throw new Error(data.message);
        if (!cancelled && mine === generation)
          setState((previous) =>
            previous.key === key && previous.data === data && previous.error === null
              ? previous
              : { key, data, error: null },
          );
      } catch (error) {
        if (!cancelled && mine === generation)
          setState((previous) => ({
            key,
            // A refresh that failed leaves the last answer for these arguments on screen.
            data: previous.key === key ? previous.data : undefined,
            error: error instanceof Error ? error.message : String(error),
          }));
      }
    };
    const listener = (message: unknown) => {
      const envelope = parseEnvelope(backgroundToSidebar, message);
      if (envelope?.type !== 'background:db-changed') return;
      // A draft saved while the agent types changes nothing any other query shows.
      if (envelope.payload.only === 'drafts' && name !== 'draft') return;
      void run(false);
    };
    if (followsChanges) browser.runtime.onMessage.addListener(listener);
    void run(true);
    return () => {
      cancelled = true;
      if (followsChanges) browser.runtime.onMessage.removeListener(listener);
    };
  }, [name, argsKey, key, followsChanges]);
  if (key === null) return { data: undefined, error: null };
  if (state.key !== key) {
    // New arguments whose answer was fetched ahead: show it now rather than after another render.
    const ready = settledQuery(key);
    if (ready) return { data: ready.value as SidebarQueryResult<N>, error: null };
    return { data: options.keepPrevious ? state.data : undefined, error: null };
  }
  return { data: state.data, error: state.error };
}
