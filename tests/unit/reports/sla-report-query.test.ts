import { describe, expect, it, vi } from 'vitest';
import { runSidebarQuery } from '../../../lib/background/sidebar-api';
import { setCaseStatus } from '../../../lib/db/cases';
import type { ParleyDb } from '../../../lib/db/schema';
import { seedSyntheticData } from '../../../lib/db/seed';
import { markReplySent } from '../../../lib/replies/record';
import { type SlaReport, slaReport } from '../../../lib/reports/sla-report';
import { ANY_RANGE, freshDb, postCustomerCase, spyOnReads } from '../db/fixtures';

/** General targets, and a stricter one for severity 2 on X. */
const sla = { firstResponseMinutes: { 1: 120, 2: 60, 3: 30, 4: 15 }, byPlatform: { x: { 2: 20 } } };
const march = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-08T00:00:00.000Z' };
const NOW = '2026-03-10T12:00:00.000Z';

const minutesAfter = (at: string, minutes: number) =>
  new Date(Date.parse(at) + minutes * 60_000).toISOString();

async function reply(db: ParleyDb, caseId: string, at: string) {
  await markReplySent(db, { caseId, postKey: `x:${caseId}`, text: 'Sorry, we are on it.', at });
}

const report = (db: ParleyDb, args: Record<string, unknown>) =>
  runSidebarQuery(db, 'sla-report', { sla, now: NOW, ...march, ...args }) as Promise<SlaReport>;

describe('the response report query', () => {
  it('reports on the cases recorded in the period, with each case’s platform from its first post', async () => {
    const db = freshDb();
    // X, severity 2: answered in 15 minutes, inside X's 20.
    const jane = await postCustomerCase(db, {
      platform: 'x',
      handle: 'jane',
      at: '2026-03-02T10:00:00.000Z',
    });
    await reply(db, jane, minutesAfter('2026-03-02T10:00:00.000Z', 15));
    // Reddit: answered in 50 minutes (inside 60), resolved, then the customer wrote again and it reopened.
    const tim = await postCustomerCase(db, {
      platform: 'reddit',
      handle: 'tim',
      at: '2026-03-03T09:00:00.000Z',
    });
    await reply(db, tim, minutesAfter('2026-03-03T09:00:00.000Z', 50));
    await setCaseStatus(db, { caseId: tim, status: 'resolved', at: '2026-03-03T12:00:00.000Z' });
    expect(
      await postCustomerCase(db, { platform: 'reddit', handle: 'tim', at: '2026-03-05T08:00:00.000Z' }),
    ).toBe(tim);
    // Facebook, severity 3: no reply, past its 30 minutes by now.
    await postCustomerCase(db, {
      platform: 'facebook',
      handle: 'amy',
      at: '2026-03-07T22:00:00.000Z',
      classification: { severity: 3 },
    });
    // Spam needs no reply; cases opened before and after the period are not in it.
    await postCustomerCase(db, {
      platform: 'x',
      handle: 'bot',
      at: '2026-03-04T10:00:00.000Z',
      classification: { category: 'spam' },
    });
    await postCustomerCase(db, { platform: 'x', handle: 'old', at: '2026-02-20T10:00:00.000Z' });
    await postCustomerCase(db, { platform: 'x', handle: 'later', at: '2026-03-09T10:00:00.000Z' });

    const answer = await report(db, {});
    expect(answer.total).toEqual({
      opened: 4,
      spam: 1,
      needingReply: 3,
      answered: 2,
      withinTarget: 2,
      firstResponseMedianMs: 32.5 * 60_000,
      firstResponseP90Ms: 50 * 60_000,
      waiting: 1,
      waitingPastTarget: 1,
      closedWithoutReply: 0,
      resolved: 0,
      resolveMedianMs: null,
    });
    expect(answer.byPlatform.map(({ platform, figures }) => [platform, figures.opened])).toEqual([
      ['x', 2],
      ['facebook', 1],
      ['reddit', 1],
    ]);
    expect(answer.bySeverity.map(({ severity }) => severity)).toEqual([3, 2]);
    expect([answer.from, answer.to, answer.now]).toEqual([march.from, march.to, NOW]);

    // With X's target at 10 minutes, Jane's 15-minute answer is late.
    const strict = await report(db, { sla: { ...sla, byPlatform: { x: { 2: 10 } } } });
    expect(strict.total.withinTarget).toBe(1);
  });

  it('answers the same as the figures over every row, reading only the period’s cases', async () => {
    const db = freshDb();
    const spy = spyOnReads(db);
    await seedSyntheticData(db, { customers: 400, mentionsPerCustomer: 5, seed: 11 });
    const period = { from: '2025-04-01T00:00:00.000Z', to: '2025-05-01T00:00:00.000Z' };
    // The first posts' platforms are in their keys: their rows, text and all, are not read.
    const postsByKey = [vi.spyOn(db.mentions, 'bulkGet'), vi.spyOn(db.mentions, 'get')];
    spy.recording = true;
    const answer = await report(db, { ...period, now: '2025-05-02T00:00:00.000Z' });
    spy.recording = false;
    for (const read of postsByKey) expect(read).not.toHaveBeenCalled();
    expect(spy.seen.filter((read) => read.table !== 'cases')).toEqual([]);

    const everything = slaReport({
      cases: await db.cases.toArray(),
      policy: { sla },
      period,
      now: '2025-05-02T00:00:00.000Z',
    });
    expect(answer).toEqual(everything);
    expect(answer.total.opened).toBeGreaterThan(20);
    expect(answer.total.opened).toBeLessThan(await db.cases.count());

    const caseReads = spy.seen.filter((read) => read.table === 'cases');
    expect(caseReads.map((read) => read.index).sort()).toEqual([
      '[status+openedAt]',
      '[status+openedAt]',
      '[status+openedAt]',
    ]);
    for (const read of spy.seen)
      expect(read.range.type, `${read.table} read scans everything`).not.toBe(ANY_RANGE);
    for (const read of caseReads) {
      const [lower, upper] = [read.range.lower, read.range.upper] as [unknown[], unknown[]];
      expect([lower[1], upper[1], read.range.upperOpen]).toEqual([period.from, period.to, true]);
    }
  });

  it('refuses a period that ends before it starts, or is longer than 366 days, and bad targets', async () => {
    const db = freshDb();
    await expect(report(db, { from: march.to, to: march.from })).rejects.toThrow(
      'That could not be read: the period has to end after it starts.',
    );
    await expect(
      report(db, { from: '2025-01-01T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' }),
    ).rejects.toThrow('That could not be read: a report covers at most 366 days.');
    await expect(
      report(db, { sla: { ...sla, firstResponseMinutes: { ...sla.firstResponseMinutes, 4: 0 } } }),
    ).rejects.toThrow(/^That could not be read: /);
    await expect(report(db, { from: 'last week' })).rejects.toThrow(/^That could not be read: /);
    // A leap year, whole.
    const leapYear = await report(db, { from: '2028-01-01T00:00:00.000Z', to: '2029-01-01T00:00:00.000Z' });
    expect(leapYear.total.opened).toBe(0);
  });

  it('measures waits up to the background’s clock when the page gives no time', async () => {
    const db = freshDb();
    await postCustomerCase(db, { platform: 'x', handle: 'jane', at: '2026-03-02T10:00:00.000Z' });
    const before = Date.now();
    const answer = (await runSidebarQuery(db, 'sla-report', { sla, ...march })) as SlaReport;
    expect(Date.parse(answer.now)).toBeGreaterThanOrEqual(before);
    expect(answer.total).toMatchObject({ waiting: 1, waitingPastTarget: 1 });
  });
});
