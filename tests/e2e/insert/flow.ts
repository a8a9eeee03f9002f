/**
 * The agent's side of inserting a reply, driven through the real extension: the post's marker opens the
 * sidebar, the sidebar's reply panel picks a suggestion, fills the template's prompts, takes an edit and
 * asks the background to insert (which asks the content script, which runs lib/editors on the page).
 */
import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { askBackground, settledMentionCount, waitForSidebarFrame } from '../harness';

/** What the agent types into a template's prompts ({{agentSignature}} and the like), by variable name. */
const VARIABLE_ANSWERS: Record<string, string> = {
  agentSignature: '– Sam',
  agentName: 'Sam',
  brandName: 'Acme',
  privateChannel: 'DM',
};

const editorOf = (frame: Frame) => frame.locator('[data-testid="reply-editor"]');

/** Opens a post in the sidebar from its marker (focus + Enter, as a keyboard user) and returns the frame. */
export async function openReplyPanel(page: Page, extensionId: string, postId: string): Promise<Frame> {
  await settledMentionCount(page);
  const marker = page.locator(`[data-parley-post-id="${postId}"] button[data-parley-marker]`).first();
  await marker.focus();
  await page.keyboard.press('Enter');
  const frame = await waitForSidebarFrame(page, extensionId);
  await frame.locator('[data-testid="reply-panel"]').waitFor({ timeout: 15_000 });
  await expect.poll(() => editorOf(frame).isEnabled(), { timeout: 10_000 }).toBe(true);
  await waitForPointerInput(page, frame);
  return frame;
}

/**
 * Waits until the mouse reaches the sidebar: the sidebar is a cross-origin (out-of-process) frame, and
 * for a moment after it is shown Chromium still delivers clicks at its place to the page (the frame's host
 * element). A person's pointer is over the sidebar before they click; this moves the mouse over the
 * reply panel until the frame sees it, so the clicks that follow are real clicks, not synthetic ones.
 */
async function waitForPointerInput(page: Page, frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const flag = window as unknown as { __pointerSeen?: boolean };
    flag.__pointerSeen = false;
    document.addEventListener('pointermove', () => (flag.__pointerSeen = true), { once: true });
  });
  const box = await frame.locator('[data-testid="reply-panel"] h3').boundingBox();
  if (!box) throw new Error('The reply panel has no heading on screen');
  await expect
    .poll(
      async () => {
        await page.mouse.move(box.x + 5 + Math.random() * 10, box.y + box.height / 2);
        return frame.evaluate(
          () => (window as unknown as { __pointerSeen?: boolean }).__pointerSeen === true,
        );
      },
      { timeout: 10_000, interval: 100 },
    )
    .toBe(true);
}

/** Picks the first suggested template and answers its prompts; returns the filled reply. */
export async function pickFirstSuggestion(frame: Frame): Promise<string> {
  const cards = frame.locator('[data-testid="reply-suggestions"] [data-template-id]');
  await expect.poll(() => cards.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  await cards.first().click();
  await expect.poll(() => editorOf(frame).inputValue(), { timeout: 5_000 }).not.toBe('');
  const prompts = frame.locator('[data-testid="reply-variables"] input[data-variable]');
  // Each answer removes its prompt, so always answer the first one left.
  for (let answered = 0; (await prompts.count()) > 0; answered += 1) {
    if (answered > 10) throw new Error('The template kept asking for variables');
    const prompt = prompts.first();
    const name = (await prompt.getAttribute('data-variable')) ?? '';
    await prompt.fill(VARIABLE_ANSWERS[name] ?? 'Sam');
    await prompt.press('Enter');
    await expect.poll(() => editorOf(frame).inputValue()).not.toContain(`{{${name}}}`);
  }
  const filled = await editorOf(frame).inputValue();
  expect(filled).not.toContain('{{');
  return filled;
}

/** Replaces the reply in the sidebar's editor with the agent's edit. */
export async function editReply(frame: Frame, text: string): Promise<void> {
  await editorOf(frame).fill(text);
  await expect.poll(() => editorOf(frame).inputValue()).toBe(text);
}

/** Presses "Insert into reply box" and waits for the sidebar's verdict; returns its tone and words. */
export async function insertReply(frame: Frame): Promise<{ tone: string; text: string }> {
  const insert = frame.locator('[data-testid="reply-insert"]');
  await expect.poll(() => insert.getAttribute('aria-disabled'), { timeout: 5_000 }).toBe('false');
  await insert.click();
  const status = frame.locator('[data-testid="reply-status"]');
  await expect
    .poll(async () => /\bis-(ok|error)\b/.test((await status.getAttribute('class')) ?? ''), {
      timeout: 15_000,
    })
    .toBe(true);
  const tone = /\bis-(ok|error)\b/.exec((await status.getAttribute('class')) ?? '')?.[1] ?? '';
  return { tone, text: (await status.textContent()) ?? '' };
}

export interface ComposerState {
  site: string;
  kind: string;
  text: string;
  sendEnabled: boolean;
  sendEnabledAtMount: boolean;
  submits: number;
}

/** The composer as the site sees it, read in the page's main world (null until it has been mounted). */
export function composerState(page: Page): Promise<ComposerState | null> {
  return page.evaluate(() => {
    const hook = (
      window as unknown as {
        __fixtureEditor?: {
          site: string;
          kind: string;
          submits: number;
          sendEnabledAtMount: boolean;
          getText(): string;
          isSendEnabled(): boolean;
        };
      }
    ).__fixtureEditor;
    if (!hook) return null;
    return {
      site: hook.site,
      kind: hook.kind,
      text: hook.getText(),
      sendEnabled: hook.isSendEnabled(),
      sendEnabledAtMount: hook.sendEnabledAtMount,
      submits: hook.submits,
    };
  });
}

/** The replies recorded on the case of a post, as [via, text] pairs (from the background, as the sidebar reads them). */
export async function recordedReplies(
  extensionPage: Page,
  postKey: string,
): Promise<Array<[string, string]>> {
  const detail = await askBackground<{ mention: { caseId: string } } | null>(extensionPage, 'sidebar:query', {
    name: 'mention-detail',
    args: { postKey },
  });
  if (!detail) return [];
  const caseDetail = await askBackground<{
    events: Array<{ type: string; data?: { via?: string; text?: string; postKey?: string | null } }>;
  } | null>(extensionPage, 'sidebar:query', { name: 'case-detail', args: { caseId: detail.mention.caseId } });
  return (caseDetail?.events ?? [])
    .filter((event) => event.type === 'replied' && event.data?.postKey === postKey)
    .map((event) => [event.data?.via ?? '', event.data?.text ?? '']);
}
