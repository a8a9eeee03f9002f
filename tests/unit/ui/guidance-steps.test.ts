// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { escalationClockStart } from '../../../components/sidebar/guidance/stepStatus';
import type { CaseRow, EventRow } from '../../../lib/db/records';
import { mentionDetail, mentionRow, mentionView, mount, settle, unmountAll } from './mount';

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

const mention = mentionRow({ severity: 2 });
const caseRow: CaseRow = {
  id: mention.caseId,
  customerId: mention.customerId,
  status: 'open',
  openedAt: mention.at,
  firstMentionId: mention.id,
  firstResponseAt: null,
  resolvedAt: null,
  reopenedCount: 0,
  statusChangedAt: mention.at,
  updatedAt: mention.at,
  severity: mention.severity,
  category: mention.category,
};
const detail = mentionDetail(mention, { caseRow });

describe('Resolve case in the guidance steps', () => {
  it('runs once per press and shows why the background refused it', async () => {
    const changes: unknown[] = [];
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: {
      type: string;
      payload: { name: string };
    }) => {
      if (message.type === 'sidebar:query') return message.payload.name === 'mention-detail' ? detail : null;
      changes.push(message.payload);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { ok: false, message: 'There is no room left to save this.' };
    }) as never);
    const { container } = mount(mentionView(mention.id));
    await settle();
    const step = container.querySelector('[data-step="resolve"]') as HTMLElement;
    const resolve = step.querySelector('button') as HTMLButtonElement;
    expect(resolve.textContent).toBe('Resolve case');
    await act(async () => {
      resolve.click();
      resolve.click();
    });
    await settle(20);
    expect(changes).toEqual([{ name: 'set-case-status', args: { caseId: caseRow.id, status: 'resolved' } }]);
    expect(step.querySelector('[role="alert"]')?.textContent).toBe('There is no room left to save this.');
  });
});

describe('Escalation deadline', () => {
  const detected = (id: string, at: string, severity: 1 | 2 | 3 | 4): EventRow => ({
    id: `ev-${id}`,
    caseId: mention.caseId,
    customerId: mention.customerId,
    at,
    type: 'detected',
    data: { mentionId: id, detectedAt: at, category: 'complaint', severity },
  });

  it('runs from the post that made the case this serious, not from when the case opened days before', () => {
    const threat = mentionRow({ id: 'm2', severity: 4, at: '2026-11-25T09:00:00.000Z' });
    const events = [detected('m1', '2026-11-23T10:00:00.000Z', 2), detected('m2', threat.at, 4)];
    expect(escalationClockStart(threat, events)).toBe(threat.at);
  });

  it('keeps running from the first post at that rating when the customer writes again', () => {
    const again = mentionRow({ id: 'm3', severity: 4, at: '2026-11-25T10:00:00.000Z' });
    const events = [
      detected('m1', '2026-11-23T10:00:00.000Z', 2),
      detected('m2', '2026-11-25T09:00:00.000Z', 4),
      detected('m3', again.at, 4),
    ];
    expect(escalationClockStart(again, events)).toBe('2026-11-25T09:00:00.000Z');
  });

  it('leaves out an earlier post the agent re-rated lower (a false crisis relabelled)', () => {
    const threat = mentionRow({ id: 'm2', severity: 4, at: '2026-11-25T09:00:00.000Z' });
    const relabelled: EventRow = {
      id: 'ev-relabel',
      caseId: mention.caseId,
      customerId: mention.customerId,
      at: '2026-11-23T11:00:00.000Z',
      type: 'recategorized',
      data: { mentionId: 'm1', from: 'crisis', to: 'neutral', severity: 1 },
    };
    const events = [detected('m1', '2026-11-23T10:00:00.000Z', 4), relabelled, detected('m2', threat.at, 4)];
    expect(escalationClockStart(threat, events)).toBe(threat.at);
  });

  it("uses the post's own time until the case's timeline has loaded", () => {
    const threat = mentionRow({ severity: 4 });
    expect(escalationClockStart(threat, [])).toBe(threat.at);
  });
});
