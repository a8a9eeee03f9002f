import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { SidebarQueryArgs, SidebarQueryName, SidebarQueryResult } from '../background/sidebar-api';
import { backgroundToSidebar, parseEnvelope } from '../messaging/protocol';
import { sendFromPage } from './send';

/**
 * A live query answered by the background: runs the named query, and runs it again whenever the
 * background reports a database change. `undefined` while the first answer is pending.
 */
export function useBackgroundQuery<N extends SidebarQueryName>(
  name: N,
  args: SidebarQueryArgs<N>,
): { data: SidebarQueryResult<N> | undefined; error: string | null } {
  const [state, setState] = useState<{ data: SidebarQueryResult<N> | undefined; error: string | null }>({
    data: undefined,
    error: null,
  });
  const argsKey = JSON.stringify(args);
  useEffect(() => {
    let cancelled = false;
    let generation = 0;
    const run = async () => {
      const mine = ++generation;
      try {
        const data = (await sendFromPage('sidebar:query', {
          name,
          args: JSON.parse(argsKey),
        })) as SidebarQueryResult<N>;
        if (!cancelled && mine === generation) setState({ data, error: null });
      } catch (error) {
        if (!cancelled && mine === generation)
          setState((previous) => ({
            data: previous.data,
            error: error instanceof Error ? error.message : String(error),
          }));
      }
    };
    const listener = (message: unknown) => {
      if (parseEnvelope(backgroundToSidebar, message)?.type === 'background:db-changed') void run();
    };
    browser.runtime.onMessage.addListener(listener);
    void run();
    return () => {
      cancelled = true;
      browser.runtime.onMessage.removeListener(listener);
    };
  }, [name, argsKey]);
  return state;
}
