// @vitest-environment happy-dom
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { CaseHistory } from '../../../components/sidebar/history/CaseHistory';
import { type MentionDetail, runSidebarQuery } from '../../../lib/background/sidebar-api';
import { recordMention } from '../../../lib/db/cases';
import type { ParleyDb } from '../../../lib/db/schema';
import { classified, freshDb, makePost } from '../db/fixtures';
import { buttonNamed, byTestId, mount, press, settle, unmountAll } from './mount';

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

/** The real background's queries, argument checks included, over an in-memory database. */
function backgroundOver(db: ParleyDb) {
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: {
    type: string;
    payload: { name: string; args: unknown };
  }) => {
    if (message.type !== 'sidebar:query') return null;
    try {
      return await runSidebarQuery(db, message.payload.name, message.payload.args);
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }) as never);
}

/** Lets the in-memory database answer: several short waits, since each read is a few IndexedDB rounds. */
async function answered(): Promise<void> {
  for (let round = 0; round < 20 && document.body.textContent?.includes('Loading history'); round += 1)
    await settle(5);
  await settle(5);
}

describe('case history in the sidebar', () => {
  it('“Show older” reaches the start of a long history (more than one request can carry)', async () => {
    const db = freshDb('long-history');
    const posts = 300;
    let last = null;
    for (let index = 0; index < posts; index += 1) {
      const at = new Date(Date.UTC(2026, 0, 1) + index * 3_600_000).toISOString();
      last = await recordMention(db, {
        post: makePost({ handle: 'longtime', postedAt: at }),
        classification: classified(),
        isOwnReply: false,
        detectedAt: at,
      });
    }
    const mention = last?.mention;
    if (!mention) throw new Error('no mention recorded');
    backgroundOver(db);
    const detail: MentionDetail = {
      mention,
      caseRow: null,
      customer: null,
      identities: [],
      thanked: false,
      counts: { mentionCount: posts, caseCount: 1, complaintCaseCount: 1 },
    };
    mount(createElement(CaseHistory, { detail, brandName: 'Acme' }));
    await answered();
    // Each post is two entries (the post and its detection), so 600 in all: 30 pages of 20.
    for (let presses = 0; presses < 40 && document.body.textContent?.includes('Show older'); presses += 1) {
      await press(buttonNamed('Show older'));
      await answered();
    }
    expect(document.querySelector('[role="alert"]')?.textContent ?? null).toBeNull();
    expect(byTestId('timeline').querySelectorAll('[data-mention-id]')).toHaveLength(posts);
    expect(document.body.textContent).not.toContain('Show older');
    db.close();
  });
});
