import { useState } from 'react';
import type { CaseRow } from '../../../lib/db/records';
import { contactById } from '../../../lib/policy/queries';
import type { Policy, ResolutionStep } from '../../../lib/policy/schema';
import { formatDuration } from '../../../lib/ui/response-clock';
import { sendFromPage } from '../../../lib/ui/send';
import { useNow } from '../../../lib/ui/use-now';
import { busyWhile } from '../../shared/busy';
import { FieldError, StatusNote } from '../../shared/States';
import { ContactCard } from './ContactCard';
import { useRecordStep } from './use-record-step';

/** Escalation as a ready step: who, how to reach them, by when, and a record on the case once done. */
export function EscalateStep({
  step,
  policy,
  caseRow,
  startedAt,
  nextFocus,
}: {
  step: Extract<ResolutionStep, { type: 'escalate' }>;
  policy: Policy;
  caseRow: CaseRow | null;
  /** When the escalation target started running (escalationClockStart). */
  startedAt: string;
  /** Where focus goes once this step is done and its controls are gone. */
  nextFocus: () => HTMLElement | null;
}) {
  const now = useNow(30_000);
  const [recorded, setRecorded] = useState(false);
  const contact = contactById(policy, step.contactId);
  const dueMs = Date.parse(startedAt) + step.withinMinutes * 60_000 - now;
  const { record, busy, error } = useRecordStep(nextFocus);
  const recordEscalation = (caseId: string) =>
    record(async () => {
      await sendFromPage('sidebar:mutate', {
        name: 'escalate',
        args: {
          caseId,
          to: contact ? `${contact.name} (${contact.role})` : step.contactId,
          reason: step.note ?? null,
        },
      });
      setRecorded(true);
      return 'Escalation recorded on the case';
    });
  return (
    <div className="step-body">
      {contact ? <ContactCard contact={contact} /> : <p className="small">Contact “{step.contactId}”.</p>}
      <p className={`small ${dueMs < 0 ? 'overdue-text' : 'muted'}`}>
        {dueMs < 0
          ? `Escalation was due ${formatDuration(dueMs)} ago`
          : `Escalate within ${formatDuration(dueMs)} if you cannot resolve it yourself`}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button small"
          disabled={!caseRow}
          {...busyWhile(busy)}
          onClick={() => caseRow && void recordEscalation(caseRow.id)}
        >
          Escalated
        </button>
        <StatusNote message={recorded ? 'Recorded on the case.' : null} inline />
      </div>
      <FieldError message={error} />
    </div>
  );
}
