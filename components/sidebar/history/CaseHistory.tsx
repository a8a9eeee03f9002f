import { useRef, useState } from 'react';
import type { MentionDetail } from '../../../lib/background/sidebar-api';
import { caseReference } from '../../../lib/replies/variables';
import { HISTORY_PAGE } from '../../../lib/ui/query-cache';
import { useBackgroundQuery } from '../../../lib/ui/use-background-query';
import { ErrorState, Loading } from '../../shared/States';
import { keepFocusOnRemoval } from '../focus-after-action';
import { AddNoteForm } from './AddNoteForm';
import { CaseStatusBar } from './CaseStatusBar';
import { IdentityLinker } from './IdentityLinker';
import { Timeline } from './Timeline';

/** The case and the customer's history: status and moves, notes, linked accounts, the timeline. */
export function CaseHistory({ detail, brandName }: { detail: MentionDetail; brandName: string }) {
  const [limit, setLimit] = useState(HISTORY_PAGE);
  const historyRef = useRef<HTMLDivElement>(null);
  const { mention, caseRow } = detail;
  // A longer page keeps the shorter one on screen until it arrives.
  const { data: history, error } = useBackgroundQuery(
    'customer-history',
    { customerId: mention.customerId, limit },
    { keepPrevious: true },
  );
  const showOlder = () => {
    // The button goes once the oldest page is in: on to the first older entry, where reading resumes.
    const shown = historyRef.current?.querySelector('.timeline')?.children.length ?? 0;
    keepFocusOnRemoval(() => {
      const entries = historyRef.current?.querySelector('.timeline')?.children;
      const firstOlder = entries?.[shown] ?? entries?.[entries.length - 1];
      if (!(firstOlder instanceof HTMLElement)) return null;
      firstOlder.tabIndex = -1;
      return firstOlder;
    });
    setLimit(limit + HISTORY_PAGE);
  };
  return (
    <div className="case-history" data-testid="case-history" ref={historyRef}>
      {caseRow ? <CaseStatusBar caseRow={caseRow} reference={caseReference(caseRow.id, brandName)} /> : null}
      {caseRow ? <AddNoteForm caseId={caseRow.id} /> : null}
      <IdentityLinker
        customerId={mention.customerId}
        identityId={mention.identityId}
        identities={detail.identities}
      />
      <h4>Timeline</h4>
      {error ? (
        <ErrorState title="The history could not be read." message={error} />
      ) : history === undefined ? (
        <Loading label="Loading history…" />
      ) : history === null ? (
        <p className="muted small">No history for this customer.</p>
      ) : (
        <>
          <Timeline items={history.items} currentKey={mention.id} />
          {history.next ? (
            <button type="button" className="button small" onClick={showOlder}>
              Show older
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}
