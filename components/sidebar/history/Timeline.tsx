import type { HistoryItem } from '../../../lib/db/customers';
import { PLATFORM_LABELS } from '../../../lib/domain/types';
import { describeEvent } from '../../../lib/ui/history-words';
import { formatAgo } from '../../../lib/ui/response-clock';
import { useNow } from '../../../lib/ui/use-now';
import { CategoryChip } from '../../shared/CategoryChip';

/** The customer's history across platforms, newest first: their posts and everything we did. */
export function Timeline({ items, currentKey }: { items: HistoryItem[]; currentKey: string }) {
  const now = useNow(60_000);
  return (
    <ol className="timeline" aria-label="Customer timeline" data-testid="timeline">
      {items.map((item) => {
        if (item.kind === 'mention') {
          const { mention } = item;
          return (
            <li
              key={item.id}
              className={`timeline-item mention${mention.id === currentKey ? ' current' : ''}${mention.isOwnReply ? ' own' : ''}`}
              data-mention-id={mention.id}
            >
              <div className="timeline-head">
                <span className="badge">{PLATFORM_LABELS[mention.platform]}</span>
                {mention.isOwnReply ? (
                  <span className="small">Our reply</span>
                ) : (
                  <CategoryChip category={mention.category} />
                )}
                <span className="muted small">{formatAgo(mention.at, now)}</span>
                {mention.id === currentKey ? <span className="small current-label">this post</span> : null}
              </div>
              <p className="timeline-text">{mention.text}</p>
            </li>
          );
        }
        const described = describeEvent(item.event);
        if (!described) return null;
        return (
          <li key={item.id} className={`timeline-item event event-${item.event.type}`}>
            <div className="timeline-head">
              <strong className="small">{described.label}</strong>
              <span className="muted small">{formatAgo(item.at, now)}</span>
            </div>
            {described.detail ? <p className="timeline-text">{described.detail}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
