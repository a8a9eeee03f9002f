import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import type { SlaFigures, SlaReport } from '../../../lib/reports/sla-report';
import {
  describePeriod,
  formatShare,
  periodStamp,
  reportCsv,
  reportPeriod,
  severityName,
} from '../../../lib/ui/response-report';

/** Local time, as the agent's calendar has it (the periods are whole local days). */
const local = (year: number, month: number, day: number, hour = 0) =>
  new Date(year, month - 1, day, hour).toISOString();

describe('response report periods', () => {
  const afternoon = Date.parse(local(2026, 11, 23, 15));

  it('covers whole local days, today included', () => {
    expect(reportPeriod('last-7-days', afternoon)).toEqual({
      from: local(2026, 11, 17),
      to: local(2026, 11, 24),
    });
    expect(reportPeriod('last-30-days', afternoon)).toEqual({
      from: local(2026, 10, 25),
      to: local(2026, 11, 24),
    });
    expect(reportPeriod('last-7-days', Date.parse(local(2026, 11, 23, 0)))).toEqual(
      reportPeriod('last-7-days', Date.parse(local(2026, 11, 23, 23))),
    );
  });

  it('takes calendar months, across the turn of the year', () => {
    expect(reportPeriod('this-month', afternoon)).toEqual({
      from: local(2026, 11, 1),
      to: local(2026, 12, 1),
    });
    expect(reportPeriod('last-month', afternoon)).toEqual({
      from: local(2026, 10, 1),
      to: local(2026, 11, 1),
    });
    const january = Date.parse(local(2027, 1, 5, 9));
    expect(reportPeriod('last-month', january)).toEqual({ from: local(2026, 12, 1), to: local(2027, 1, 1) });
    expect(reportPeriod('this-month', Date.parse(local(2026, 12, 31, 23)))).toEqual({
      from: local(2026, 12, 1),
      to: local(2027, 1, 1),
    });
  });

  it('names its first and last day', () => {
    const week = reportPeriod('last-7-days', afternoon);
    expect(describePeriod(week, 'en-GB')).toBe('17 Nov 2026 – 23 Nov 2026');
    expect(periodStamp(week)).toBe('2026-11-17_to_2026-11-23');
  });
});

describe('response report words', () => {
  it('gives a share with its count, never rounded to all or none when it is not', () => {
    expect(formatShare(32, 35)).toBe('91% (32 of 35)');
    expect(formatShare(199, 200)).toBe('99% (199 of 200)');
    expect(formatShare(1, 300)).toBe('1% (1 of 300)');
    expect(formatShare(3, 3)).toBe('100% (3 of 3)');
    expect(formatShare(0, 3)).toBe('0% (0 of 3)');
    expect(formatShare(0, 0)).toBe('–');
  });

  it('names a severity by the policy’s rating', () => {
    expect(severityName(4, DEFAULT_POLICY)).toBe('S4 Critical');
    expect(severityName(1, { ...DEFAULT_POLICY, ratings: [] })).toBe('S1');
  });
});

describe('response report CSV', () => {
  const afternoon = Date.parse(local(2026, 11, 23, 15));
  const figures = (answered: number, withinTarget: number): SlaFigures => ({
    opened: answered,
    spam: 0,
    needingReply: answered,
    answered,
    withinTarget,
    firstResponseMedianMs: 60_000,
    firstResponseP90Ms: 60_000,
    waiting: 0,
    waitingPastTarget: 0,
    closedWithoutReply: 0,
    resolved: 0,
    resolveMedianMs: null,
  });
  const csvOf = (total: SlaFigures, period = reportPeriod('last-7-days', afternoon)) => {
    const report: SlaReport = {
      ...period,
      now: new Date(afternoon).toISOString(),
      total,
      byPlatform: [],
      bySeverity: [],
    };
    return reportCsv(report, DEFAULT_POLICY);
  };
  /** The "All cases" row's cells (no cell here needs quoting). */
  const totalRow = (csv: string) => csv.split('\r\n')[1]?.split(',') ?? [];
  const percent = (total: SlaFigures) => totalRow(csvOf(total))[9];

  it('never rounds the share within target to 100 unless all were, nor to 0 unless none were', () => {
    expect(percent(figures(2000, 1999))).toBe('99.9');
    expect(percent(figures(2000, 1))).toBe('0.1');
    expect(percent(figures(35, 32))).toBe('91.4');
    expect(percent(figures(3, 3))).toBe('100');
    expect(percent(figures(3, 0))).toBe('0');
    expect(percent(figures(0, 0))).toBe('');
  });

  it('starts with a UTF-8 byte-order mark, as Parley’s other CSV files do, so Excel reads names right', () => {
    const csv = csvOf(figures(3, 3));
    expect(csv.startsWith('\uFEFFperiod_start,period_end,')).toBe(true);
    expect(csv.indexOf('\uFEFF', 1)).toBe(-1);
  });

  it('gives the period as the local days the page shows, its last day included', () => {
    const week = reportPeriod('last-7-days', afternoon);
    expect(totalRow(csvOf(figures(3, 3), week)).slice(0, 2)).toEqual(['2026-11-17', '2026-11-23']);
    const lastMonth = reportPeriod('last-month', afternoon);
    expect(totalRow(csvOf(figures(3, 3), lastMonth)).slice(0, 2)).toEqual(['2026-10-01', '2026-10-31']);
  });
});
