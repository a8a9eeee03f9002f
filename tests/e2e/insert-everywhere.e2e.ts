import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM helper shared with the demo and benchmarks
import { launchWithExtension } from '../../scripts/browser.mjs';
// @ts-expect-error: plain ESM helper shared with the demo and benchmarks
import { serveFixturePages } from '../../scripts/site-pages.mjs';
import { type ExtensionSession, type FixturePage, openExtensionPage, SITES } from './harness';
import { buildComposers, pageWithComposer } from './insert/composers';
import {
  composerState,
  editReply,
  insertReply,
  openReplyPanel,
  pickFirstSuggestion,
  recordedReplies,
} from './insert/flow';
import { INSERT_SITES } from './insert/sites';

/**
 * Reply insertion end to end on every kind of editor the supported sites run, through the real extension:
 * the post's marker opens the sidebar, the agent picks a suggestion, answers its prompts, edits it and
 * presses Insert; the background asks the content script, which opens the post's reply composer with the
 * site adapter and types into it with the editor strategy. Each site fixture page gets a script standing
 * in for the site's own (tests/fixtures/composers): clicking the post's reply control mounts the site's
 * composer with the real editor library, where the site renders it, with a send control that follows the
 * editor's state. Success is judged from the page's own world (the editor library's state and that send
 * control), never from the DOM, and nothing may press send. One browser for the whole file.
 *
 * PARLEY_EXTENSION_DIR runs the same test against another build of the extension.
 */

async function start(pages: FixturePage[]): Promise<ExtensionSession> {
  const launched = await launchWithExtension({
    headless: true,
    ...(process.env.PARLEY_EXTENSION_DIR ? { extensionDir: process.env.PARLEY_EXTENSION_DIR } : {}),
  });
  await serveFixturePages(launched.context, pages);
  return { ...launched, close: () => launched.context.close() };
}

/** The agent's edit: an added sentence with an emoji, then a paragraph after a blank line. */
const editOf = (suggestion: string) => `${suggestion} I'm on it now 🙂\n\nThanks for bearing with us.`;

describe('inserting a reply from the sidebar into each site’s own editor', () => {
  let session: ExtensionSession;
  let page: Page;
  let extensionPage: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const pages = INSERT_SITES.map((site) => {
      const fixture = SITES.find((candidate) => candidate.adapter === site.adapter);
      if (!fixture) throw new Error(`No fixture page for ${site.adapter}`);
      return { url: fixture.url, html: pageWithComposer(fixture.file, site.composer) };
    });
    await buildComposers(INSERT_SITES.map((site) => site.composer));
    session = await start(pages);
    page = await session.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    extensionPage = await openExtensionPage(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each(INSERT_SITES)('$name', async (site) => {
    const url = SITES.find((candidate) => candidate.adapter === site.adapter)?.url ?? '';
    pageErrors.length = 0;
    await page.goto(url);
    const frame = await openReplyPanel(page, session.extensionId, site.postId);
    const edited = editOf(await pickFirstSuggestion(frame));
    await editReply(frame, edited);
    // The composer appears only when Parley opens the post's reply box (Instagram's box is always there).
    const before = await composerState(page);
    if (site.composerOnLoad) expect(before).toMatchObject({ text: '', sendEnabled: false });
    else expect(before).toBeNull();

    const status = await insertReply(frame);
    expect(status, status.text).toMatchObject({ tone: 'ok' });
    expect(status.text).toContain('Reply inserted');

    const composer = await composerState(page);
    expect(composer).toMatchObject({
      site: site.adapter,
      kind: site.editorKind,
      text: `${site.prefilled ?? ''}${edited}`,
      sendEnabled: true,
      sendEnabledAtMount: site.sendAlwaysEnabled === true,
      submits: 0,
    });
    const postKey = `${site.platform}:${site.postId}`;
    await expect
      .poll(
        async () =>
          (await recordedReplies(extensionPage, postKey)).filter(([via]) => via !== 'seen-in-thread'),
        { timeout: 5_000 },
      )
      .toEqual([['inserted', edited]]);
    expect(pageErrors).toEqual([]);
  });
});
