import type { EventRow, MentionRow } from '../../../lib/db/records';
import { postRatings } from '../../../lib/db/timeline';
import type { ResolutionStep } from '../../../lib/policy/schema';

/** Whether the case's timeline shows a policy step as done (for the tick beside the step). */
export function isStepDone(step: ResolutionStep, events: readonly EventRow[], status: string): boolean {
  switch (step.type) {
    case 'acknowledge-publicly':
    case 'apologise':
      return events.some((event) => event.type === 'replied');
    case 'move-to-private':
      return events.some((event) => event.type === 'moved-to-private');
    case 'escalate':
      return events.some((event) => event.type === 'escalated');
    case 'resolve':
      return status === 'resolved';
    case 'invite-to-share-outcome':
      return false;
  }
}

/**
 * When the escalation target of this mention's rating started running: the case's first post rated
 * that high or higher, as the posts are rated now (a false crisis the agent relabelled does not count).
 * A case can stay open for days before a post raises it (a legal threat after a late order), and its
 * opening would make the escalation overdue before anyone could act.
 */
export function escalationClockStart(
  mention: Pick<MentionRow, 'at' | 'severity'>,
  events: readonly EventRow[],
): string {
  let start = mention.at;
  for (const { severity, at } of postRatings(events).values()) {
    if (severity >= mention.severity && at < start) start = at;
  }
  return start;
}
