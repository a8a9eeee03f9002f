import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../lib/policy/default-policy';
import { renderPolicyYaml } from '../../lib/policy/yaml';
import { countOverdue } from '../../lib/ui/overview';
import {
  type ExtensionSession,
  MENTION_SELECTOR,
  openExtensionPage,
  putRows,
  readTable,
  settledMentionCount,
  startExtension,
  waitForSidebarFrame,
} from './harness';

/**
 * The popup and the options page in Chromium: policy state, today's numbers and per-site switches in the
 * popup; agent details, policy URL checks, the policy editor's live validation, policy files, and data
 * export, import and purge on the options page. Screenshots go to test-results/.
 */

const X_URL = 'https://x.com/home';
const FACEBOOK_URL = 'https://www.facebook.com/AcmeStore/posts/1234567890';

/** `chrome` as seen inside an extension page (page.evaluate runs there, not in Node). */
interface ExtensionGlobal {
  chrome: {
    storage: {
      local: {
        set(items: Record<string, unknown>): Promise<void>;
        remove(key: string): Promise<void>;
        get(key: string): Promise<Record<string, unknown>>;
      };
    };
  };
}
interface MentionRecord {
  id: string;
  platform: 'x' | 'facebook';
  isOwnReply: boolean;
  detectedAt: string;
  customerId: string;
  authorHandle: string;
}
interface CaseRecord {
  id: string;
  status: 'open' | 'awaiting-customer' | 'resolved';
  severity: 1 | 2 | 3 | 4;
  category: 'complaint' | 'question' | 'praise' | 'crisis' | 'spam' | 'neutral';
  statusChangedAt: string;
  updatedAt: string;
  firstMentionId: string | null;
}

describe('popup and options', () => {
  let session: ExtensionSession;
  let extensionPage: Page;

  const stored = (key: string) =>
    extensionPage.evaluate(
      async (name) => (await (globalThis as unknown as ExtensionGlobal).chrome.storage.local.get(name))[name],
      key,
    );
  const store = (items: Record<string, unknown>) =>
    extensionPage.evaluate(
      async (values) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set(values),
      items,
    );
  const forget = (key: string) =>
    extensionPage.evaluate(
      async (name) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.remove(name),
      key,
    );

  beforeAll(async () => {
    session = await startExtension();
    for (const url of [X_URL, FACEBOOK_URL]) {
      const page = await session.context.newPage();
      await page.goto(url);
      await settledMentionCount(page);
      await page.close();
    }
    extensionPage = await openExtensionPage(session, '/popup.html');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('popup: policy version, today’s numbers and per-site on/off', async () => {
    const popup = await openExtensionPage(session, '/popup.html');
    await expect
      .poll(() => popup.getByTestId('policy-line').innerText(), { timeout: 10_000 })
      .toContain('Acme policy v1');
    // Expected numbers from the database and the policy, computed here independently of the popup.
    const midnight = await popup.evaluate(() => new Date(new Date().setHours(0, 0, 0, 0)).toISOString());
    const mentions = await readTable<MentionRecord>(extensionPage, 'mentions');
    const cases = await readTable<CaseRecord>(extensionPage, 'cases');
    const open = cases.filter((row) => row.status === 'open');
    const platformOf = new Map(mentions.map((row) => [row.id, row.platform]));
    const overdue = countOverdue(
      open.map((row) => ({ ...row, platform: platformOf.get(row.firstMentionId ?? '') ?? 'web' })),
      DEFAULT_POLICY,
      Date.now(),
    );
    const today = mentions.filter((row) => !row.isOwnReply && row.detectedAt >= midnight).length;
    expect(today).toBeGreaterThanOrEqual(5);
    expect(open.length).toBeGreaterThan(0);
    const value = (id: string) => popup.getByTestId(id).locator('.stat-value').innerText();
    await expect.poll(() => value('stat-today'), { timeout: 10_000 }).toBe(String(today));
    expect(await value('stat-open')).toBe(String(open.length));
    expect(await value('stat-overdue')).toBe(String(overdue));
    await popup.screenshot({ path: 'test-results/popup.png', fullPage: true });

    await popup.getByText('Sites', { exact: true }).click();
    const xSwitch = popup.locator('input[data-platform="x"]');
    await xSwitch.uncheck();
    await expect
      .poll(async () => ((await stored('settings')) as { disabledPlatforms?: string[] })?.disabledPlatforms)
      .toEqual(['x']);
    const site = await session.context.newPage();
    await site.goto(X_URL);
    await site.waitForLoadState('load');
    // Nothing to wait for when the site is off: give the content script time to (not) scan.
    await site.waitForTimeout(2_500);
    expect(await site.locator(MENTION_SELECTOR).count()).toBe(0);

    await xSwitch.check();
    await expect
      .poll(async () => ((await stored('settings')) as { disabledPlatforms?: string[] })?.disabledPlatforms)
      .toEqual([]);
    await site.reload();
    expect(await settledMentionCount(site)).toBe(3);
    await site.close();
    await popup.close();
  });

  it('popup and sidebar show the sync error, and the update notice only until it is seen', async () => {
    const message = 'The policy server at https://policy.acme.example answered 404 Not Found.';
    await store({
      'policy.status': {
        lastAttemptAt: new Date().toISOString(),
        lastSuccessAt: null,
        error: { code: 'http-status', message },
        lastUpdate: {
          version: 1,
          summary: ['New reply template: Late order (short)'],
          at: new Date().toISOString(),
        },
      },
    });
    const popup = await openExtensionPage(session, '/popup.html');
    await expect
      .poll(() => popup.getByTestId('policy-sync-error').innerText(), { timeout: 10_000 })
      .toContain('404');
    const notice = popup.getByTestId('policy-update-notice');
    expect(await notice.innerText()).toContain('Policy updated to v1');
    expect(await notice.innerText()).toContain('Late order (short)');
    await popup.screenshot({ path: 'test-results/popup-policy-notices.png', fullPage: true });

    const site = await session.context.newPage();
    await site.goto(X_URL);
    await settledMentionCount(site);
    const marker = site.locator(`${MENTION_SELECTOR} button[data-parley-marker]`).first();
    await marker.focus();
    await site.keyboard.press('Enter');
    const frame = await waitForSidebarFrame(site, session.extensionId);
    await expect.poll(() => frame.getByTestId('policy-sync-error').count(), { timeout: 10_000 }).toBe(1);
    expect(await frame.getByTestId('policy-update-notice').count()).toBe(1);

    await notice.getByRole('button', { name: 'Got it' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await expect.poll(() => frame.getByTestId('policy-update-notice').count(), { timeout: 10_000 }).toBe(0);
    await popup.reload();
    await expect.poll(() => popup.getByTestId('policy-sync-error').count(), { timeout: 10_000 }).toBe(1);
    expect(await popup.getByTestId('policy-update-notice').count()).toBe(0);
    await forget('policy.status');
    await site.close();
    await popup.close();
  });

  it('popup: a saved policy that no longer validates is named, not silently replaced', async () => {
    const saved = await stored('policy.active');
    await store({
      'policy.active': {
        policy: { ...structuredClone(DEFAULT_POLICY), version: -4 },
        source: 'file',
        appliedAt: new Date().toISOString(),
      },
    });
    const popup = await openExtensionPage(session, '/popup.html');
    await expect
      .poll(() => popup.getByTestId('policy-unreadable').innerText(), { timeout: 10_000 })
      .toContain('version');
    expect(await popup.getByTestId('policy-line').innerText()).toContain('saved policy unreadable');
    if (saved === undefined) await forget('policy.active');
    else await store({ 'policy.active': saved });
    await expect.poll(() => popup.getByTestId('policy-unreadable').count(), { timeout: 10_000 }).toBe(0);
    await popup.close();
  });

  it('options: agent details, and a policy URL that is refused with the reason', async () => {
    const options = await openExtensionPage(session, '/options.html');
    await options.getByLabel('Your name').fill('Sam Rivera');
    await options.getByLabel('Sign-off').fill('^Sam');
    await options.getByRole('button', { name: 'Save', exact: true }).first().click();
    await expect
      .poll(async () => (await stored('settings')) as { agentName?: string; agentSignature?: string })
      .toMatchObject({ agentName: 'Sam Rivera', agentSignature: '^Sam' });

    await options.getByLabel('Policy URL').fill('http://policy.acme.example/policy.yaml');
    await options.locator('#policy').getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => options.getByTestId('policy-url-error').innerText()).toContain('https://');
    expect(((await stored('settings')) as { policyUrl?: string }).policyUrl).toBe('');

    await options.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(() => options.getByTestId('policy-url-message').innerText(), { timeout: 10_000 })
      .toContain('No policy URL');

    await options.getByLabel('Mastodon instances').fill('not a host');
    await options.getByRole('button', { name: 'Add' }).first().click();
    await expect.poll(() => options.getByText('is not a host name').count()).toBe(1);
    await options.screenshot({ path: 'test-results/options.png', fullPage: true });
    await options.close();
  });

  it('options: the policy editor validates as you type and saves only a valid policy', async () => {
    const options = await openExtensionPage(session, '/options.html');
    const editor = options.getByTestId('policy-editor');
    await expect.poll(() => editor.inputValue(), { timeout: 10_000 }).toContain('version: 1');
    const valid = await editor.inputValue();
    const save = options.getByRole('button', { name: 'Save policy' });

    await editor.fill(valid.replace('version: 1', 'version: two'));
    const errors = options.getByTestId('policy-editor-errors');
    await expect.poll(() => errors.innerText(), { timeout: 10_000 }).toMatch(/\d+:\d+\s+version/);
    expect(await save.getAttribute('aria-disabled')).toBe('true');
    // Screen readers hear one line once the check settles; the full list is not a live region.
    await expect
      .poll(() => options.getByTestId('policy-editor-summary').textContent())
      .toMatch(/^1 error\. First, line \d+: /);
    expect(await options.getByTestId('policy-editor-status').getAttribute('aria-live')).toBeNull();

    await editor.fill('version: 2\nbrand: [unclosed');
    await expect.poll(() => errors.innerText()).toMatch(/2:\d+/);
    expect(await save.getAttribute('aria-disabled')).toBe('true');
    await options.screenshot({ path: 'test-results/options-policy-errors.png', fullPage: true });

    await editor.fill(valid.replace('version: 1', 'version: 2'));
    await expect
      .poll(() => options.getByTestId('policy-editor-status').innerText())
      .toContain('Valid policy, version 2');
    await save.click();
    await expect
      .poll(async () => (await stored('policy.active')) as { source?: string; policy?: { version?: number } })
      .toMatchObject({ source: 'editor', policy: { version: 2 } });
    await expect.poll(() => options.getByTestId('policy-version').innerText()).toContain('version 2');
    expect(await options.getByTestId('policy-source').innerText()).toContain('Edited on this page');
    // Save turned off once pressed and kept focus (a button that becomes disabled drops it to the body).
    expect(await save.getAttribute('aria-disabled')).toBe('true');
    expect(await options.evaluate(() => document.activeElement?.textContent)).toBe('Save policy');

    // A sync lands while the agent has unsaved edits: the editor says so instead of overwriting silently.
    const saved = await stored('policy.active');
    await editor.fill(valid.replace('version: 1', 'version: 3'));
    const changed = options.getByTestId('policy-editor-changed');
    expect(await changed.count()).toBe(0);
    await store({
      'policy.active': {
        policy: { ...DEFAULT_POLICY, version: 5 },
        source: 'url',
        url: 'https://policy.example/acme.yaml',
        appliedAt: new Date().toISOString(),
      },
    });
    await expect.poll(() => changed.count(), { timeout: 10_000 }).toBe(1);
    expect(await changed.innerText()).toContain('now version 5, synced from the policy URL');
    expect(await editor.inputValue()).toContain('version: 3');
    await options.getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => editor.inputValue()).toContain('version: 5');
    expect(await changed.count()).toBe(0);
    await store({ 'policy.active': saved });
    await options.close();
  });

  it('options: imports a policy file, and rejects a broken one with line and column', async () => {
    const options = await openExtensionPage(session, '/options.html');
    const file = options.getByTestId('policy-file');
    await file.setInputFiles({
      name: 'acme-policy.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(renderPolicyYaml({ ...DEFAULT_POLICY, version: 3 })),
    });
    await expect
      .poll(
        async () => (await stored('policy.active')) as { source?: string; policy?: { version?: number } },
        {
          timeout: 10_000,
        },
      )
      .toMatchObject({ source: 'file', policy: { version: 3 } });

    await file.setInputFiles({
      name: 'broken.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from('version: 4\nupdatedAt: yesterday\n'),
    });
    const errors = options.getByTestId('policy-file-errors');
    await expect.poll(() => errors.innerText(), { timeout: 10_000 }).toMatch(/broken\.yaml:\d+:\d+/);
    expect(((await stored('policy.active')) as { policy: { version: number } }).policy.version).toBe(3);
    await forget('policy.active');
    await options.close();
  });

  it('options: a double click or Enter pressed twice never confirms a deletion', async () => {
    const options = await openExtensionPage(session, '/options.html');
    const before = {
      mentions: (await readTable(extensionPage, 'mentions')).length,
      cases: (await readTable(extensionPage, 'cases')).length,
    };
    const focused = () => options.evaluate(() => document.activeElement?.textContent ?? null);
    /** Gives a deletion that was asked for time to land, then checks that none was. */
    const nothingDeleted = async () => {
      await options.waitForTimeout(750);
      expect(await options.getByTestId('purge-message').count()).toBe(0);
      expect((await readTable(extensionPage, 'mentions')).length).toBe(before.mentions);
      expect((await readTable(extensionPage, 'cases')).length).toBe(before.cases);
    };

    /**
     * Double-clicks the ask button, then presses Enter twice on it: nothing is deleted, focus is on
     * Cancel after the double click, and back on the ask button after Enter (ask) and Enter (Cancel).
     */
    const pressTwice = async (ask: () => Locator, confirm: Locator, askName: string) => {
      await ask().dblclick();
      await nothingDeleted();
      expect(await confirm.count()).toBe(1);
      expect(await focused()).toBe('Cancel');
      await options.keyboard.press('Enter');
      await expect.poll(() => confirm.count()).toBe(0);
      await ask().focus();
      await options.keyboard.press('Enter');
      await options.keyboard.press('Enter');
      await nothingDeleted();
      expect(await confirm.count()).toBe(0);
      expect(await focused()).toBe(askName);
    };

    // One customer.
    await options
      .getByLabel('Delete everything about one customer (a privacy request)')
      .fill('priya_travels');
    const matches = options.getByTestId('purge-matches');
    await expect.poll(() => matches.innerText(), { timeout: 10_000 }).toContain('priya_travels');
    await pressTwice(
      () => matches.getByRole('button', { name: 'Delete…' }),
      matches.getByRole('button', { name: /Yes, delete all about/ }),
      'Delete…',
    );

    // Old cases, with a cut-off that would delete some.
    await options.getByLabel('Delete cases with no activity for more than … days').fill('1');
    await pressTwice(
      () => options.getByRole('button', { name: 'Delete old cases…' }),
      options.getByRole('button', { name: 'Yes, delete them' }),
      'Delete old cases…',
    );
    await options.close();
  });

  it('options: exports, purges one customer, and imports the export back (a bad file changes nothing)', async () => {
    const options = await openExtensionPage(session, '/options.html');
    const before = await readTable<MentionRecord>(extensionPage, 'mentions');

    const jsonDownload = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Everything (JSON Lines)' }).click();
    const exported = await (await jsonDownload).path();
    const lines = readFileSync(exported, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ format: 'parley-export' });
    expect(lines.filter((line) => line.includes('"table":"mentions"'))).toHaveLength(before.length);

    const csvDownload = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Mentions (CSV)' }).click();
    const csv = readFileSync(await (await csvDownload).path(), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).startsWith('id,platform,post_id')).toBe(true);
    // Rows can span lines (posts with line breaks are quoted), so look for each mention's id instead.
    for (const row of before) expect(csv).toContain(`${row.id},`);

    // A privacy request: everything about Priya (on X) goes.
    const priya = before.find((row) => row.authorHandle === 'priya_travels');
    expect(priya).toBeDefined();
    await options
      .getByLabel('Delete everything about one customer (a privacy request)')
      .fill('priya_travels');
    const matches = options.getByTestId('purge-matches');
    await expect.poll(() => matches.innerText(), { timeout: 10_000 }).toContain('priya_travels');
    await matches.getByRole('button', { name: 'Delete…' }).click();
    await matches.getByRole('button', { name: /Yes, delete all about/ }).click();
    await expect
      .poll(() => options.getByTestId('purge-message').innerText(), { timeout: 10_000 })
      .toContain('deleted');
    const afterPurge = await readTable<MentionRecord>(extensionPage, 'mentions');
    expect(afterPurge.some((row) => row.customerId === priya?.customerId)).toBe(false);

    const importInput = options.getByTestId('import-file');
    await importInput.setInputFiles({
      name: 'broken.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(`${lines[0]}\n{"table":"mentions","row":{"id":"x:1"}}\n`),
    });
    await expect
      .poll(() => options.getByTestId('import-error').innerText(), { timeout: 10_000 })
      .toContain('Nothing was imported');
    expect(await readTable(extensionPage, 'mentions')).toHaveLength(afterPurge.length);

    await importInput.setInputFiles(exported);
    await expect
      .poll(() => options.getByTestId('import-result').innerText(), { timeout: 15_000 })
      .toContain('Imported');
    const restored = await readTable<MentionRecord>(extensionPage, 'mentions');
    expect(restored.map((row) => row.id).sort()).toEqual(before.map((row) => row.id).sort());
    await options.screenshot({ path: 'test-results/options-data.png', fullPage: true });
    await options.close();
  });

  it('options: purges cases inactive for longer than the chosen number of days', async () => {
    const options = await openExtensionPage(session, '/options.html');
    const days = 2;
    const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
    const cases = await readTable<CaseRecord>(extensionPage, 'cases');
    // The fixtures' posts are old but were all seen during this run, and a case seen recently is active.
    // Half of the old cases are made to have been seen when their posts were written: those go, and the
    // other half (old posts found today) stay.
    const old = cases.filter((row) => row.updatedAt < cutoff).map((row) => row.id);
    const seenLongAgo = old.filter((_, index) => index % 2 === 0);
    expect(seenLongAgo.length).toBeGreaterThan(0);
    expect(seenLongAgo.length).toBeLessThan(old.length);
    const mentions = await readTable<MentionRecord & { caseId: string; at: string }>(
      extensionPage,
      'mentions',
    );
    await putRows(
      options,
      'mentions',
      mentions
        .filter((mention) => seenLongAgo.includes(mention.caseId))
        .map((mention) => ({ ...mention, detectedAt: mention.at })),
    );
    const stale = seenLongAgo.length;
    await options.getByLabel('Delete cases with no activity for more than … days').fill(String(days));
    await options.getByRole('button', { name: 'Delete old cases…' }).click();
    await options.getByRole('button', { name: 'Yes, delete them' }).click();
    await expect
      .poll(() => options.getByTestId('purge-message').innerText(), { timeout: 10_000 })
      .toContain(`${stale} cases`);
    const left = (await readTable<CaseRecord>(extensionPage, 'cases')).map((row) => row.id);
    expect(left).toHaveLength(cases.length - stale);
    expect(left.filter((id) => seenLongAgo.includes(id))).toEqual([]);
    await options.close();
  });
});
