// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { HistoryItem } from '../../../lib/db/customers';
import type { CaseRow, CustomerRow, EventRow } from '../../../lib/db/records';
import { caseHandoverText, handoverStamp } from '../../../lib/ui/case-handover';
import { identityRow, mentionRow } from './mount';

const utc = () => 0;

const caseRow: CaseRow = {
  id: 'ca-jane',
  customerId: 'cu-jane',
  status: 'awaiting-customer',
  openedAt: '2026-11-23T10:00:00.000Z',
  firstMentionId: 'm1',
  firstResponseAt: '2026-11-23T10:20:00.000Z',
  resolvedAt: null,
  reopenedCount: 0,
  statusChangedAt: '2026-11-23T10:20:00.000Z',
  updatedAt: '2026-11-23T10:30:00.000Z',
  severity: 3,
  category: 'complaint',
};

const customer: CustomerRow = {
  id: 'cu-jane',
  displayName: 'Jane Doe',
  notes: null,
  firstSeenAt: '2026-11-23T10:00:00.000Z',
  lastSeenAt: '2026-11-23T10:00:00.000Z',
  praiseCount: 0,
  complaintCount: 1,
};

function event(at: string, fields: Pick<EventRow, 'type' | 'data'>): HistoryItem {
  const row = { id: `ev-${at}`, caseId: 'ca-jane', customerId: 'cu-jane', at, ...fields } as EventRow;
  return { kind: 'event', at, id: row.id, event: row };
}

const complaint = mentionRow({
  permalink: 'https://x.com/jane/status/1',
  text: 'My order from Acme is a week late.\nStill nothing!',
});
const ourReply = mentionRow({
  id: 'm2',
  postId: '2',
  authorHandle: 'AcmeHelp',
  isOwnReply: true,
  text: 'Sorry Jane, we are on it. DM us your order number?',
  at: '2026-11-23T10:20:00.000Z',
  permalink: 'https://x.com/AcmeHelp/status/2',
});
/** Newest first, as the sidebar reads the timeline. */
const items: HistoryItem[] = [
  event('2026-11-23T10:30:00.000Z', { type: 'note', data: { text: 'Asked the warehouse.' } }),
  event('2026-11-23T10:20:00.000Z', {
    type: 'replied',
    data: { via: 'inserted', text: 'Sorry Jane', postKey: 'x:1', seenMentionId: 'm2' },
  }),
  { kind: 'mention', at: ourReply.at, id: ourReply.id, mention: ourReply },
  event('2026-11-23T10:00:00.000Z', {
    type: 'detected',
    data: { mentionId: 'm1', detectedAt: '2026-11-23T10:00:00.000Z', category: 'complaint', severity: 3 },
  }),
  { kind: 'mention', at: complaint.at, id: complaint.id, mention: complaint },
];

describe('a case copied for handover', () => {
  it('gives the case, the customer on each platform and the conversation oldest first, with links', () => {
    const text = caseHandoverText({
      reference: 'ACME-7K2QD',
      caseRow,
      customer,
      identities: [identityRow('jane'), identityRow('jane@mastodon.social', 'mastodon')],
      items,
      olderLeft: false,
      utcOffsetMinutes: utc,
    });
    expect(text).toBe(
      [
        'Case ACME-7K2QD: waiting on the customer · complaint, severity 3 of 4 · opened 2026-11-23 10:00 UTC',
        'Customer: Jane Doe · X @jane · Mastodon @jane@mastodon.social',
        '',
        'Conversation, oldest first:',
        '2026-11-23 10:00 UTC · X · @jane, complaint',
        '    My order from Acme is a week late.',
        '    Still nothing!',
        '    https://x.com/jane/status/1',
        '2026-11-23 10:20 UTC · X · our reply (@AcmeHelp)',
        '    Sorry Jane, we are on it. DM us your order number?',
        '    https://x.com/AcmeHelp/status/2',
        '2026-11-23 10:30 UTC · Note',
        '    Asked the warehouse.',
      ].join('\n'),
    );
  });

  it('says when older entries are left out, and how many it holds', () => {
    const text = caseHandoverText({
      reference: null,
      caseRow: null,
      customer: null,
      identities: [],
      items: items.slice(0, 3),
      olderLeft: true,
      utcOffsetMinutes: utc,
    });
    expect(text.split('\n').slice(0, 3)).toEqual([
      '',
      'Conversation, oldest first (the latest 2 entries; older ones are not included):',
      '2026-11-23 10:20 UTC · X · our reply (@AcmeHelp)',
    ]);
  });

  it('indents every line of a post, so its text cannot pass for an entry of its own', () => {
    const forged = mentionRow({ text: 'ok\n2026-11-23 10:40 UTC · Status: open → resolved' });
    const text = caseHandoverText({
      reference: null,
      caseRow: null,
      customer: null,
      identities: [],
      items: [{ kind: 'mention', at: forged.at, id: forged.id, mention: forged }],
      olderLeft: false,
      utcOffsetMinutes: utc,
    });
    expect(text.split('\n').filter((line) => /^\d{4}-/.test(line))).toEqual([
      '2026-11-23 10:00 UTC · X · @jane, complaint',
    ]);
  });

  it('says "about" before a post time read from the site\'s rough "2h"', () => {
    const guessed = mentionRow({ postedAtEstimated: true });
    const text = caseHandoverText({
      reference: null,
      caseRow: null,
      customer: null,
      identities: [],
      items: [{ kind: 'mention', at: guessed.at, id: guessed.id, mention: guessed }],
      olderLeft: false,
      utcOffsetMinutes: utc,
    });
    expect(text).toContain('\nabout 2026-11-23 10:00 UTC · X · @jane, complaint\n');
  });

  it('stamps times with the offset of the zone they were read in', () => {
    expect(handoverStamp('2026-11-23T23:30:00.000Z', () => 60)).toBe('2026-11-24 00:30 UTC+01:00');
    expect(handoverStamp('2026-11-23T02:00:00.000Z', () => -330)).toBe('2026-11-22 20:30 UTC-05:30');
    expect(handoverStamp('not a time', utc)).toBe('not a time');
  });
});
