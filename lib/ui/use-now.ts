import { useSyncExternalStore } from 'react';

/**
 * One shared one-second ticker for every clock on screen. Components read the time rounded to the
 * granularity they need, so a queue ranked by the minute re-renders once a minute, not every second.
 */

const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => {
    for (const notify of listeners) notify();
  }, 1_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

export function useNow(granularityMs = 1_000): number {
  return useSyncExternalStore(subscribe, () => Math.floor(Date.now() / granularityMs) * granularityMs);
}
