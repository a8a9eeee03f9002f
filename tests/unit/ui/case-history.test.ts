// @vitest-environment happy-dom
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { CaseHistory } from '../../../components/sidebar/history/CaseHistory';
import { Timeline } from '../../../components/sidebar/history/Timeline';
import { runSidebarQuery } from '../../../lib/background/sidebar-api';
import { recordMention } from '../../../lib/db/cases';
import type { HistoryItem } from '../../../lib/db/customers';
import type { ParleyDb } from '../../../lib/db/schema';
import { classified, freshDb, makePost } from '../db/fixtures';
import { buttonNamed, byTestId, mentionDetail, mentionRow, mount, press, settle, unmountAll } from './mount';

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
  it('“Show older” reaches the start of a long history (more than one request can carry)', {
    timeout: 60_000,
  }, async () => {
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
    const detail = mentionDetail(mention, {
      counts: { mentionCount: posts, caseCount: 1, complaintCaseCount: 1 },
    });
    mount(createElement(CaseHistory, { detail, brandName: 'Acme' }));
    await answered();
    // Each post is two entries (the post and its detection), so 600 in all: 30 pages of 20. Each press
    // waits for its page to show (a fixed pause ran out on a busy machine, ending the loop early).
    const entries = () => byTestId('timeline').querySelectorAll('li').length;
    for (let presses = 0; presses < 40 && document.body.textContent?.includes('Show older'); presses += 1) {
      const before = entries();
      await press(buttonNamed('Show older'));
      await vi.waitFor(() => expect(entries()).toBeGreaterThan(before), { timeout: 5_000, interval: 5 });
    }
    expect(document.querySelector('[role="alert"]')?.textContent ?? null).toBeNull();
    expect(byTestId('timeline').querySelectorAll('[data-mention-id]')).toHaveLength(posts);
    expect(document.body.textContent).not.toContain('Show older');
    db.close();
  });

  it('shows a reply once when it was seen in the thread (the brand’s post and its reply entry are one reply)', () => {
    const at = '2026-11-23T10:05:00.000Z';
    const reply = mentionRow({
      id: 'x:r1',
      postId: 'r1',
      authorHandle: 'acme',
      identityId: 'x:acme',
      text: 'So sorry, Jane: we are on it',
      isOwnReply: true,
      inReplyTo: '1',
      at,
      postedAt: at,
      detectedAt: at,
    });
    const items: HistoryItem[] = [
      { kind: 'mention', at, id: reply.id, mention: reply },
      {
        kind: 'event',
        at,
        id: 'ev_reply',
        event: {
          id: 'ev_reply',
          caseId: 'ca-jane',
          customerId: 'cu-jane',
          at,
          type: 'replied',
          data: { via: 'seen-in-thread', text: reply.text, postKey: 'm1', seenMentionId: reply.id },
        },
      },
      {
        kind: 'event',
        at: '2026-11-23T10:01:00.000Z',
        id: 'ev_sent',
        event: {
          id: 'ev_sent',
          caseId: 'ca-jane',
          customerId: 'cu-jane',
          at: '2026-11-23T10:01:00.000Z',
          type: 'replied',
          data: {
            via: 'marked-sent',
            text: 'Not seen in the thread yet',
            postKey: 'm1',
            seenMentionId: null,
          },
        },
      },
    ];
    mount(createElement(Timeline, { items, currentKey: 'm1' }));
    const entries = [...byTestId('timeline').children].map((entry) => entry.textContent ?? '');
    expect(entries.filter((text) => text.includes(reply.text))).toHaveLength(1);
    expect(entries.filter((text) => text.includes('Not seen in the thread yet'))).toHaveLength(1);
  });

  it('“Copy for handover” copies the timeline it shows, oldest first, and says what it left out', async () => {
    const db = freshDb('handover');
    let last = null;
    for (const [index, text] of [
      '@acme my parcel is late',
      '@acme still nothing',
      '@acme hello?',
    ].entries()) {
      const at = new Date(Date.UTC(2026, 10, 23, 10 + index)).toISOString();
      last = await recordMention(db, {
        post: makePost({ handle: 'jane', postedAt: at, text }),
        classification: classified(),
        isOwnReply: false,
        detectedAt: at,
      });
    }
    const mention = last?.mention;
    if (!mention) throw new Error('no mention recorded');
    backgroundOver(db);
    const copied: string[] = [];
    vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async (text) => {
      copied.push(text);
    });
    const detail = mentionDetail(mention, {
      counts: { mentionCount: 3, caseCount: 1, complaintCaseCount: 1 },
    });
    mount(createElement(CaseHistory, { detail, brandName: 'Acme' }));
    await answered();
    await press(buttonNamed('Copy for handover'));
    await settle();
    expect(copied).toHaveLength(1);
    const posts = (copied[0] ?? '').split('\n').filter((line) => line.startsWith('    @acme'));
    expect(posts).toEqual(['    @acme my parcel is late', '    @acme still nothing', '    @acme hello?']);
    expect(copied[0]).toContain('Conversation, oldest first:');
    db.close();
  });
});
