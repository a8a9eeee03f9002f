import type { Platform, Severity } from '../domain/types';
import type { Policy } from '../policy/schema';
import { responseClock } from './response-clock';

/** The popup's at-a-glance numbers, computed from compact case rows the background returns. */

export interface OpenCaseClockRow {
  severity: Severity;
  platform: Platform;
  category: 'complaint' | 'question' | 'praise' | 'crisis' | 'spam' | 'neutral';
  statusChangedAt: string;
}

export function countOverdue(rows: readonly OpenCaseClockRow[], policy: Policy, nowMs: number): number {
  let overdue = 0;
  for (const row of rows) {
    const clock = responseClock(
      { category: row.category, severity: row.severity, platform: row.platform, at: row.statusChangedAt },
      { status: 'open', statusChangedAt: row.statusChangedAt },
      policy,
      nowMs,
    );
    if (clock.state === 'overdue') overdue += 1;
  }
  return overdue;
}

/** Local midnight of the day containing `nowMs`, as an ISO timestamp ("today" is the agent's day). */
export function startOfLocalDay(nowMs: number): string {
  const day = new Date(nowMs);
  day.setHours(0, 0, 0, 0);
  return day.toISOString();
}
