import type { Policy } from '../../lib/policy/schema';
import { countOverdue, startOfLocalDay } from '../../lib/ui/overview';
import { useBackgroundQuery } from '../../lib/ui/use-background-query';
import { useNow } from '../../lib/ui/use-now';

/** Today's mentions, open cases and how many are past their first-response target. */
export function TodayStats({ policy }: { policy: Policy }) {
  const now = useNow(30_000);
  const { data, error } = useBackgroundQuery(
    'overview',
    { since: startOfLocalDay(now) },
    { keepPrevious: true },
  );
  if (error && !data) return <p className="field-error">Could not read today’s numbers: {error}</p>;
  const overdue = data ? countOverdue(data.openCases, policy, now) : null;
  const stat = (label: string, value: number | null, testId: string, tone = '') => (
    <div className={`stat ${tone}`} data-testid={testId}>
      <span className="stat-value">{value ?? '–'}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
  return (
    <section className="stats" aria-label="Today">
      {stat('Mentions today', data?.mentionsToday ?? null, 'stat-today')}
      {stat('Open cases', data?.openCases.length ?? null, 'stat-open')}
      {stat('Overdue', overdue, 'stat-overdue', overdue ? 'danger' : '')}
    </section>
  );
}
