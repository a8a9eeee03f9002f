import type { CaseRow } from '../../../lib/db/records';
import { sendFromPage } from '../../../lib/ui/send';
import { busyWhile } from '../../shared/busy';
import { FieldError } from '../../shared/States';
import { useRecordStep } from './use-record-step';

/** The path's last step: resolving the case from the guidance, with a refusal shown beside the button. */
export function ResolveStep({
  caseRow,
  nextFocus,
}: {
  caseRow: CaseRow;
  /** Where focus goes once the case is resolved and this button is gone. */
  nextFocus: () => HTMLElement | null;
}) {
  const { record, busy, error } = useRecordStep(nextFocus);
  const resolve = () =>
    record(async () => {
      await sendFromPage('sidebar:mutate', {
        name: 'set-case-status',
        args: { caseId: caseRow.id, status: 'resolved' },
      });
      return 'Case resolved';
    });
  return (
    <div className="step-body">
      <button type="button" className="button small" {...busyWhile(busy)} onClick={() => void resolve()}>
        Resolve case
      </button>
      <FieldError message={error} />
    </div>
  );
}
