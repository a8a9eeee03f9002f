import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM helper shared with the demo and benchmarks
import { SITE_PAGES } from '../../../scripts/site-pages.mjs';
import {
  type ExtensionSession,
  MENTION_SELECTOR,
  readTable,
  readTables,
  waitForSidebarFrame,
} from '../harness';
import { consistencyProblems, type TableDump } from './consistency';
import { buildKit } from './kit/build';
import { currentWorker, launch, recordMeasurement, sendFromPage, stopServiceWorker } from './support';

/**
 * Durability (docs/reliability.md), in one browser profile that is closed and started again: a version-1 database
 * upgraded by the real worker keeps every record; a draft survives reload, navigation, the sidebar
 * closing, a service-worker stop in the middle of typing, and a browser restart; a burst of writes cut
 * by a worker stop leaves the database consistent and the next visit completes it; two tabs editing
 * the same case converge.
 *
 * Drafts go through the background's 'sidebar:mutate' save-draft / 'sidebar:query' draft, exactly as
 * the sidebar's reply panel sends them (the panel's own restore is the sidebar suite's). The worker is
 * stopped with CDP ServiceWorker.stopWorker, as Chrome stops it when idle.
 */

const MANY_URL = 'https://x.com/acme/many';
const MANY = 240;
const JANE = 'x:1991000000000000001';
const V1_CUSTOMERS = 1_100; // more than one 1,000-row upgrade page of customers and of mentions

function manyPostsPage(): string {
  const posts = Array.from({ length: MANY }, (_, index) => {
    const id = `1998${String(index).padStart(15, '0')}`;
    const handle = `buyer_${index}`;
    return `<article data-testid="tweet"><div data-testid="User-Name"><a href="/${handle}"><span>Buyer ${index}</span></a><a href="/${handle}"><span>@${handle}</span></a><a href="/${handle}/status/${id}"><time datetime="2026-11-20T10:00:00.000Z">2h</time></a></div><div data-testid="tweetText"><span>My Acme order ${index} arrived broken, please help</span></div></article>`;
  });
  return `<!doctype html><html><head><meta charset="utf-8"><title>X</title></head><body><main>${posts.join('')}</main></body></html>`;
}

type V1Rows = Record<
  'customers' | 'mentions' | 'cases' | 'events' | 'drafts',
  Array<Record<string, unknown>>
>;

describe('durability', () => {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'parley-durability-'));
  const pages = [...SITE_PAGES, { url: MANY_URL, html: manyPostsPage() }];
  let kit: string;
  let session: ExtensionSession;
  let options: Page;

  // One transaction: the worker may be writing again (restarted by the page's next report) while we read.
  const tables = async (): Promise<TableDump> =>
    (await readTables(options, [
      'customers',
      'identities',
      'mentions',
      'cases',
      'events',
      'thanks',
      'drafts',
    ])) as unknown as TableDump;
  const draftText = async (page: Page | Frame, postKey: string) =>
    (
      (await page.evaluate(
        (key) =>
          (
            globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
          ).chrome.runtime.sendMessage({
            // A sidebar frame proves itself with the token its host put in its URL (lib/ui/send.ts).
            frameToken: new URLSearchParams(location.hash.slice(1)).get('host') ?? undefined,
            type: 'sidebar:query',
            payload: { name: 'draft', args: { postKey: key } },
          }),
        postKey,
      )) as { text?: string } | null
    )?.text ?? null;
  const saveDraft = (page: Page | Frame, postKey: string, text: string) =>
    page.evaluate(
      ([key, words]) =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
        ).chrome.runtime.sendMessage({
          // A sidebar frame proves itself with the token its host put in its URL (lib/ui/send.ts).
          frameToken: new URLSearchParams(location.hash.slice(1)).get('host') ?? undefined,
          type: 'sidebar:mutate',
          payload: { name: 'save-draft', args: { postKey: key, text: words } },
        }),
      [postKey, text] as const,
    );
  const openSidebarOnX = async () => {
    const site = await session.context.newPage();
    await site.goto('https://x.com/home');
    await site
      .locator(`${MENTION_SELECTOR}[data-parley-post-id="1991000000000000001"] button[data-parley-marker]`)
      .click();
    return { site, frame: await waitForSidebarFrame(site, session.extensionId) };
  };

  beforeAll(async () => {
    kit = await buildKit();
    session = await launch({ userDataDir, pages });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('upgrades a version-1 profile in the real worker and keeps every record', async () => {
    // Before anything opens Parley's database: write it as the first release did, from the worker.
    const worker = await currentWorker(session.context, session.extensionId);
    await worker.evaluate(kit);
    await worker.evaluate(
      (customers) =>
        (
          globalThis as unknown as { parleyKit: { writeV1(n: string, c: number): Promise<unknown> } }
        ).parleyKit.writeV1('parley', customers),
      V1_CUSTOMERS,
    );
    const v1 = (await worker.evaluate(() =>
      (globalThis as unknown as { parleyKit: { dumpV1(n: string): Promise<unknown> } }).parleyKit.dumpV1(
        'parley',
      ),
    )) as V1Rows;
    expect(v1.mentions.length).toBe(V1_CUSTOMERS * 3);

    // The first message that reads the database makes the worker open it: Dexie runs the v1 → v2 upgrade.
    options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    const firstDraft = v1.drafts[0] as { postKey: string; text: string };
    expect(await draftText(options, firstDraft.postKey)).toBe(firstDraft.text);

    const after = await tables();
    const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
    const customers = byId(
      after.customers as unknown as Array<{ id: string; displayName: string; notes: string | null }>,
    );
    const mentions = byId(after.mentions as unknown as Array<Record<string, unknown> & { id: string }>);
    const cases = byId(after.cases as unknown as Array<{ id: string; status: string; customerId: string }>);
    const events = byId(after.events as unknown as Array<{ id: string }>);
    const identities = byId(after.identities);
    expect(after.customers).toHaveLength(v1.customers.length);
    expect(after.mentions).toHaveLength(v1.mentions.length);
    expect(after.cases).toHaveLength(v1.cases.length);
    for (const old of v1.customers as Array<{
      id: string;
      displayName: string;
      notes?: string;
      identityKeys: string[];
    }>) {
      expect(customers.get(old.id)).toMatchObject({ displayName: old.displayName, notes: old.notes ?? null });
      for (const identity of old.identityKeys) expect(identities.get(identity)?.customerId).toBe(old.id);
    }
    for (const old of v1.mentions as Array<Record<string, unknown> & { id: string }>) {
      const { id, platform, postId, permalink, customerId, text, category, severity, caseId } = old;
      expect(mentions.get(id)).toMatchObject({
        id,
        platform,
        postId,
        permalink,
        customerId,
        text,
        category,
        severity,
        caseId,
      });
    }
    for (const old of v1.cases as Array<{ id: string; status: string; customerId: string }>)
      expect(cases.get(old.id)).toMatchObject({ status: old.status, customerId: old.customerId });
    for (const old of v1.events as Array<{ id: string }>) expect(events.has(old.id)).toBe(true);
    const drafts = new Map(
      (after.drafts as Array<{ postKey: string; text: string }>).map((row) => [row.postKey, row.text]),
    );
    for (const old of v1.drafts as Array<{ postKey: string; text: string }>)
      expect(drafts.get(old.postKey)).toBe(old.text);
    expect(consistencyProblems(after)).toEqual([]);
    const meta = await readTable<{ key: string }>(options, 'meta');
    expect(meta.map((row) => row.key)).toContain('upgradedFromV1At');
  });

  it('a draft survives reload, navigation and the sidebar closing', async () => {
    expect(await saveDraft(options, JANE, 'Hi Jane, so sorry')).toMatchObject({ text: 'Hi Jane, so sorry' });
    await options.reload();
    expect(await draftText(options, JANE)).toBe('Hi Jane, so sorry');
    await options.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    expect(await draftText(options, JANE)).toBe('Hi Jane, so sorry');

    const { site, frame } = await openSidebarOnX();
    expect(await draftText(frame, JANE)).toBe('Hi Jane, so sorry');
    await saveDraft(frame, JANE, 'Hi Jane, so sorry about the parcel');
    await frame.getByRole('button', { name: 'Hide the sidebar' }).click();
    await site.close();
    expect(await draftText(options, JANE)).toBe('Hi Jane, so sorry about the parcel');
  });

  it('a draft survives a service-worker stop in the middle of typing', async () => {
    const words = Array.from({ length: 24 }, (_, index) => `Hi Jane, word ${index}`);
    const save = (text: string): Promise<'saved' | string> =>
      saveDraft(options, JANE, text).then(
        (answer) =>
          (answer as { text?: string } | null)?.text === text ? 'saved' : `answer: ${JSON.stringify(answer)}`,
        (error: unknown) => `rejected: ${String(error)}`,
      );
    const worker = await currentWorker(session.context, session.extensionId);
    await worker.evaluate(() => {
      (globalThis as { typingMarker?: boolean }).typingMarker = true;
    });
    const answers: Array<Promise<'saved' | string>> = [];
    // Typing before the stop, a burst still in flight when the worker is stopped, typing after it.
    for (const text of words.slice(0, 10)) answers.push(Promise.resolve(await save(text)));
    for (const text of words.slice(10, 15)) answers.push(save(text));
    await stopServiceWorker(options, session.extensionId);
    for (const text of words.slice(15)) answers.push(Promise.resolve(await save(text)));
    const restarted = await currentWorker(session.context, session.extensionId);
    expect(
      await restarted.evaluate(() => (globalThis as { typingMarker?: boolean }).typingMarker ?? false),
    ).toBe(false);
    const outcomes = await Promise.all(answers);
    const lastSaved = outcomes.lastIndexOf('saved');
    recordMeasurement(
      'Draft saves acknowledged while the worker was stopped mid-typing',
      `${outcomes.filter((o) => o === 'saved').length} of ${words.length}`,
    );
    // Every save got an answer (none hang): an acknowledgement, a rejection, or (a save the stopping
    // worker dropped) an empty answer, which the reply panel treats as unacknowledged too. What is stored
    // is a whole draft no older than the last acknowledged one.
    expect(
      outcomes.every(
        (outcome) => outcome === 'saved' || outcome.startsWith('rejected') || outcome === 'answer: undefined',
      ),
      JSON.stringify(outcomes),
    ).toBe(true);
    const stored = await draftText(options, JANE);
    expect(words.indexOf(stored as string)).toBeGreaterThanOrEqual(lastSaved);
    // The reply panel keeps an unacknowledged edit pending and saves it again: then nothing is lost.
    await saveDraft(options, JANE, words.at(-1) as string);
    expect(await draftText(options, JANE)).toBe(words.at(-1));
    expect(consistencyProblems(await tables())).toEqual([]);
  });

  it('a burst of writes cut by a worker stop leaves the database consistent; the next visit completes it', async () => {
    const many = await session.context.newPage();
    await many.goto(MANY_URL);
    const recorded = async () =>
      (await readTable<{ id: string }>(options, 'mentions')).filter((row) => row.id.startsWith('x:1998'))
        .length;
    await expect.poll(recorded, { timeout: 15_000, interval: 20 }).toBeGreaterThan(0);
    await stopServiceWorker(options, session.extensionId);
    const atStop = await recorded();
    recordMeasurement('Mentions recorded when the worker was stopped mid-burst', `${atStop} of ${MANY}`);
    expect(consistencyProblems(await tables())).toEqual([]);

    await many.reload();
    await expect.poll(recorded, { timeout: 30_000 }).toBe(MANY);
    await expect.poll(() => many.locator('[data-parley-mention]').count(), { timeout: 15_000 }).toBe(MANY);
    expect(consistencyProblems(await tables())).toEqual([]);
    await many.close();
  });

  it('two tabs editing the same case converge', async () => {
    const one = await openSidebarOnX();
    const two = await openSidebarOnX();
    const detail = (await sendFromPage(options, 'sidebar:query', {
      name: 'mention-detail',
      args: { postKey: JANE },
    })) as {
      caseRow: { id: string };
    };
    const caseId = detail.caseRow.id;
    const mutate = (frame: Frame, name: string, args: unknown) =>
      frame.evaluate(
        ([mutation, values]) =>
          (
            globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
          ).chrome.runtime.sendMessage({
            // A sidebar frame proves itself with the token its host put in its URL (lib/ui/send.ts).
            frameToken: new URLSearchParams(location.hash.slice(1)).get('host') ?? undefined,
            type: 'sidebar:mutate',
            payload: { name: mutation, args: values },
          }),
        [name, args] as const,
      );
    await Promise.all([
      mutate(one.frame, 'add-note', { caseId, text: 'Note from tab one' }),
      mutate(two.frame, 'add-note', { caseId, text: 'Note from tab two' }),
      mutate(one.frame, 'set-case-status', { caseId, status: 'awaiting-customer' }),
      mutate(two.frame, 'save-draft', { postKey: JANE, text: 'Draft from tab two' }),
      mutate(one.frame, 'save-draft', { postKey: JANE, text: 'Draft from tab one' }),
    ]);
    const readBoth = () =>
      Promise.all(
        [one.frame, two.frame].map((frame) =>
          frame.evaluate(
            async ([id, key]) => {
              const send = (
                globalThis as unknown as {
                  chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
                }
              ).chrome.runtime.sendMessage;
              return JSON.stringify([
                await send({
                  frameToken: new URLSearchParams(location.hash.slice(1)).get('host') ?? undefined,
                  type: 'sidebar:query',
                  payload: { name: 'case-detail', args: { caseId: id } },
                }),
                await send({
                  frameToken: new URLSearchParams(location.hash.slice(1)).get('host') ?? undefined,
                  type: 'sidebar:query',
                  payload: { name: 'draft', args: { postKey: key } },
                }),
              ]);
            },
            [caseId, JANE] as const,
          ),
        ),
      );
    const [seenByOne, seenByTwo] = await readBoth();
    expect(seenByOne).toBe(seenByTwo);
    const [caseDetail, draft] = JSON.parse(seenByOne as string) as [
      { case: { status: string }; events: Array<{ type: string; data: { text?: string } }> },
      { text: string },
    ];
    const notes = caseDetail.events.filter((event) => event.type === 'note').map((event) => event.data.text);
    expect(notes).toEqual(expect.arrayContaining(['Note from tab one', 'Note from tab two']));
    expect(caseDetail.case.status).toBe('awaiting-customer');
    expect(['Draft from tab one', 'Draft from tab two']).toContain(draft.text);
    // Both open sidebars show both notes (they re-read when the database changes).
    for (const { frame } of [one, two]) {
      await expect
        .poll(() => frame.locator('body').innerText(), { timeout: 10_000 })
        .toContain('Note from tab one');
      expect(await frame.locator('body').innerText()).toContain('Note from tab two');
    }
    expect(consistencyProblems(await tables())).toEqual([]);
    await one.site.close();
    await two.site.close();
  });

  it('everything survives a browser restart', async () => {
    const before = await tables();
    await session.close();
    session = await launch({ userDataDir, pages });
    options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    const after = await tables();
    expect(after).toEqual(before);
    expect(['Draft from tab one', 'Draft from tab two']).toContain(await draftText(options, JANE));
    expect(consistencyProblems(after)).toEqual([]);
  });
});
