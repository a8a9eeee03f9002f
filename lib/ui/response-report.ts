import { PLATFORM_LABELS, type Platform, type Severity } from '../domain/types';
import { CSV_BYTE_ORDER_MARK, csvMinutes, csvRow } from '../export/csv';
import { ratingFor } from '../policy/queries';
import type { Policy } from '../policy/schema';
import type { SlaFigures, SlaReport } from '../reports/sla-report';
import { formatDuration } from './response-clock';

/**
 * The options page's response report in words: its periods, its figures as table cells, and the same
 * table as CSV. One wording for the table and the file, so a spreadsheet says what the page said.
 */

export const REPORT_PERIODS = [
  { id: 'last-7-days', label: 'Last 7 days' },
  { id: 'last-30-days', label: 'Last 30 days' },
  { id: 'this-month', label: 'This month' },
  { id: 'last-month', label: 'Last month' },
] as const;
export type ReportPeriodId = (typeof REPORT_PERIODS)[number]['id'];

/** Local midnight `days` days after the day of `base` (negative: before). */
function midnight(base: Date, days = 0): Date {
  return new Date(base.getFullYear(), base.getMonth(), base.getDate() + days);
}

/**
 * A period in whole days of the agent's calendar, today included: a report read at 9:00 and at 17:00
 * covers the same cases, and a case opened a minute ago is already in it. "Last 7 days" is today and
 * the six days before.
 */
export function reportPeriod(id: ReportPeriodId, nowMs: number): { from: string; to: string } {
  const now = new Date(nowMs);
  const month = (offset: number) => new Date(now.getFullYear(), now.getMonth() + offset, 1);
  const [from, to] =
    id === 'last-7-days'
      ? [midnight(now, -6), midnight(now, 1)]
      : id === 'last-30-days'
        ? [midnight(now, -29), midnight(now, 1)]
        : id === 'this-month'
          ? [month(0), month(1)]
          : [month(-1), month(0)];
  return { from: from.toISOString(), to: to.toISOString() };
}

/** The first and last local day of [from, to): the last instant before `to` is on the last day. */
function periodDays(period: { from: string; to: string }): [Date, Date] {
  return [new Date(period.from), new Date(Date.parse(period.to) - 1)];
}

/** "2026-11-23", the local day. */
function isoDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** "17 Nov 2026 – 23 Nov 2026": the first and last day of [from, to), in the agent's locale. */
export function describePeriod(period: { from: string; to: string }, locale?: string): string {
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  const [first, last] = periodDays(period);
  return `${format.format(first)} – ${format.format(last)}`;
}

/**
 * `part` of `whole` in percent, to `decimals` places. Never rounded up to 100 or down to 0 unless it
 * is: 199 of 200 on time is not "all of them".
 */
function sharePercent(part: number, whole: number, decimals: number): number {
  if (part === whole) return 100;
  if (part === 0) return 0;
  const scale = 10 ** decimals;
  const rounded = Math.round((part / whole) * 100 * scale);
  return Math.min(100 * scale - 1, Math.max(1, rounded)) / scale;
}

/** "91% (32 of 35)", never 100% or 0% unless it is (see sharePercent). */
export function formatShare(part: number, whole: number): string {
  if (whole === 0) return '–';
  return `${sharePercent(part, whole, 0)}% (${part} of ${whole})`;
}

function formatWait(ms: number | null): string {
  return ms === null ? '–' : formatDuration(ms);
}

export function platformName(platform: Platform | null): string {
  return platform === null ? 'Unknown platform' : PLATFORM_LABELS[platform];
}

/** "S4 Critical", as the severity badge says it. */
export function severityName(severity: Severity, policy: Policy): string {
  const name = ratingFor(policy, severity)?.name;
  return name ? `S${severity} ${name}` : `S${severity}`;
}

/** The summary table's rows: what each figure is called and its value. */
export function summaryRows(figures: SlaFigures): Array<{ label: string; value: string }> {
  return [
    { label: 'Cases opened', value: String(figures.opened) },
    { label: 'Spam (no reply needed)', value: String(figures.spam) },
    { label: 'Answered', value: `${figures.answered} of ${figures.needingReply}` },
    { label: 'Answered within target', value: formatShare(figures.withinTarget, figures.answered) },
    { label: 'Median first response', value: formatWait(figures.firstResponseMedianMs) },
    { label: '90% answered within', value: formatWait(figures.firstResponseP90Ms) },
    { label: 'Waiting for a first reply', value: String(figures.waiting) },
    { label: 'Waiting past target', value: String(figures.waitingPastTarget) },
    { label: 'Closed without a reply', value: String(figures.closedWithoutReply) },
    { label: 'Resolved', value: String(figures.resolved) },
    { label: 'Median time to resolve', value: formatWait(figures.resolveMedianMs) },
  ];
}

/** The breakdown tables' columns after the row's name. */
export const BREAKDOWN_COLUMNS = [
  'Needing a reply',
  'Answered',
  'Within target',
  'Median first response',
  'Waiting',
  'Past target',
] as const;

export function breakdownCells(figures: SlaFigures): string[] {
  return [
    String(figures.needingReply),
    String(figures.answered),
    formatShare(figures.withinTarget, figures.answered),
    formatWait(figures.firstResponseMedianMs),
    String(figures.waiting),
    String(figures.waitingPastTarget),
  ];
}

const CSV_COLUMNS = [
  'period_start',
  'period_end',
  'group',
  'name',
  'cases_opened',
  'spam',
  'needing_reply',
  'answered',
  'answered_within_target',
  'answered_within_target_percent',
  'median_first_response_minutes',
  'p90_first_response_minutes',
  'waiting',
  'waiting_past_target',
  'closed_without_reply',
  'resolved',
  'median_time_to_resolve_minutes',
] as const;

/**
 * The report as CSV: the whole period, then each platform and each severity, one row each. Numbers
 * stay numbers (minutes, a percentage to one decimal, rounded as the page rounds) so a spreadsheet
 * can sum and chart them. The period is the local days the page and the file name show, its last day
 * included.
 */
export function reportCsv(report: SlaReport, policy: Policy): string {
  const [first, last] = periodDays(report);
  const row = (group: string, name: string, figures: SlaFigures) =>
    csvRow([
      isoDay(first),
      isoDay(last),
      group,
      name,
      figures.opened,
      figures.spam,
      figures.needingReply,
      figures.answered,
      figures.withinTarget,
      figures.answered === 0 ? null : sharePercent(figures.withinTarget, figures.answered, 1),
      csvMinutes(figures.firstResponseMedianMs),
      csvMinutes(figures.firstResponseP90Ms),
      figures.waiting,
      figures.waitingPastTarget,
      figures.closedWithoutReply,
      figures.resolved,
      csvMinutes(figures.resolveMedianMs),
    ]);
  return [
    CSV_BYTE_ORDER_MARK + csvRow(CSV_COLUMNS),
    row('all', 'All cases', report.total),
    ...report.byPlatform.map(({ platform, figures }) => row('platform', platformName(platform), figures)),
    ...report.bySeverity.map(({ severity, figures }) =>
      row('severity', severityName(severity, policy), figures),
    ),
  ].join('');
}

/** "2026-11-17_to_2026-11-23": the period's first and last local day, for a file name. */
export function periodStamp(period: { from: string; to: string }): string {
  const [first, last] = periodDays(period);
  return `${isoDay(first)}_to_${isoDay(last)}`;
}
