import { type MouseEvent, useRef, useState } from 'react';
import type { CaseRow, CaseStatus } from '../../../lib/db/records';
import { sendFromPage } from '../../../lib/ui/send';
import { busyWhile, isRepeatClick, useSingleRun } from '../../shared/busy';
import { FieldError } from '../../shared/States';
import { announce, firstButtonIn, keepFocusOnRemoval } from '../focus-after-action';

const STATUS_ANNOUNCEMENTS: Record<CaseStatus, string> = {
  open: 'Case reopened',
  'awaiting-customer': 'Case marked as waiting on the customer',
  resolved: 'Case resolved',
};

const STATUS_LABELS: Record<CaseStatus, string> = {
  open: 'Open: waiting on us',
  'awaiting-customer': 'Waiting on the customer',
  resolved: 'Resolved',
};

/** The case's status and the agent's moves: resolve, reopen, or mark it as waiting on the customer. */
export function CaseStatusBar({ caseRow, reference }: { caseRow: CaseRow; reference: string }) {
  const [error, setError] = useState<string | null>(null);
  const buttonsRef = useRef<HTMLDivElement>(null);
  const changing = useSingleRun();
  const setStatus = (status: CaseStatus) => (event: MouseEvent) => {
    // Resolve becomes Reopen in the same place: the second click of a double-click would undo it.
    if (isRepeatClick(event)) return;
    void changing.run(async () => {
      setError(null);
      // "Waiting on customer" disappears once pressed: keep focus in this row.
      keepFocusOnRemoval(() => firstButtonIn(buttonsRef.current));
      try {
        await sendFromPage('sidebar:mutate', {
          name: 'set-case-status',
          args: { caseId: caseRow.id, status },
        });
        announce(STATUS_ANNOUNCEMENTS[status]);
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    });
  };
  const busy = busyWhile(changing.busy);
  return (
    <div className="case-status">
      <div className="case-status-line">
        <span className={`status-pill status-${caseRow.status}`} data-testid="case-status">
          {STATUS_LABELS[caseRow.status]}
        </span>
        <span className="muted small">Case {reference}</span>
        {caseRow.reopenedCount > 0 ? (
          <span className="muted small">· reopened {caseRow.reopenedCount}×</span>
        ) : null}
      </div>
      <div className="button-row" ref={buttonsRef}>
        {caseRow.status !== 'resolved' ? (
          <button type="button" className="button small primary" {...busy} onClick={setStatus('resolved')}>
            Resolve
          </button>
        ) : (
          <button type="button" className="button small" {...busy} onClick={setStatus('open')}>
            Reopen
          </button>
        )}
        {caseRow.status === 'open' ? (
          <button type="button" className="button small" {...busy} onClick={setStatus('awaiting-customer')}>
            Waiting on customer
          </button>
        ) : null}
      </div>
      <FieldError message={error} />
    </div>
  );
}
