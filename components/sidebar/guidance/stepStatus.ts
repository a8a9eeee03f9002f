import type { EventRow } from '../../../lib/db/records';
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
