import { describe, expect, it } from 'vitest';
import type { CaseRow, MentionRow } from '../../../lib/db/records';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import { type QueueCandidate, rankQueue, stepKey } from '../../../lib/ui/queue-order';
import {
  clockLabel,
  dueSoonThresholdMs,
  formatAgo,
  formatDuration,
  responseClock,
} from '../../../lib/ui/response-clock';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

function mention(id: string, overrides: Partial<MentionRow> = {}): MentionRow {
  return {
    id,
    platform: 'reddit',
    postId: id,
    permalink: null,
    customerId: `cu-${id}`,
    identityId: `reddit:${id}`,
    authorHandle: id,
    text: 'text',
    postedAt: minutesAgo(10),
    postedAtEstimated: false,
    detectedAt: minutesAgo(10),
    at: minutesAgo(10),
    category: 'complaint',
    severity: 2,
    sentiment: 0,
    reasons: [],
    isOwnReply: false,
    inReplyTo: null,
    caseId: `ca-${id}`,
    ...overrides,
  };
}

function caseFor(row: MentionRow, overrides: Partial<CaseRow> = {}): CaseRow {
  return {
    id: row.caseId,
    customerId: row.customerId,
    status: 'open',
    openedAt: row.at,
    firstMentionId: row.id,
    firstResponseAt: null,
    resolvedAt: null,
    reopenedCount: 0,
    statusChangedAt: row.at,
    updatedAt: row.at,
    severity: row.severity,
    category: row.category,
    ...overrides,
  };
}

function candidate(row: MentionRow, caseOverrides: Partial<CaseRow> = {}): QueueCandidate {
  return { mention: row, caseRow: caseFor(row, caseOverrides), customer: null, onPage: true };
}

describe('responseClock', () => {
  it('runs against the severity target, with the platform override when there is one', () => {
    // Default policy: severity 2 → 60 min; X overrides severity 1 to 60 min (180 elsewhere).
    const row = mention('a', { at: minutesAgo(20) });
    const clock = responseClock(row, caseFor(row), DEFAULT_POLICY, NOW);
    expect(clock).toMatchObject({ state: 'on-time', targetMinutes: 60, remainingMs: 40 * 60_000 });
    const onX = mention('b', { platform: 'x', severity: 1, category: 'question', at: minutesAgo(20) });
    expect(responseClock(onX, caseFor(onX), DEFAULT_POLICY, NOW).targetMinutes).toBe(60);
    const onReddit = mention('c', { severity: 1, category: 'question', at: minutesAgo(20) });
    expect(responseClock(onReddit, caseFor(onReddit), DEFAULT_POLICY, NOW).targetMinutes).toBe(180);
  });

  it('turns amber in the last stretch and red once past the target', () => {
    const dueSoon = mention('a', { severity: 4, at: minutesAgo(11) }); // 15 min target, 4 left
    expect(responseClock(dueSoon, caseFor(dueSoon), DEFAULT_POLICY, NOW).state).toBe('due-soon');
    const overdue = mention('b', { severity: 4, at: minutesAgo(16) });
    const clock = responseClock(overdue, caseFor(overdue), DEFAULT_POLICY, NOW);
    expect(clock.state).toBe('overdue');
    expect(clock.remainingMs).toBe(-60_000);
    expect(clockLabel(clock)).toBe('overdue 1m');
  });

  it('starts from when the case last started waiting, not from the first post', () => {
    const row = mention('a', { at: minutesAgo(500) });
    const reopened = caseFor(row, { statusChangedAt: minutesAgo(5) });
    expect(responseClock(row, reopened, DEFAULT_POLICY, NOW)).toMatchObject({
      state: 'on-time',
      remainingMs: 55 * 60_000,
    });
  });

  it('stops once we replied or resolved, and never runs for spam', () => {
    const row = mention('a');
    expect(responseClock(row, caseFor(row, { status: 'awaiting-customer' }), DEFAULT_POLICY, NOW).state).toBe(
      'waiting-on-customer',
    );
    expect(responseClock(row, caseFor(row, { status: 'resolved' }), DEFAULT_POLICY, NOW).state).toBe(
      'resolved',
    );
    const spam = mention('s', { category: 'spam' });
    expect(responseClock(spam, caseFor(spam), DEFAULT_POLICY, NOW).state).toBe('no-reply-needed');
  });

  it('warns at least five minutes ahead, or a quarter of long targets', () => {
    expect(dueSoonThresholdMs(15 * 60_000)).toBe(5 * 60_000);
    expect(dueSoonThresholdMs(180 * 60_000)).toBe(45 * 60_000);
    expect(dueSoonThresholdMs(4 * 60_000)).toBe(2 * 60_000);
  });
});

describe('rankQueue', () => {
  it('puts the most severe first, then the least time left, then replied, resolved and spam', () => {
    const items = [
      candidate(mention('low-old', { severity: 1, category: 'question', at: minutesAgo(170) })),
      candidate(mention('medium-fresh', { severity: 2, at: minutesAgo(5) })),
      candidate(mention('spam', { severity: 1, category: 'spam' })),
      candidate(mention('medium-late', { severity: 2, at: minutesAgo(70) })),
      candidate(mention('critical', { severity: 4, category: 'crisis', at: minutesAgo(1) })),
      candidate(mention('replied', { severity: 3 }), { status: 'awaiting-customer' }),
      candidate(mention('resolved', { severity: 4 }), { status: 'resolved' }),
    ];
    const ranked = rankQueue(items, DEFAULT_POLICY, NOW);
    expect(ranked.map((item) => item.mention.id)).toEqual([
      'critical',
      'medium-late',
      'medium-fresh',
      'low-old',
      'replied',
      'resolved',
      'spam',
    ]);
    expect(ranked[1]?.clock.state).toBe('overdue');
  });

  it('leaves out the brand’s own replies', () => {
    const ranked = rankQueue([candidate(mention('own', { isOwnReply: true }))], DEFAULT_POLICY, NOW);
    expect(ranked).toEqual([]);
  });
});

describe('stepKey', () => {
  const order = ['a', 'b', 'c'];
  it('moves one step and stops at the ends', () => {
    expect(stepKey(order, 'a', 1)).toBe('b');
    expect(stepKey(order, 'c', 1)).toBe('c');
    expect(stepKey(order, 'a', -1)).toBe('a');
    expect(stepKey(order, 'b', -1)).toBe('a');
  });
  it('starts at the first (or last) item when nothing is selected', () => {
    expect(stepKey(order, null, 1)).toBe('a');
    expect(stepKey(order, 'gone', -1)).toBe('c');
    expect(stepKey([], null, 1)).toBeNull();
  });
});

describe('time labels', () => {
  it('formats durations compactly', () => {
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(12 * 60_000)).toBe('12m');
    expect(formatDuration(65 * 60_000)).toBe('1h 05m');
    expect(formatDuration(-(3 * 24 + 4) * 3_600_000)).toBe('3d 4h');
    expect(formatAgo(minutesAgo(90), NOW)).toBe('1h ago');
    expect(formatAgo(minutesAgo(0), NOW)).toBe('just now');
  });
});
