import type { CaseRow, CustomerRow, MentionRow } from '../db/records';
import type { Policy } from '../policy/schema';
import { type ClockState, type ResponseClock, responseClock } from './response-clock';

/**
 * The agent's queue: what needs a reply first. Mentions waiting on us come first, the most severe at the
 * top and, within a severity, the one with the least time left against its first-response target. Then
 * mentions where the customer has the next move, then resolved ones, then spam.
 */

export interface QueueCandidate {
  mention: MentionRow;
  caseRow: CaseRow | null;
  customer: CustomerRow | null;
  /** On the page the sidebar sits beside (else an open case from elsewhere). */
  onPage: boolean;
}

export interface RankedQueueItem extends QueueCandidate {
  clock: ResponseClock;
}

const STATE_GROUP: Record<ClockState, number> = {
  overdue: 0,
  'due-soon': 0,
  'on-time': 0,
  'waiting-on-customer': 1,
  resolved: 2,
  'no-reply-needed': 3,
};

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareQueueItems(a: RankedQueueItem, b: RankedQueueItem): number {
  const group = STATE_GROUP[a.clock.state] - STATE_GROUP[b.clock.state];
  if (group !== 0) return group;
  const severity = b.mention.severity - a.mention.severity;
  if (severity !== 0) return severity;
  if (STATE_GROUP[a.clock.state] === 0) {
    const left = (a.clock.remainingMs ?? 0) - (b.clock.remainingMs ?? 0);
    if (left !== 0) return left;
    return compareText(a.mention.at, b.mention.at) || compareText(a.mention.id, b.mention.id);
  }
  // Nothing is waiting on us here: the latest activity is the most useful at the top.
  return compareText(b.mention.at, a.mention.at) || compareText(a.mention.id, b.mention.id);
}

export function rankQueue(
  candidates: readonly QueueCandidate[],
  policy: Policy,
  nowMs: number,
): RankedQueueItem[] {
  return candidates
    .filter((candidate) => !candidate.mention.isOwnReply)
    .map((candidate) => ({
      ...candidate,
      clock: responseClock(candidate.mention, candidate.caseRow, policy, nowMs),
    }))
    .sort(compareQueueItems);
}

/**
 * The key one step away from `current` in `order`, stopping at the ends. With nothing selected, a step
 * forward lands on the first item and a step back on the last.
 */
export function stepKey(order: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (order.length === 0) return null;
  const index = current === null ? -1 : order.indexOf(current);
  if (index === -1) return (step === 1 ? order[0] : order[order.length - 1]) ?? null;
  const next = Math.min(order.length - 1, Math.max(0, index + step));
  return order[next] ?? null;
}
