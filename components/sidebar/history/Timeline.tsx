import type { HistoryItem } from '../../../lib/db/customers';
import type { EventRow } from '../../../lib/db/records';
import { PLATFORM_LABELS } from '../../../lib/domain/types';
import { formatAgo } from '../../../lib/ui/response-clock';
import { useNow } from '../../../lib/ui/use-now';
import { CategoryChip } from '../../shared/CategoryChip';

const CHANNEL_WORDS = { 'direct-message': 'DM', email: 'email', phone: 'phone', other: 'another channel' };
const STATUS_WORDS = { open: 'open', 'awaiting-customer': 'waiting on customer', resolved: 'resolved' };

function describeEvent(event: EventRow): { label: string; detail: string | null } | null {
  switch (event.type) {
    case 'detected':
      return null; // shown as the mention itself
    case 'replied':
      // Once seen in the thread, the reply is the brand's own post in this timeline: one entry, not two.
      if (event.data.seenMentionId !== null) return null;
      return {
        label: event.data.via === 'seen-in-thread' ? 'Reply seen in the thread' : 'Replied',
        detail: event.data.text || null,
      };
    case 'note':
      return { label: 'Note', detail: event.data.text };
    case 'status-changed':
      return {
        label: `Status: ${STATUS_WORDS[event.data.from]} → ${STATUS_WORDS[event.data.to]}`,
        detail: event.data.reason === 'agent' ? null : `(${event.data.reason.replace('-', ' ')})`,
      };
    case 'recategorized':
      return { label: `Recategorized ${event.data.from} → ${event.data.to}`, detail: null };
    case 'thanked':
      return { label: 'Thanked', detail: null };
    case 'moved-to-private':
      return { label: `Moved to ${CHANNEL_WORDS[event.data.channel]}`, detail: event.data.note };
    case 'escalated':
      return { label: `Escalated${event.data.to ? ` to ${event.data.to}` : ''}`, detail: event.data.reason };
    case 'customers-linked':
      return { label: 'Accounts linked', detail: null };
    case 'identity-unlinked':
      return { label: 'Account unlinked', detail: null };
  }
}

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
