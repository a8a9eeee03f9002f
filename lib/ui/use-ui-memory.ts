import { useCallback, useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { crisisMemoryChange } from './crisis';
import { parseUiMemory, remember, UI_MEMORY_KEY, type UiMemory } from './ui-memory';

async function loadUiMemory(): Promise<UiMemory> {
  return parseUiMemory((await browser.storage.local.get(UI_MEMORY_KEY))[UI_MEMORY_KEY]);
}

/**
 * What the agent dismissed and when they last posted a crisis status update (see ./ui-memory), live
 * across the sidebar, popup and options.
 */
export function useUiMemory() {
  const [memory, setMemory] = useState<UiMemory>();
  useEffect(() => {
    let cancelled = false;
    const refresh = () => void loadUiMemory().then((next) => !cancelled && setMemory(next));
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && UI_MEMORY_KEY in changes) refresh();
    };
    browser.storage.onChanged.addListener(listener);
    refresh();
    return () => {
      cancelled = true;
      browser.storage.onChanged.removeListener(listener);
    };
  }, []);

  const update = useCallback(async (change: (current: UiMemory) => UiMemory) => {
    const current = await loadUiMemory();
    const next = change(current);
    setMemory(next);
    // Unchanged: no write, so other tabs are not woken to reread it.
    if (next !== current) await browser.storage.local.set({ [UI_MEMORY_KEY]: next });
  }, []);

  // Stable, so an effect that forgets the status update can depend on them.
  const actions = useMemo(
    () => ({
      dismissThanks: (postKey: string) =>
        update((current) => ({ ...current, dismissedThanks: remember(current.dismissedThanks, postKey) })),
      dismissInvite: (caseId: string) =>
        update((current) => ({ ...current, dismissedInvites: remember(current.dismissedInvites, caseId) })),
      markPolicyUpdateSeen: (at: string) => update((current) => ({ ...current, seenPolicyUpdateAt: at })),
      recordStatusUpdate: (at: string) =>
        update((current) => ({ ...current, crisisUpdatePostedAt: at, crisisOverSince: null })),
      /** Applies crisisMemoryChange to what storage holds now, which another tab may have just changed. */
      trackCrisis: (crisis: 'shown' | 'over', nowMs: number, quietMinutes: number) =>
        update((current) => {
          const change = crisisMemoryChange(current, crisis, nowMs, quietMinutes);
          return change ? { ...current, ...change } : current;
        }),
    }),
    [update],
  );

  return { memory, ...actions };
}
