import { useEffect, useRef } from 'react';
import type { Policy } from '../../../lib/policy/schema';
import type { RankedQueueItem } from '../../../lib/ui/queue-order';
import { isWaitingOnUs } from '../../../lib/ui/response-clock';
import { useNow } from '../../../lib/ui/use-now';
import { EmptyState } from '../../shared/States';
import { QueueItem } from './QueueItem';
import { tabbableRowKey } from './roving-focus';

/**
 * The queue as two lists of rows (this page, then open cases elsewhere) sharing one roving focus:
 * exactly one row is tabbable, and j/k or the arrow keys move it (the sidebar's key handler).
 */
export function QueueView({
  hidden,
  brandName,
  policy,
  page,
  elsewhere,
  activeKey,
  openKey,
  focusRequest,
  onOpen,
  onActivate,
}: {
  hidden: boolean;
  brandName: string;
  policy: Policy;
  page: RankedQueueItem[];
  elsewhere: RankedQueueItem[];
  activeKey: string | null;
  openKey: string | null;
  /** Changes whenever the active row should take keyboard focus. */
  focusRequest: number;
  onOpen: (postKey: string) => void;
  onActivate: (postKey: string) => void;
}) {
  const now = useNow(30_000);
  const activeRef = useRef<HTMLButtonElement | null>(null);
  // The active row, or the first one when it is not shown (its case left the queue): one row stays tabbable.
  const tabbableKey = tabbableRowKey(
    activeKey,
    [...page, ...elsewhere].map((item) => item.mention.id),
  );
  useEffect(() => {
    if (!hidden && focusRequest > 0) activeRef.current?.focus();
  }, [focusRequest, hidden]);

  const waiting = [...page, ...elsewhere].filter((item) => isWaitingOnUs(item.clock.state));
  const overdue = waiting.filter((item) => item.clock.state === 'overdue').length;

  const renderItems = (items: RankedQueueItem[]) =>
    items.map((item) => {
      const active = item.mention.id === tabbableKey;
      return (
        <QueueItem
          key={item.mention.id}
          item={item}
          policy={policy}
          now={now}
          active={active}
          open={item.mention.id === openKey}
          buttonRef={active ? activeRef : undefined}
          onOpen={() => onOpen(item.mention.id)}
          onFocus={() => onActivate(item.mention.id)}
        />
      );
    });

  return (
    <section className="queue" aria-labelledby="queue-heading" hidden={hidden}>
      <div className="section-heading">
        <h2 id="queue-heading">Queue</h2>
        <span className="muted small" data-testid="queue-summary">
          {waiting.length} waiting{overdue > 0 ? ` · ` : ''}
          {overdue > 0 ? <span className="overdue-count">{overdue} overdue</span> : null}
        </span>
      </div>
      <h3 id="queue-page-heading" className="group-heading">
        On this page <span className="count">{page.length}</span>
      </h3>
      {page.length === 0 ? (
        <EmptyState title={`No posts here mention ${brandName} yet.`}>
          <span className="small">
            Parley marks mentions with a coloured P as the page loads and as you scroll.
          </span>
        </EmptyState>
      ) : (
        <ul className="queue-list" aria-labelledby="queue-page-heading" data-testid="queue">
          {renderItems(page)}
        </ul>
      )}
      {elsewhere.length > 0 ? (
        <>
          <h3 id="queue-elsewhere-heading" className="group-heading">
            Open elsewhere <span className="count">{elsewhere.length}</span>
          </h3>
          <ul className="queue-list" aria-labelledby="queue-elsewhere-heading" data-testid="queue-elsewhere">
            {renderItems(elsewhere)}
          </ul>
        </>
      ) : null}
      <p className="keyboard-hint muted small">
        <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> back · <kbd>Alt</kbd>+
        <kbd>Shift</kbd>+<kbd>P</kbd> show/hide
      </p>
    </section>
  );
}
