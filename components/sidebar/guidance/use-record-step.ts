import { useState } from 'react';
import { useSingleRun } from '../../shared/busy';
import { announce, keepFocusOnRemoval } from '../focus-after-action';

/**
 * Recording a guidance step on the case (escalated, moved to a private channel): once per press, focus
 * kept for when the step's controls go, the outcome announced, and a failure shown beside the button.
 */
export function useRecordStep(nextFocus: () => HTMLElement | null) {
  const [error, setError] = useState<string | null>(null);
  const recording = useSingleRun();
  /** `change` writes the record and returns what to announce (the step's own status line goes with it). */
  const record = (change: () => Promise<string>) =>
    recording.run(async () => {
      setError(null);
      keepFocusOnRemoval(nextFocus);
      try {
        announce(await change());
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    });
  return { record, busy: recording.busy, error };
}
