// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { runSidebarQuery } from '../../../lib/background/sidebar-api';
import { setCaseStatus } from '../../../lib/db/cases';
import type { ParleyDb } from '../../../lib/db/schema';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import type { Policy } from '../../../lib/policy/schema';
import { markReplySent, recordInsertedReply } from '../../../lib/replies/record';
import { freshDb, postCustomerCase } from '../db/fixtures';
import { buttonNamed, byTestId, mount, settle, unmountAll } from './mount';

const downloads = vi.hoisted(() => [] as Array<{ text: string; fileName: string; type: string }>);
vi.mock('../../../components/options/file-io', () => ({
  downloadChunks: (chunks: string[], fileName: string, type: string) =>
    void downloads.push({ text: chunks.join(''), fileName, type }),
}));

const { ReportSection } = await import('../../../components/options/ReportSection');

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
  downloads.length = 0;
});

/** The real background's queries, argument checks included, over an in-memory database. */
function backgroundOver(db: ParleyDb): { asked: unknown[] } {
  const asked: unknown[] = [];
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: {
    type: string;
    payload: { name: string; args: unknown };
  }) => {
    if (message.type !== 'sidebar:query') return null;
    asked.push(message.payload.args);
    try {
      return await runSidebarQuery(db, message.payload.name, message.payload.args);
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }) as never);
  return { asked };
}

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const after = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

async function answer(db: ParleyDb, caseId: string, at: string) {
  await markReplySent(db, { caseId, postKey: `x:${caseId}`, text: 'Sorry, we are on it.', at });
}

/** Lets the in-memory database answer: several short waits, since each read is a few IndexedDB rounds. */
async function answered(): Promise<void> {
  for (let round = 0; round < 40 && document.body.textContent?.includes('Reading cases'); round += 1)
    await settle(5);
  await settle(5);
}

function rowsOf(table: HTMLElement): string[][] {
  return [...table.querySelectorAll('tr')].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''),
  );
}

function choosePeriod(label: string): void {
  const select = document.querySelector<HTMLSelectElement>('#report select');
  if (!select) throw new Error('no period picker');
  const option = [...select.options].find((candidate) => candidate.textContent === label);
  if (!option) throw new Error(`no period ${label}`);
  act(() => {
    select.value = option.value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/**
 * Two days ago on X: answered in 10 minutes (inside the default policy's 60 for severity 2), then
 * resolved after 3 hours. Yesterday on Facebook, severity 3: answered after 45 minutes (its target is
 * 30). Five hours ago on Reddit, severity 4: no answer yet, past its 15 minutes. Spam on X today. Twelve
 * days ago, on Bluesky: only in the last 30 days.
 */
async function week(db: ParleyDb) {
  const first = ago(48 * HOUR);
  const jane = await postCustomerCase(db, { platform: 'x', handle: 'jane', at: first });
  await answer(db, jane, after(first, 10 * 60_000));
  await setCaseStatus(db, { caseId: jane, status: 'resolved', at: after(first, 3 * HOUR) });
  const second = ago(24 * HOUR);
  const tim = await postCustomerCase(db, {
    platform: 'facebook',
    handle: 'tim',
    at: second,
    classification: { severity: 3 },
  });
  await answer(db, tim, after(second, 45 * 60_000));
  await postCustomerCase(db, {
    platform: 'reddit',
    handle: 'amy',
    at: ago(5 * HOUR),
    classification: { severity: 4 },
  });
  await postCustomerCase(db, {
    platform: 'x',
    handle: 'bot',
    at: ago(HOUR),
    classification: { category: 'spam' },
  });
  await postCustomerCase(db, { platform: 'bluesky', handle: 'old', at: ago(12 * 24 * HOUR) });
}

describe('options: the response report', () => {
  it('shows the last 7 days as tables with row and column headers, and the breakdowns', async () => {
    const db = freshDb('report-week');
    await week(db);
    backgroundOver(db);
    mount(createElement(ReportSection, { policy: DEFAULT_POLICY }));
    await answered();

    const summary = byTestId('report-summary');
    expect(summary.querySelector('caption')?.textContent).toMatch(
      /^Response report, Last 7 days \(.+ – .+\)$/,
    );
    expect([...summary.querySelectorAll('th')].every((cell) => cell.getAttribute('scope') === 'row')).toBe(
      true,
    );
    expect(rowsOf(summary)).toEqual([
      ['Cases opened', '4'],
      ['Spam (no reply needed)', '1'],
      ['Answered', '2 of 3'],
      ['Answered within target', '50% (1 of 2)'],
      ['Median first response', '27m'],
      ['90% answered within', '45m'],
      ['Waiting for a first reply', '1'],
      ['Waiting past target', '1'],
      ['Closed without a reply', '0'],
      ['Resolved', '1'],
      ['Median time to resolve', '3h 00m'],
    ]);

    const platforms = byTestId('report-by-platform');
    expect(platforms.querySelector('caption')?.textContent).toMatch(/^By platform, Last 7 days/);
    expect([...platforms.querySelectorAll('thead th')].map((cell) => cell.getAttribute('scope'))).toEqual(
      Array(7).fill('col'),
    );
    expect(rowsOf(platforms)).toEqual([
      [
        'Platform',
        'Needing a reply',
        'Answered',
        'Within target',
        'Median first response',
        'Waiting',
        'Past target',
      ],
      ['X', '1', '1', '100% (1 of 1)', '10m', '0', '0'],
      ['Facebook', '1', '1', '0% (0 of 1)', '45m', '0', '0'],
      ['Reddit', '1', '0', '–', '–', '1', '1'],
    ]);
    expect(rowsOf(byTestId('report-by-severity')).map((row) => row.slice(0, 3))).toEqual([
      ['Severity', 'Needing a reply', 'Answered'],
      ['S4 Critical', '1', '0'],
      ['S3 High', '1', '1'],
      ['S2 Medium', '1', '1'],
    ]);
  });

  it('reads again for another period, and says so while it reads', async () => {
    const db = freshDb('report-month');
    await week(db);
    backgroundOver(db);
    mount(createElement(ReportSection, { policy: DEFAULT_POLICY }));
    await answered();
    choosePeriod('Last 30 days');
    // The last 7 days' figures are not shown under the new period while it loads.
    expect(document.querySelector('[data-testid="report-summary"]')).toBeNull();
    expect(document.querySelector('[role="status"]')?.textContent).toBe('Reading cases…');
    await answered();
    expect(byTestId('report-summary').querySelector('caption')?.textContent).toMatch(/Last 30 days/);
    expect(rowsOf(byTestId('report-summary'))[0]).toEqual(['Cases opened', '5']);
    expect(rowsOf(byTestId('report-by-platform')).map((row) => row[0])).toContain('Bluesky');
  });

  it('says when there are no cases in the period, and when every case was spam', async () => {
    const empty = freshDb('report-empty');
    backgroundOver(empty);
    mount(createElement(ReportSection, { policy: DEFAULT_POLICY }));
    await answered();
    expect(document.querySelector('.empty-state strong')?.textContent).toBe('No cases in this period');
    expect(document.querySelector('table')).toBeNull();
    unmountAll();
    vi.restoreAllMocks();

    const spam = freshDb('report-spam');
    await postCustomerCase(spam, {
      platform: 'x',
      handle: 'bot',
      at: ago(HOUR),
      classification: { category: 'spam' },
    });
    await postCustomerCase(spam, {
      platform: 'x',
      handle: 'bot2',
      at: ago(2 * HOUR),
      classification: { category: 'spam' },
    });
    backgroundOver(spam);
    mount(createElement(ReportSection, { policy: DEFAULT_POLICY }));
    await answered();
    expect(document.querySelector('.empty-state')?.textContent).toBe(
      'Nothing in this period needed a replyAll 2 cases opened in this period were spam, which needs no reply.',
    );
  });

  it('says that a reply counts once it is in the site’s reply box, as a reply inserted and not sent does', async () => {
    const db = freshDb('report-inserted');
    const opened = ago(3 * HOUR);
    const jane = await postCustomerCase(db, { platform: 'x', handle: 'jane', at: opened });
    // Parley cannot see whether the agent then pressed the site's send button.
    await recordInsertedReply(db, {
      caseId: jane,
      postKey: `x:${jane}`,
      text: 'Sorry!',
      at: after(opened, 5 * 60_000),
    });
    backgroundOver(db);
    mount(createElement(ReportSection, { policy: DEFAULT_POLICY }));
    await answered();
    expect(rowsOf(byTestId('report-summary'))[2]).toEqual(['Answered', '1 of 1']);
    expect(document.querySelector('#report p.muted')?.textContent).toContain(
      'A case counts as answered from the moment its first reply was inserted into the site’s reply box, marked as sent, or seen posted on the page: Parley cannot see the site’s send button, so a reply inserted and never sent still counts.',
    );
  });

  it('refreshes once a minute, not on every change to the database', async () => {
    const db = freshDb('report-refresh');
    await week(db);
    const { asked } = backgroundOver(db);
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      vi.setSystemTime(new Date(2026, 10, 23, 15, 0, 30));
      mount(createElement(ReportSection, { policy: DEFAULT_POLICY }));
      await answered();
      expect(asked).toHaveLength(1);
      // Content scripts report a batch of posts every few seconds while the agent scrolls.
      for (let change = 0; change < 10; change += 1) {
        await act(async () => {
          await fakeBrowser.runtime.onMessage.trigger(
            { type: 'background:db-changed', payload: {} },
            {},
            () => undefined,
          );
        });
        await settle(1);
      }
      expect(asked).toHaveLength(1);
      await act(async () => vi.advanceTimersByTime(30_000));
      await answered();
      expect(asked).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows why a report could not be made', async () => {
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async () => ({
      ok: false,
      message: 'The database could not be opened.',
    })) as never);
    mount(createElement(ReportSection, { policy: DEFAULT_POLICY }));
    await settle(5);
    const alert = document.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('The report could not be madeThe database could not be opened.');
  });

  it('measures against the policy on screen, and asks again when it changes', async () => {
    const db = freshDb('report-policy');
    await week(db);
    const { asked } = backgroundOver(db);
    const view = mount(createElement(ReportSection, { policy: DEFAULT_POLICY }));
    await answered();
    expect(rowsOf(byTestId('report-summary'))[3]).toEqual(['Answered within target', '50% (1 of 2)']);
    const patient: Policy = {
      ...DEFAULT_POLICY,
      sla: { ...DEFAULT_POLICY.sla, byPlatform: { facebook: { 3: 60 } } },
    };
    view.render(createElement(ReportSection, { policy: patient }));
    await settle(5);
    await answered();
    expect(rowsOf(byTestId('report-summary'))[3]).toEqual(['Answered within target', '100% (2 of 2)']);
    expect(asked.at(-1)).toMatchObject({ sla: patient.sla });
  });

  it('downloads the tables as CSV, one row for the period and one per platform and severity', async () => {
    const db = freshDb('report-csv');
    await week(db);
    backgroundOver(db);
    mount(createElement(ReportSection, { policy: DEFAULT_POLICY }));
    await answered();
    act(() => buttonNamed('Download CSV').click());
    expect(downloads).toHaveLength(1);
    const [file] = downloads;
    expect(file?.fileName).toMatch(/^parley-response-report-\d{4}-\d{2}-\d{2}_to_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file?.type).toBe('text/csv');
    const lines = file?.text.trimEnd().split('\r\n') ?? [];
    expect(lines[0]).toBe(
      '\uFEFFperiod_start,period_end,group,name,cases_opened,spam,needing_reply,answered,answered_within_target,answered_within_target_percent,median_first_response_minutes,p90_first_response_minutes,waiting,waiting_past_target,closed_without_reply,resolved,median_time_to_resolve_minutes',
    );
    // The same days as the file name.
    const [, first, last] = file?.fileName.match(/(\d{4}-\d{2}-\d{2})_to_(\d{4}-\d{2}-\d{2})/) ?? [];
    for (const line of lines.slice(1)) expect(line.split(',').slice(0, 2)).toEqual([first, last]);
    expect(lines.slice(1).map((line) => line.split(',').slice(2, 11))).toEqual([
      ['all', 'All cases', '4', '1', '3', '2', '1', '50', '27.5'],
      ['platform', 'X', '2', '1', '1', '1', '1', '100', '10'],
      ['platform', 'Facebook', '1', '0', '1', '1', '0', '0', '45'],
      ['platform', 'Reddit', '1', '0', '1', '0', '0', '', ''],
      ['severity', 'S4 Critical', '1', '0', '1', '0', '0', '', ''],
      ['severity', 'S3 High', '1', '0', '1', '1', '0', '0', '45'],
      ['severity', 'S2 Medium', '2', '1', '1', '1', '1', '100', '10'],
    ]);
  });
});
