import { describe, expect, it } from 'vitest';
import type { Platform } from '../../../lib/domain/types';
import { type SlaCaseRow, type SlaFigures, slaReport } from '../../../lib/reports/sla-report';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** General targets, and a stricter one for severity 2 on X. */
const policy = {
  sla: { firstResponseMinutes: { 1: 120, 2: 60, 3: 30, 4: 15 }, byPlatform: { x: { 2: 20 } } },
} as const;

const period = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-08T00:00:00.000Z' };
const NOW = '2026-03-10T12:00:00.000Z';

let counter = 0;

/** A case whose first post is on `platform`, opened at `openedAt`, answered `answeredAfter` ms later. */
function caseOn(
  platform: Platform,
  openedAt: string,
  rest: Partial<SlaCaseRow> & { answeredAfter?: number; resolvedAfter?: number } = {},
): SlaCaseRow {
  counter += 1;
  const firstMentionId = `${platform}:p${counter}`;
  const { answeredAfter, resolvedAfter, ...row } = rest;
  const at = (after: number | undefined) =>
    after === undefined ? null : new Date(Date.parse(openedAt) + after).toISOString();
  return {
    openedAt,
    firstMentionId,
    firstResponseAt: at(answeredAfter),
    resolvedAt: at(resolvedAfter),
    status:
      resolvedAfter !== undefined ? 'resolved' : answeredAfter !== undefined ? 'awaiting-customer' : 'open',
    severity: 2,
    category: 'complaint',
    ...row,
  };
}

function report(cases: SlaCaseRow[], now = NOW, over = period) {
  return slaReport({ cases, policy, period: over, now });
}

const NOTHING: SlaFigures = {
  opened: 0,
  spam: 0,
  needingReply: 0,
  answered: 0,
  withinTarget: 0,
  firstResponseMedianMs: null,
  firstResponseP90Ms: null,
  waiting: 0,
  waitingPastTarget: 0,
  closedWithoutReply: 0,
  resolved: 0,
  resolveMedianMs: null,
};

describe('response report figures', () => {
  it('is empty for a period without cases', () => {
    const outside = caseOn('x', '2026-02-20T10:00:00.000Z', { answeredAfter: 5 * MINUTE });
    expect(report([outside])).toEqual({
      from: period.from,
      to: period.to,
      now: NOW,
      total: NOTHING,
      byPlatform: [],
      bySeverity: [],
    });
    expect(report([]).total).toEqual(NOTHING);
  });

  it('counts every figure over the cases opened in the period, with the targets of the policy', () => {
    const cases = [
      // X, severity 2: X's own 20-minute target applies. 15 minutes is on time…
      caseOn('x', '2026-03-02T10:00:00.000Z', { answeredAfter: 15 * MINUTE }),
      // …30 minutes is late on X, though within the general 60.
      caseOn('x', '2026-03-02T11:00:00.000Z', { answeredAfter: 30 * MINUTE }),
      // Facebook, severity 2 (60 minutes): answered at the deadline is on time; resolved after 6 hours.
      caseOn('facebook', '2026-03-03T09:00:00.000Z', { answeredAfter: 60 * MINUTE, resolvedAfter: 6 * HOUR }),
      // Facebook, severity 3: never answered, still open, long past its 30 minutes.
      caseOn('facebook', '2026-03-07T23:00:00.000Z', { severity: 3 }),
      // Reddit, severity 1: resolved by the agent without a reply, after 2 hours.
      caseOn('reddit', '2026-03-04T10:00:00.000Z', { severity: 1, resolvedAfter: 2 * HOUR }),
      // Spam needs no reply, and is left out of everything but the counts of cases and spam.
      caseOn('x', '2026-03-05T10:00:00.000Z', { severity: 1, category: 'spam' }),
      // Outside the period, on either side.
      caseOn('x', '2026-02-28T23:59:59.999Z', { answeredAfter: 5 * MINUTE }),
      caseOn('x', '2026-03-08T00:00:00.000Z'),
    ];
    const { total, byPlatform, bySeverity } = report(cases);
    expect(total).toEqual({
      opened: 6,
      spam: 1,
      needingReply: 5,
      answered: 3,
      withinTarget: 2,
      firstResponseMedianMs: 30 * MINUTE,
      firstResponseP90Ms: 60 * MINUTE,
      waiting: 1,
      waitingPastTarget: 1,
      closedWithoutReply: 1,
      resolved: 2,
      resolveMedianMs: 4 * HOUR,
    });
    expect(
      byPlatform.map(({ platform, figures }) => [platform, figures.opened, figures.withinTarget]),
    ).toEqual([
      ['x', 3, 1],
      ['facebook', 2, 1],
      ['reddit', 1, 0],
    ]);
    expect(byPlatform[0]?.figures).toMatchObject({ spam: 1, needingReply: 2, answered: 2 });
    expect(byPlatform[1]?.figures).toMatchObject({ waiting: 1, waitingPastTarget: 1, resolved: 1 });
    expect(bySeverity.map(({ severity, figures }) => [severity, figures.opened, figures.answered])).toEqual([
      [3, 1, 0],
      [2, 3, 3],
      [1, 2, 0],
    ]);
    for (const { figures } of [{ figures: total }, ...byPlatform, ...bySeverity])
      expect(figures.answered + figures.waiting + figures.closedWithoutReply).toBe(figures.needingReply);
  });

  it('uses a platform’s override only on that platform, and only for the severities it names', () => {
    const answeredIn = (platform: Platform, minutes: number, severity: 1 | 2 = 2) =>
      caseOn(platform, '2026-03-02T10:00:00.000Z', { severity, answeredAfter: minutes * MINUTE });
    const onTime = (row: SlaCaseRow) => report([row]).total.withinTarget === 1;
    expect(onTime(answeredIn('x', 20))).toBe(true);
    expect(onTime(answeredIn('x', 21))).toBe(false);
    expect(onTime(answeredIn('bluesky', 59))).toBe(true);
    // X overrides severity 2 only: severity 1 on X keeps the general 120 minutes.
    expect(onTime(answeredIn('x', 100, 1))).toBe(true);
  });

  it('times waiting cases from their first post against `now`, past target only once the target is over', () => {
    const opened = '2026-03-07T10:00:00.000Z';
    const waiting = caseOn('bluesky', opened, { severity: 4 });
    const at = (minutes: number) => new Date(Date.parse(opened) + minutes * MINUTE).toISOString();
    expect(report([waiting], at(15)).total).toMatchObject({ waiting: 1, waitingPastTarget: 0 });
    expect(report([waiting], at(16)).total).toMatchObject({ waiting: 1, waitingPastTarget: 1 });
  });

  it('reports no response times when nothing was answered', () => {
    const cases = [
      caseOn('x', '2026-03-02T10:00:00.000Z'),
      caseOn('youtube', '2026-03-07T23:50:00.000Z', { severity: 1 }),
    ];
    expect(report(cases, '2026-03-08T00:00:00.000Z').total).toEqual({
      ...NOTHING,
      opened: 2,
      needingReply: 2,
      waiting: 2,
      waitingPastTarget: 1,
    });
  });

  it('leaves everything but the counts empty when every case was spam', () => {
    const cases = [
      caseOn('x', '2026-03-02T10:00:00.000Z', { category: 'spam' }),
      caseOn('reddit', '2026-03-03T10:00:00.000Z', { category: 'spam', resolvedAfter: HOUR }),
    ];
    const { total, byPlatform, bySeverity } = report(cases);
    expect(total).toEqual({ ...NOTHING, opened: 2, spam: 2 });
    expect(byPlatform.map(({ platform, figures }) => [platform, figures.spam])).toEqual([
      ['x', 1],
      ['reddit', 1],
    ]);
    expect(bySeverity).toEqual([{ severity: 2, figures: { ...NOTHING, opened: 2, spam: 2 } }]);
  });

  it('keeps a reopened case’s first response, and counts it resolved only while it is', () => {
    const reopened = caseOn('x', '2026-03-02T10:00:00.000Z', {
      answeredAfter: 10 * MINUTE,
      status: 'open',
      resolvedAt: null,
    });
    expect(report([reopened]).total).toMatchObject({
      answered: 1,
      withinTarget: 1,
      waiting: 0,
      resolved: 0,
      resolveMedianMs: null,
    });
  });

  it('counts a reply recorded before the post’s (estimated) time as an immediate one', () => {
    const early = caseOn('x', '2026-03-02T10:00:00.000Z', { answeredAfter: -5 * MINUTE });
    expect(report([early]).total).toMatchObject({ answered: 1, withinTarget: 1, firstResponseMedianMs: 0 });
  });

  it('gives a case without a known first post the general target, under an unknown platform listed last', () => {
    const known = caseOn('x', '2026-03-02T10:00:00.000Z', { answeredAfter: 30 * MINUTE });
    const noFirstPost = { ...known, firstMentionId: null };
    const unknownPrefix = { ...known, firstMentionId: 'myspace:1' };
    const noPrefix = { ...known, firstMentionId: 'p1' };
    const { total, byPlatform } = report([noFirstPost, unknownPrefix, noPrefix, known]);
    // 30 minutes is late against X's 20, on time against the general 60.
    expect(total.withinTarget).toBe(3);
    expect(byPlatform.map(({ platform, figures }) => [platform, figures.opened])).toEqual([
      ['x', 1],
      [null, 3],
    ]);
  });

  it('takes a case’s platform from its first post’s key, without needing the post itself', () => {
    const onMastodon = caseOn('mastodon', '2026-03-02T10:00:00.000Z', { answeredAfter: 30 * MINUTE });
    // A post id may itself hold colons; only the part before the first one names the platform.
    const colons = { ...onMastodon, firstMentionId: 'reddit:t3_abc:comment:9' };
    expect(report([onMastodon, colons]).byPlatform.map(({ platform }) => platform)).toEqual([
      'reddit',
      'mastodon',
    ]);
  });

  it('takes the median between the two middle waits and the 90th percentile by nearest rank', () => {
    const answeredIn = (minutes: number) =>
      caseOn('bluesky', '2026-03-02T10:00:00.000Z', { answeredAfter: minutes * MINUTE });
    const ten = [7, 3, 1, 10, 5, 2, 9, 4, 8, 6].map(answeredIn);
    expect(report(ten).total).toMatchObject({
      firstResponseMedianMs: 5.5 * MINUTE,
      firstResponseP90Ms: 9 * MINUTE,
    });
    expect(report([answeredIn(42)]).total).toMatchObject({
      firstResponseMedianMs: 42 * MINUTE,
      firstResponseP90Ms: 42 * MINUTE,
    });
    const eleven = [...ten, answeredIn(11)];
    expect(report(eleven).total).toMatchObject({
      firstResponseMedianMs: 6 * MINUTE,
      firstResponseP90Ms: 10 * MINUTE,
    });
    // 90% of 70 is rank 63 exactly (not 64, which 0.9 × 70 in floating point would round up to).
    const seventy = Array.from({ length: 70 }, (_, index) => answeredIn(index + 1));
    expect(report(seventy).total.firstResponseP90Ms).toBe(63 * MINUTE);
  });

  it('includes a case opened at the period’s start, whatever form the bounds are written in', () => {
    const atStart = caseOn('x', '2026-03-01T00:00:00.000Z');
    expect(
      report([atStart], NOW, { from: '2026-03-01T00:00:00Z', to: '2026-03-08T00:00:00Z' }).total.opened,
    ).toBe(1);
  });
});
