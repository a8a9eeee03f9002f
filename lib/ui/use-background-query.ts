import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { SidebarQueryArgs, SidebarQueryName, SidebarQueryResult } from '../background/sidebar-api';
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
 */
export function useBackgroundQuery<N extends SidebarQueryName>(
  name: N,
  args: SidebarQueryArgs<N>,
  options: { skip?: boolean } = {},
): { data: SidebarQueryResult<N> | undefined; error: string | null } {
  const argsKey = JSON.stringify(args);
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
        if (!cancelled && mine === generation)
          setState((previous) =>
            previous.key === key && previous.data === data && previous.error === null
              ? previous
              : { key, data, error: null },
          );
      } catch (error) {
        if (!cancelled && mine === generation)
          setState((previous) => ({
            key: previous.key,
            data: previous.data,
            error: error instanceof Error ? error.message : String(error),
          }));
      }
    };
    const listener = (message: unknown) => {
      if (parseEnvelope(backgroundToSidebar, message)?.type === 'background:db-changed') void run(false);
    };
    browser.runtime.onMessage.addListener(listener);
    void run(true);
    return () => {
      cancelled = true;
      browser.runtime.onMessage.removeListener(listener);
    };
  }, [name, argsKey, key]);
  if (key !== null && state.key !== key) {
    // New arguments whose answer was fetched ahead: show it now rather than after another render.
    const ready = settledQuery(key);
    if (ready) return { data: ready.value as SidebarQueryResult<N>, error: null };
  }
  if (key === null) return { data: undefined, error: null };
  return { data: state.data, error: state.error };
}
