import type { Ref } from 'react';
import { PLATFORM_LABELS } from '../../../lib/domain/types';
import { ratingFor } from '../../../lib/policy/queries';
import type { Policy } from '../../../lib/policy/schema';
import { BADGE_LABELS, isLoyalFan } from '../../../lib/ui/customer-badges';
import type { RankedQueueItem } from '../../../lib/ui/queue-order';
import { formatAgo } from '../../../lib/ui/response-clock';
import { CategoryChip } from '../../shared/CategoryChip';
import { ResponseClockLabel } from '../../shared/ResponseClockLabel';
import { SeverityBadge } from '../../shared/SeverityBadge';

/** One queue row: what it is, how urgent, whose, and the first lines of what they wrote. */
export function QueueItem({
  item,
  policy,
  now,
  active,
  open,
  buttonRef,
  onOpen,
  onFocus,
}: {
  item: RankedQueueItem;
  policy: Policy;
  now: number;
  /** The row keyboard focus rests on (the only tabbable row). */
  active: boolean;
  /** The row showing in the mention view. */
  open: boolean;
  buttonRef?: Ref<HTMLButtonElement>;
  onOpen: () => void;
  onFocus: () => void;
}) {
  const { mention, customer, caseRow } = item;
  const name = customer?.displayName ?? mention.authorHandle;
  const loyal = isLoyalFan(customer, policy.thankTheFan.loyalFanMinPraises);
  return (
    <li data-post-key={mention.id} data-severity={mention.severity} data-clock-state={item.clock.state}>
      <button
        ref={buttonRef}
        type="button"
        tabIndex={active ? 0 : -1}
        aria-current={open ? 'true' : undefined}
        className={`queue-item clock-${item.clock.state}${active ? ' active' : ''}`}
        onClick={onOpen}
        onFocus={onFocus}
      >
        <span className="queue-item-top">
          <CategoryChip category={mention.category} />
          <SeverityBadge severity={mention.severity} name={ratingFor(policy, mention.severity)?.name} />
          <span className="spacer" />
          <ResponseClockLabel mention={mention} caseRow={caseRow} policy={policy} />
        </span>
        <span className="queue-item-author">
          <strong className="author-name">{name}</strong>
          <span className="muted">@{mention.authorHandle.replace(/^@+/, '')}</span>
          {loyal ? <span className="badge loyal-fan">{BADGE_LABELS['loyal-fan']}</span> : null}
        </span>
        <span className="queue-item-text">{mention.text}</span>
        <span className="queue-item-meta muted small">
          {PLATFORM_LABELS[mention.platform]} · {formatAgo(mention.at, now)}
          {item.onPage ? '' : ' · elsewhere'}
        </span>
      </button>
    </li>
  );
}
