import { useEffect, useId, useRef, useState } from 'react';
import { nextStatusUpdate, statusUpdateLine } from '../../../lib/ui/crisis';
import { useNow } from '../../../lib/ui/use-now';
import { reasonOf } from '../../shared/reason';
import { FieldError } from '../../shared/States';
import { announce } from '../focus-after-action';

/**
 * When the next crisis status update is due, counted from the last one the agent says they posted.
 * Only the agent's own word counts: copying the text is not posting it (they may edit it, or not send it).
 */
export function StatusUpdateTimer({
  everyMinutes,
  postedAt,
  onPosted,
}: {
  everyMinutes: number;
  /** undefined while the record is read from storage. */
  postedAt: string | null | undefined;
  onPosted: (at: string) => Promise<void>;
}) {
  const lineId = useId();
  // The line counts whole minutes: twice a minute keeps it at most half a minute behind.
  const now = useNow(30_000);
  const [error, setError] = useState<string | null>(null);
  const timer =
    postedAt === undefined
      ? null
      : nextStatusUpdate(postedAt === null ? null : Date.parse(postedAt), everyMinutes, now);
  const line = timer ? statusUpdateLine(timer) : null;

  // Said once as the update falls due, not every minute after: the line itself is not a live region.
  const state = timer?.state ?? null;
  const previous = useRef(state);
  useEffect(() => {
    if (previous.current === 'due' && state === 'overdue' && line) announce(line);
    previous.current = state;
  }, [state, line]);

  const posted = async () => {
    setError(null);
    try {
      await onPosted(new Date().toISOString());
      announce(`Update recorded. The next one is due in ${everyMinutes} min.`);
    } catch (failure) {
      // This sidebar counts from now, but a reload or another tab would not know.
      setError(`Could not save when you posted: ${reasonOf(failure)}`);
    }
  };

  return (
    <div className="status-update-timer">
      <p
        id={lineId}
        className={`small${state === 'overdue' ? ' overdue-text' : ''}`}
        data-testid="crisis-update-timer"
      >
        {line}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button small"
          aria-describedby={lineId}
          onClick={() => void posted()}
        >
          I posted an update
        </button>
      </div>
      <FieldError message={error} />
    </div>
  );
}
