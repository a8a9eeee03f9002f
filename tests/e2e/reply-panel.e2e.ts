import path from 'node:path';
import { build } from 'esbuild';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM helper shared with the demo and benchmarks
import { launchWithExtension } from '../../scripts/browser.mjs';
// @ts-expect-error: plain ESM helper shared with the demo and benchmarks
import { SITE_PAGES, serveFixturePages } from '../../scripts/site-pages.mjs';
import {
  type ExtensionSession,
  openExtensionPage,
  readTable,
  settledMentionCount,
  waitForSidebarFrame,
} from './harness';

/**
 * The reply area end to end on the X fixture: suggestions for Jane's late-order complaint, a required
 * variable that blocks Insert until filled, checks that follow the typing, the draft surviving a reload,
 * Copy, insertion into X's reply composer (never pressing its Reply button), and Mark as sent.
 *
 * The static X page has no scripts, so clicking a post's Reply mounts nothing. The test adds what x.com
 * does: Reply opens the reply dialog with a real Draft.js editor (draft-js 0.11 under React 18, as on
 * X), bundled here from npm and run in the page's own world, where the extension cannot reach it.
 *
 * PARLEY_EXTENSION_DIR runs the same test against another build of the extension.
 */
const JANE_POST_ID = '1991000000000000001';
const JANE_POST_KEY = `x:${JANE_POST_ID}`;
const X_HOME = 'https://x.com/home';
/** How a reply addresses Jane: her display name, or her handle where the sidebar has no customer row yet. */
const JANE = /Jane Doe|@janedoe/;

interface StoredEvent {
  type: string;
  data: { via?: string; text?: string; postKey?: string | null };
}

const PRIYA_POST_ID = '1991000000000000004';

/** X's reply dialog: mounted into the fixture's composer slot when a post's Reply control is clicked. */
const X_REPLY_DIALOG = `
import { Editor, EditorState } from 'draft-js';
import draftCss from 'draft-js/dist/Draft.css';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

const state = { sendClicks: 0, text: '' };
window.__xReplyDialog = state;

function ReplyDialog() {
  const [editorState, setEditorState] = useState(() => EditorState.createEmpty());
  const text = editorState.getCurrentContent().getPlainText('\\n');
  state.text = text;
  const empty = text.trim() === '';
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="modal-header">
      <div className="DraftEditor-wrapper">
        <Editor editorState={editorState} onChange={setEditorState} placeholder="Post your reply"
          ariaLabel="Post text" webDriverTestID="tweetTextarea_0" spellCheck />
      </div>
      <button type="button" data-testid="tweetButton" disabled={empty} aria-disabled={String(empty)}
        onClick={() => { state.sendClicks += 1; }}>Reply</button>
    </div>
  );
}

if (location.hostname === 'x.com') {
  document.addEventListener('click', (event) => {
    if (!(event.target instanceof Element) || !event.target.closest('[data-testid="reply"]')) return;
    // Only Jane's post opens a reply box: the others stand for a composer that never appears.
    const article = event.target.closest('article');
    if (!article?.querySelector('a[href$="/status/${JANE_POST_ID}"]')) return;
    const slot = document.querySelector('[data-fixture-composer-slot="x-reply-modal"]');
    if (!slot || slot.childElementCount > 0) return;
    const style = document.createElement('style');
    style.textContent = draftCss;
    document.head.append(style);
    createRoot(slot).render(<ReplyDialog />);
  }, true);
}
`;

async function bundleReplyDialog(): Promise<string> {
  const result = await build({
    stdin: {
      contents: X_REPLY_DIALOG,
      loader: 'jsx',
      resolveDir: path.resolve(import.meta.dirname, '..', 'fixtures', 'editors'),
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    loader: { '.css': 'text' },
    // draft-js 0.11 needs React 18 (legacy refs); fbjs under it still refers to Node's `global`.
    alias: { react: 'react18', 'react-dom': 'react-dom18' },
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    logLevel: 'warning',
  });
  return result.outputFiles[0]?.text ?? '';
}

async function start(): Promise<ExtensionSession> {
  const launched = await launchWithExtension({
    headless: true,
    ...(process.env.PARLEY_EXTENSION_DIR ? { extensionDir: process.env.PARLEY_EXTENSION_DIR } : {}),
  });
  await serveFixturePages(launched.context, SITE_PAGES);
  await launched.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  return { ...launched, close: () => launched.context.close() };
}

/** Opens a post in the sidebar from its marker, as an agent would, and returns the reply panel's frame. */
async function openReply(page: Page, extensionId: string, postId = JANE_POST_ID): Promise<Frame> {
  if (page.url() !== X_HOME) await page.goto(X_HOME);
  await settledMentionCount(page);
  // Keyboard, as in the foundation test: the fixture's timeline cells overlap for the mouse.
  await page.locator(`[data-parley-post-id="${postId}"] button[data-parley-marker]`).first().focus();
  await page.keyboard.press('Enter');
  const frame = await waitForSidebarFrame(page, extensionId);
  await frame.locator('[data-testid="reply-panel"]').waitFor({ timeout: 15_000 });
  await expect
    .poll(() => frame.locator('[data-testid="reply-editor"]').isEnabled(), { timeout: 10_000 })
    .toBe(true);
  return frame;
}

const editorOf = (frame: Frame) => frame.locator('[data-testid="reply-editor"]');
/** The sidebar's width on the page: 0 once it collapsed to its tab. */
const sidebarWidthOf = (page: Page) =>
  page.evaluate(() => document.querySelector('parley-sidebar')?.getBoundingClientRect().width ?? null);
const insertButtonOf = (frame: Frame) => frame.locator('[data-testid="reply-insert"]');
const checkIdsOf = (frame: Frame) =>
  frame
    .locator('[data-testid="reply-checks"] [data-check]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-check')));

describe('reply panel on X', () => {
  let session: ExtensionSession;
  let page: Page;
  let frame: Frame;
  const edited =
    'Hi Jane, I’m so sorry your order still hasn’t turned up. DM us and I’ll chase the courier myself today. – Sam';

  beforeAll(async () => {
    const replyDialog = await bundleReplyDialog();
    session = await start();
    page = await session.context.newPage();
    await page.addInitScript({ content: replyDialog });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('ranks the policy’s complaint templates for X and says why', async () => {
    frame = await openReply(page, session.extensionId);
    const cards = frame.locator('[data-testid="reply-suggestions"] [data-template-id]');
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const ids = await cards.evaluateAll((items) =>
      items.map((item) => item.getAttribute('data-template-id')),
    );
    expect(ids.every((id) => id?.startsWith('complaint-'))).toBe(true);
    // Written for short-form sites, so its reason names X; the preview is filled with Jane's name.
    expect(await cards.first().textContent()).toContain('Matches complaint on X');
    expect(await cards.first().textContent()).toMatch(JANE);
  });

  it('asks for the sign-off the template requires and blocks Insert until it is filled', async () => {
    await frame.locator('[data-testid="reply-suggestions"] [data-template-id]').first().click();
    const text = await editorOf(frame).inputValue();
    expect(text).toMatch(JANE);
    // No sign-off in the agent's settings yet: the placeholder stays visible and gets an input.
    expect(text).toContain('{{agentSignature}}');
    const input = frame.locator('[data-testid="reply-variables"] input[data-variable="agentSignature"]');
    await expect.poll(() => input.count()).toBe(1);
    expect(await insertButtonOf(frame).getAttribute('aria-disabled')).toBe('true');
    expect(await frame.locator('[data-testid="reply-blocked"]').textContent()).toContain('Your sign-off');

    // Ctrl+Enter (the keyboard insert) is refused with the reason; no reply box opens on the page.
    await editorOf(frame).press('Control+Enter');
    await expect
      .poll(() => frame.locator('[data-testid="reply-status"]').textContent())
      .toContain('Your sign-off');
    expect(await page.locator('[data-testid="tweetTextarea_0"]').count()).toBe(0);

    await input.fill('– Sam');
    await input.press('Enter');
    await expect.poll(() => editorOf(frame).inputValue()).toContain('– Sam');
    expect(await editorOf(frame).inputValue()).not.toContain('{{');
    expect(await frame.locator('[data-testid="reply-variables"]').count()).toBe(0);
    // The filled row went with its placeholder: focus moved on to the reply, not to the frame's body.
    await expect
      .poll(() => frame.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('reply-editor');
    // Picked and unchanged: not blocked, but nudged to tailor it.
    await expect.poll(() => checkIdsOf(frame)).toContain('template-unchanged');
    expect(await insertButtonOf(frame).getAttribute('aria-disabled')).toBe('false');
  });

  it('updates the checks and the length meter as the agent types', async () => {
    const meter = frame.locator('[data-testid="reply-length"] [aria-hidden="true"]');
    const before = await meter.textContent();
    expect(before).toMatch(/^\d+ \/ 280$/);

    await editorOf(frame).fill(`${edited} Calm down, like I said it is not our fault.`);
    await expect.poll(() => checkIdsOf(frame)).toContain('banned-phrase');
    expect(await checkIdsOf(frame)).toContain('arguing');
    expect(await frame.locator('[data-check="banned-phrase"]').first().getAttribute('data-severity')).toBe(
      'error',
    );
    expect(await insertButtonOf(frame).getAttribute('aria-disabled')).toBe('true');
    expect(await meter.textContent()).not.toBe(before);
    // Announced to screen readers as the counts change, from a region that stays mounted.
    const summary = frame.locator('[data-testid="reply-checks-summary"]');
    expect(await summary.getAttribute('role')).toBe('status');
    expect(await summary.textContent()).toMatch(/^Checks on your reply: \d+ to fix/);

    await editorOf(frame).fill(`${edited} Or email me at jane.doe@example.com`);
    await expect.poll(() => checkIdsOf(frame)).toContain('pii-email');
    expect(await checkIdsOf(frame)).not.toContain('banned-phrase');

    await editorOf(frame).fill('x'.repeat(300));
    await expect.poll(() => checkIdsOf(frame)).toContain('length');
    expect(await meter.textContent()).toBe('300 / 280');
    // The meter is no live region (it changes at every pause in typing); going over the limit is said once.
    expect(await frame.locator('[data-testid="reply-length"]').getAttribute('role')).toBeNull();
    expect(await frame.locator('[data-testid="reply-length"] output, output[data-testid]').count()).toBe(0);
    await expect
      .poll(() => frame.getByTestId('sidebar-announcer').textContent())
      .toBe('Length: 300 of 280 characters allowed on X, 20 over');
  });

  it('moves to private in one click: a public invitation plus the policy’s DM script, with undo', async () => {
    await editorOf(frame).fill(`${edited} Your order 12345678 was sent to jane.doe@example.com`);
    const moveToDm = frame.getByRole('button', { name: 'Move to DM' });
    await moveToDm.waitFor();
    await moveToDm.click();
    const publicText = await editorOf(frame).inputValue();
    expect(publicText).toContain('continue by DM');
    expect(publicText).not.toContain('jane.doe@example.com');
    // The sign-off typed for the first template is reused rather than asked for again.
    expect(publicText).toContain('– Sam');
    await page.screenshot({ path: 'test-results/reply-panel-x.png' });
    const privateBox = frame.locator('[data-testid="reply-private"]');
    expect(await privateBox.locator('h4').textContent()).toContain('First DM');
    expect(await privateBox.locator('textarea').inputValue()).toMatch(JANE);
    expect(await privateBox.locator('textarea').inputValue()).toMatch(/case reference is ACME-[A-Z0-9]{5}\./);

    await frame.getByRole('button', { name: /Undo: back to the reply before moving to private/ }).click();
    expect(await editorOf(frame).inputValue()).toContain('jane.doe@example.com');
    await frame.getByRole('button', { name: 'Close' }).click();
  });

  it('keeps the edited draft across a reload', async () => {
    await editorOf(frame).fill(edited);
    const extensionPage = await openExtensionPage(session);
    await expect
      .poll(
        async () =>
          (await readTable<{ postKey: string; text: string }>(extensionPage, 'drafts')).find(
            (draft) => draft.postKey === JANE_POST_KEY,
          )?.text,
        { timeout: 5_000 },
      )
      .toBe(edited);
    await extensionPage.close();

    await page.reload();
    frame = await openReply(page, session.extensionId);
    await expect.poll(() => editorOf(frame).inputValue(), { timeout: 10_000 }).toBe(edited);
  });

  it('copies the reply to the clipboard', async () => {
    await frame.locator('[data-testid="reply-copy"]').click();
    await expect.poll(() => frame.locator('[data-testid="reply-status"]').textContent()).toContain('copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(edited);
  });

  it('inserts into the post’s reply composer without pressing Reply, and the case records it', async () => {
    await editorOf(frame).focus();
    await editorOf(frame).press('Control+Enter');
    const composer = page.locator('[data-testid="tweetTextarea_0"]');
    await expect.poll(() => composer.count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => composer.textContent(), { timeout: 10_000 })
      .toContain('chase the courier myself today');
    await expect
      .poll(() => frame.locator('[data-testid="reply-status"]').getAttribute('class'), { timeout: 10_000 })
      .toContain('is-ok');
    // Draft.js itself holds the text (not just the DOM), the site's Reply button is enabled for the agent,
    // and Parley has not pressed it.
    const dialog = () =>
      page.evaluate(
        () => (window as unknown as { __xReplyDialog: { text: string; sendClicks: number } }).__xReplyDialog,
      );
    await expect.poll(async () => (await dialog()).text, { timeout: 5_000 }).toBe(edited);
    expect(await page.locator('[data-testid="tweetButton"]').getAttribute('aria-disabled')).toBe('false');
    expect((await dialog()).sendClicks).toBe(0);
    // With the reply in the box, the sidebar steps aside.
    await expect.poll(() => sidebarWidthOf(page)).toBe(0);

    const extensionPage = await openExtensionPage(session);
    await expect
      .poll(
        async () =>
          (await readTable<StoredEvent>(extensionPage, 'events'))
            .filter((event) => event.type === 'replied' && event.data.postKey === JANE_POST_KEY)
            .map((event) => event.data.via),
        { timeout: 5_000 },
      )
      .toEqual(['inserted']);
    await extensionPage.close();
  });

  it('marks it sent: one reply on the case, and the draft is gone', async () => {
    // Inserting folded the sidebar away to show the reply box; the marker brings it back.
    frame = await openReply(page, session.extensionId);
    expect(await editorOf(frame).inputValue()).toBe(edited);
    const markSent = frame.locator('[data-testid="reply-mark-sent"]');
    await markSent.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => frame.locator('[data-testid="reply-status"]').textContent())
      .toContain('Recorded as sent');
    expect(await editorOf(frame).inputValue()).toBe('');
    // With nothing left to send the button says so, and keeps the keyboard focus it had.
    expect(await markSent.getAttribute('aria-disabled')).toBe('true');
    expect(await frame.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'reply-mark-sent',
    );
    await page.keyboard.press('Enter');
    const extensionPage = await openExtensionPage(session);
    const replies = (await readTable<StoredEvent>(extensionPage, 'events')).filter(
      (event) => event.type === 'replied' && event.data.postKey === JANE_POST_KEY,
    );
    expect(replies.map((event) => [event.data.via, event.data.text])).toEqual([['marked-sent', edited]]);
    const drafts = await readTable<{ postKey: string }>(extensionPage, 'drafts');
    expect(drafts.some((draft) => draft.postKey === JANE_POST_KEY)).toBe(false);
    await extensionPage.close();
  });

  it('says so when the reply box does not open, and offers Copy instead', async () => {
    frame = await openReply(page, session.extensionId, PRIYA_POST_ID);
    await expect.poll(() => frame.locator('[data-testid="reply-panel"] h3').count()).toBe(1);
    await editorOf(frame).fill('Hi Priya, returns are free within 30 days: Account > Orders > Return. – Sam');
    await insertButtonOf(frame).click();
    const status = frame.locator('[data-testid="reply-status"]');
    await expect.poll(() => status.getAttribute('class'), { timeout: 15_000 }).toContain('is-error');
    expect(await status.textContent()).toMatch(/Copy/);
    // It stays open on the reason, the pressed button still focused.
    expect(await sidebarWidthOf(page)).toBeGreaterThan(200);
    expect(
      await frame.evaluate(() => document.hasFocus() && document.activeElement?.getAttribute('data-testid')),
    ).toBe('reply-insert');
    expect(await frame.locator('[data-testid="reply-copy"]').getAttribute('class')).toContain(
      'reply-emphasis',
    );
  });
});
