import type { Policy } from '../../lib/policy/schema';
import type { ClockCase, ClockMention } from '../../lib/ui/response-clock';
import { clockLabel, type ResponseClock, responseClock } from '../../lib/ui/response-clock';
import { useNow } from '../../lib/ui/use-now';

const STATE_WORDS: Record<ResponseClock['state'], string> = {
  'on-time': 'On time',
  'due-soon': 'Due soon',
  overdue: 'Overdue',
  'waiting-on-customer': 'Waiting on the customer',
  resolved: 'Resolved',
  'no-reply-needed': 'No reply needed',
};

/** A live first-response clock: green while on time, amber near the target, red once past it. */
export function ResponseClockLabel({
  mention,
  caseRow,
  policy,
}: {
  mention: ClockMention;
  caseRow: ClockCase | null;
  policy: Policy;
}) {
  const now = useNow(1_000);
  const clock = responseClock(mention, caseRow, policy, now);
  const target = clock.targetMinutes === null ? '' : ` (target ${clock.targetMinutes} min)`;
  return (
    <span
      className={`clock ${clock.state}`}
      data-clock-state={clock.state}
      title={`${STATE_WORDS[clock.state]}${target}`}
    >
      <span className="visually-hidden">{STATE_WORDS[clock.state]}: </span>
      {clockLabel(clock)}
    </span>
  );
}
