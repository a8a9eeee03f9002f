import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../../lib/db/records';
import { caseMetrics, caseMetricsFromTimeline, deriveCase } from '../../../lib/db/timeline';

const base = { caseId: 'k', customerId: 'c' };
const detected = (id: string, at: string, severity: 1 | 2 | 3 | 4 = 2): EventRow => ({
  ...base,
  id,
  at,
  type: 'detected',
  data: { mentionId: `x:${id}`, detectedAt: at, category: 'complaint', severity },
});
const status = (
  id: string,
  at: string,
  from: 'open' | 'awaiting-customer' | 'resolved',
  to: typeof from,
): EventRow => ({
  ...base,
  id,
  at,
  type: 'status-changed',
  data: { from, to, reason: 'agent' },
});
const replied = (id: string, at: string): EventRow => ({
  ...base,
  id,
  at,
  type: 'replied',
  data: { via: 'inserted', text: 'hi', postKey: null, seenMentionId: null },
});

describe('deriveCase', () => {
  it('derives times, status, reopenings and severity from events in any input order', () => {
    const events = [
      status('e5', '2026-01-01T14:00:00.000Z', 'resolved', 'open'),
      detected('e1', '2026-01-01T10:00:00.000Z', 2),
      replied('e2', '2026-01-01T10:30:00.000Z'),
      status('e3', '2026-01-01T10:30:00.000Z', 'open', 'awaiting-customer'),
      status('e4', '2026-01-01T12:00:00.000Z', 'awaiting-customer', 'resolved'),
      detected('e6', '2026-01-01T14:00:00.000Z', 4),
      replied('e7', '2026-01-01T15:00:00.000Z'),
    ];
    const derived = deriveCase({ id: 'k', customerId: 'c' }, events);
    expect(derived).toEqual({
      id: 'k',
      customerId: 'c',
      status: 'open',
      openedAt: '2026-01-01T10:00:00.000Z',
      firstMentionId: 'x:e1',
      firstResponseAt: '2026-01-01T10:30:00.000Z',
      resolvedAt: null,
      reopenedCount: 1,
      statusChangedAt: '2026-01-01T14:00:00.000Z',
      updatedAt: '2026-01-01T15:00:00.000Z',
      severity: 4,
      category: 'complaint',
    });
    expect(deriveCase({ id: 'k', customerId: 'c' }, [...events].reverse())).toEqual(derived);
  });

  it('follows recategorization of the opening mention only', () => {
    const events: EventRow[] = [
      detected('e1', '2026-01-01T10:00:00.000Z'),
      detected('e2', '2026-01-01T11:00:00.000Z'),
      {
        ...base,
        id: 'e3',
        at: '2026-01-01T12:00:00.000Z',
        type: 'recategorized',
        data: { mentionId: 'x:e2', from: 'complaint', to: 'spam' },
      },
    ];
    expect(deriveCase({ id: 'k', customerId: 'c' }, events).category).toBe('complaint');
    events.push({
      ...base,
      id: 'e4',
      at: '2026-01-01T13:00:00.000Z',
      type: 'recategorized',
      data: { mentionId: 'x:e1', from: 'complaint', to: 'praise' },
    });
    expect(deriveCase({ id: 'k', customerId: 'c' }, events).category).toBe('praise');
  });

  it('refuses an empty timeline', () => {
    expect(() => deriveCase({ id: 'k', customerId: 'c' }, [])).toThrow('no events');
  });
});

describe('caseMetrics', () => {
  it('measures first response and resolution from the opening post', () => {
    expect(
      caseMetrics({
        openedAt: '2026-01-01T10:00:00.000Z',
        firstResponseAt: '2026-01-01T10:45:00.000Z',
        resolvedAt: '2026-01-02T10:00:00.000Z',
      }),
    ).toEqual({ firstResponseMs: 45 * 60_000, resolutionMs: 24 * 3_600_000 });
    expect(
      caseMetrics({ openedAt: '2026-01-01T10:00:00.000Z', firstResponseAt: null, resolvedAt: null }),
    ).toEqual({
      firstResponseMs: null,
      resolutionMs: null,
    });
  });

  it('never reports a negative wait when an estimated post time lands after the reply', () => {
    expect(
      caseMetrics({
        openedAt: '2026-01-01T10:00:00.000Z',
        firstResponseAt: '2026-01-01T09:59:00.000Z',
        resolvedAt: null,
      }).firstResponseMs,
    ).toBe(0);
  });

  it('derives the same numbers straight from a timeline', () => {
    const events = [
      detected('e1', '2026-01-01T10:00:00.000Z'),
      replied('e2', '2026-01-01T10:05:00.000Z'),
      status('e3', '2026-01-01T11:00:00.000Z', 'open', 'resolved'),
    ];
    expect(caseMetricsFromTimeline(events)).toEqual({ firstResponseMs: 5 * 60_000, resolutionMs: 3_600_000 });
  });
});
