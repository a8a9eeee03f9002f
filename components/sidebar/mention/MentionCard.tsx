import type { MentionDetail } from '../../../lib/background/sidebar-api';
import { PLATFORM_LABELS } from '../../../lib/domain/types';
import { ratingFor } from '../../../lib/policy/queries';
import type { Policy } from '../../../lib/policy/schema';
import { BADGE_DESCRIPTIONS, BADGE_LABELS, customerBadges } from '../../../lib/ui/customer-badges';
import { formatAgo } from '../../../lib/ui/response-clock';
import { safeHttpUrl } from '../../../lib/ui/site';
import { useNow } from '../../../lib/ui/use-now';
import { CategoryChip } from '../../shared/CategoryChip';
import { ResponseClockLabel } from '../../shared/ResponseClockLabel';
import { SeverityBadge } from '../../shared/SeverityBadge';

/** The post itself: who wrote it (and what we know of them), what they wrote, and how Parley rated it. */
export function MentionCard({
  detail,
  policy,
  onPage,
  onShowOnPage,
}: {
  detail: MentionDetail;
  policy: Policy;
  onPage: boolean;
  onShowOnPage: () => void;
}) {
  const now = useNow(60_000);
  const { mention, customer, caseRow } = detail;
  const badges = customerBadges(customer, detail.counts, {
    loyalFanMinPraises: policy.thankTheFan.loyalFanMinPraises,
  });
  const permalink = safeHttpUrl(mention.permalink);
  const rating = ratingFor(policy, mention.severity);
  return (
    <div className="mention-card">
      <div className="mention-author">
        <div>
          <strong className="author-name" data-testid="mention-author">
            {customer?.displayName ?? mention.authorHandle}
          </strong>{' '}
          <span className="muted">@{mention.authorHandle.replace(/^@+/, '')}</span>
        </div>
        <div className="muted small">
          {PLATFORM_LABELS[mention.platform]} · {formatAgo(mention.at, now)}
          {mention.postedAtEstimated ? ' (approx.)' : ''}
        </div>
      </div>
      <ul className="badge-list" aria-label="About this customer">
        {badges.map((badge) => (
          <li key={badge} className={`badge ${badge}`} title={BADGE_DESCRIPTIONS[badge]} data-badge={badge}>
            {BADGE_LABELS[badge]}
          </li>
        ))}
        {customer && customer.praiseCount > 0 ? (
          <li className="badge plain">{customer.praiseCount} praise</li>
        ) : null}
        {detail.counts.complaintCaseCount > 0 ? (
          <li className="badge plain">
            {detail.counts.complaintCaseCount} complaint case
            {detail.counts.complaintCaseCount === 1 ? '' : 's'}
          </li>
        ) : null}
      </ul>
      <p className="mention-text" data-testid="mention-text">
        {mention.text}
      </p>
      <div className="mention-rating">
        <CategoryChip category={mention.category} />
        <SeverityBadge severity={mention.severity} name={rating?.name} />
        <span className="spacer" />
        <ResponseClockLabel mention={mention} caseRow={caseRow} policy={policy} />
      </div>
      {mention.reasons.length > 0 ? (
        <details className="reasons">
          <summary>
            Why {mention.category}, severity {mention.severity}
          </summary>
          <ul>
            {mention.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          {rating ? <p className="muted small">{rating.description}</p> : null}
        </details>
      ) : rating ? (
        <p className="muted small">{rating.description}</p>
      ) : null}
      <div className="button-row">
        {onPage ? (
          <button type="button" className="button small" onClick={onShowOnPage}>
            Show on page
          </button>
        ) : null}
        {permalink ? (
          <a className="button small quiet" href={permalink} target="_blank" rel="noopener noreferrer">
            Open post ↗
          </a>
        ) : null}
      </div>
    </div>
  );
}
