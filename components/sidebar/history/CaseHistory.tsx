import { type ReactNode, useRef, useState } from 'react';
import type { MentionDetail } from '../../../lib/background/sidebar-api';
import type { HistoryCursor, HistoryItem } from '../../../lib/db/customers';
import { HISTORY_READ_MAX } from '../../../lib/domain/history-page';
import { caseReference } from '../../../lib/replies/variables';
import { caseHandoverText } from '../../../lib/ui/case-handover';
import { HISTORY_PAGE } from '../../../lib/ui/query-cache';
import { useBackgroundQuery } from '../../../lib/ui/use-background-query';
import { CopyButton } from '../../shared/CopyButton';
import { ErrorState, Loading } from '../../shared/States';
import { keepFocusOnRemoval } from '../focus-after-action';
import { AddNoteForm } from './AddNoteForm';
import { CaseStatusBar } from './CaseStatusBar';
import { IdentityLinker } from './IdentityLinker';
import { Timeline } from './Timeline';

interface HistoryWindow {
  /** Newest first. */
  items: HistoryItem[];
  /** Set when older entries remain. */
  next: HistoryCursor | null;
  error: string | null;
  /** 'unknown' when the customer is not (or no longer) there. */
  state: 'loading' | 'unknown' | 'ready';
}

/**
 * The newest `limit` entries of a customer's history. Past what one request may carry, the rest is read
 * on from where the previous read stopped: asking for more in one request is refused, and the whole
 * history would give way to an error. Each read stays live and starts from its predecessor's current
 * cursor, so the pieces still join without a gap or an overlap when new entries arrive.
 */
function HistoryReads({
  customerId,
  limit,
  before,
  children,
}: {
  customerId: string;
  limit: number;
  before?: HistoryCursor;
  children: (window: HistoryWindow) => ReactNode;
}) {
  const count = Math.min(limit, HISTORY_READ_MAX);
  // A longer page keeps the shorter one on screen until it arrives.
  const { data, error } = useBackgroundQuery(
    'customer-history',
    before ? { customerId, limit: count, before } : { customerId, limit: count },
    { keepPrevious: true },
  );
  if (!data) {
    return children({
      items: [],
      next: data === null ? null : (before ?? null),
      error,
      state: data === null ? 'unknown' : 'loading',
    });
  }
  if (limit <= count || !data.next) {
    return children({ items: data.items, next: data.next, error, state: 'ready' });
  }
  return (
    <HistoryReads customerId={customerId} limit={limit - count} before={data.next}>
      {(older) =>
        children({
          items: [...data.items, ...older.items],
          next: older.next,
          error: error ?? older.error,
          state: 'ready',
        })
      }
    </HistoryReads>
  );
}

/** The case and the customer's history: status and moves, notes, linked accounts, the timeline. */
export function CaseHistory({ detail, brandName }: { detail: MentionDetail; brandName: string }) {
  const [limit, setLimit] = useState(HISTORY_PAGE);
  const historyRef = useRef<HTMLDivElement>(null);
  const { mention, caseRow } = detail;
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
      <HistoryReads customerId={mention.customerId} limit={limit}>
        {(history) =>
          history.error ? (
            <ErrorState title="The history could not be read." message={history.error} />
          ) : history.state === 'loading' ? (
            <Loading label="Loading history…" />
          ) : history.state === 'unknown' ? (
            <p className="muted small">No history for this customer.</p>
          ) : (
            <>
              {history.items.length > 0 ? (
                <div className="copy-handover">
                  <CopyButton
                    label="Copy for handover"
                    showTextOnFailure
                    text={() =>
                      caseHandoverText({
                        reference: caseRow ? caseReference(caseRow.id, brandName) : null,
                        caseRow,
                        customer: detail.customer,
                        identities: detail.identities,
                        items: history.items,
                        olderLeft: history.next !== null,
                      })
                    }
                  />
                </div>
              ) : null}
              <Timeline items={history.items} currentKey={mention.id} />
              {history.next ? (
                <button type="button" className="button small" onClick={showOlder}>
                  Show older
                </button>
              ) : null}
            </>
          )
        }
      </HistoryReads>
    </div>
  );
}
