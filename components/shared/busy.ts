import { type MouseEvent, useCallback, useRef, useState } from 'react';

/**
 * Props for a button while its action runs. Not `disabled`: a focused button that becomes disabled
 * drops keyboard focus to the frame's body, and the agent has to find their place again. The click
 * handler ignores presses while busy.
 */
export function busyWhile(busy: boolean): { 'aria-disabled'?: true; 'aria-busy'?: true } {
  return busy ? { 'aria-disabled': true, 'aria-busy': true } : {};
}

/**
 * One run at a time of a control's action. Why: every press of Escalated, Resolve or a category writes
 * a record, and a double-click (or a second press before the answer) would write it twice. The guard
 * is a ref, so two presses in the same frame, before React re-renders, still count once.
 */
export function useSingleRun(): { busy: boolean; run: (action: () => Promise<void>) => Promise<void> } {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (action: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      await action();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, run };
}

/**
 * The second click of a double-click: `detail` counts clicks in a row (keyboard activation reports 0).
 * A control that turns into its opposite once pressed (Resolve → Reopen) must not take it.
 */
export function isRepeatClick(event: MouseEvent): boolean {
  return event.detail > 1;
}
