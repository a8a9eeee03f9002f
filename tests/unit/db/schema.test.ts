import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { recordMention } from '../../../lib/db/cases';
import { getCustomerHistory } from '../../../lib/db/customers';
import type { EventRow, MentionRow } from '../../../lib/db/records';
import {
  ParleyDb,
  SCHEMA_V1,
  SCHEMA_V2,
  type V1Case,
  type V1Customer,
  type V1Draft,
  type V1Event,
  type V1Mention,
} from '../../../lib/db/schema';
import { deriveCase } from '../../../lib/db/timeline';
import { classified, freshFactory, makePost } from './fixtures';

/** Version 1 exactly as it shipped; frozen here so a later edit to the code's copy cannot hide a break. */
const V1_STORES = {
  customers: 'id, *identityKeys, lastSeenAt',
  mentions: 'id, customerId, caseId',
  cases: 'id, customerId, status',
  events: 'id, caseId, customerId',
  drafts: 'postKey',
};

const v1Customers: V1Customer[] = [
  {
    id: 'c1',
    displayName: 'Alice',
    notes: 'prefers email',
    identities: [
      { platform: 'x', handle: 'Alice', displayName: 'Alice A.' },
      { platform: 'instagram', handle: 'alice.ig' },
    ],
    identityKeys: ['x:alice', 'instagram:alice.ig'],
    firstSeenAt: '2025-06-01T10:00:00.000Z',
    lastSeenAt: '2025-06-03T10:00:00.000Z',
  },
  {
    id: 'c2',
    displayName: 'Bob',
    identities: [{ platform: 'reddit', handle: 'bob_r', displayName: null }],
    identityKeys: ['reddit:bob_r'],
    firstSeenAt: '2025-06-02T09:00:00.000Z',
    lastSeenAt: '2025-06-02T09:00:00.000Z',
  },
];

const v1Mentions: V1Mention[] = [
  {
    id: 'x:1',
    platform: 'x',
    postId: '1',
    permalink: 'https://x.example/1',
    customerId: 'c1',
    authorHandle: 'Alice',
    text: 'my order is late',
    postedAt: '2025-06-01T12:00:00+02:00',
    detectedAt: '2025-06-01T10:05:00.000Z',
    category: 'complaint',
    severity: 3,
    caseId: 'k1',
  },
  {
    id: 'instagram:2',
    platform: 'instagram',
    postId: '2',
    permalink: null,
    customerId: 'c1',
    authorHandle: 'alice.ig',
    text: 'thanks for sorting it!',
    postedAt: null,
    detectedAt: '2025-06-03T10:00:00.000Z',
    category: 'praise',
    severity: 1,
    caseId: 'k1',
  },
  {
    id: 'reddit:3',
    platform: 'reddit',
    postId: '3',
    permalink: 'https://reddit.example/3',
    customerId: 'c2',
    authorHandle: 'bob_r',
    text: 'how do refunds work?',
    postedAt: '2025-06-02T09:00:00.000Z',
    detectedAt: '2025-06-02T09:01:00.000Z',
    category: 'question',
    severity: 2,
    caseId: 'k2',
  },
];

const v1Cases: V1Case[] = [
  {
    id: 'k1',
    customerId: 'c1',
    status: 'resolved',
    openedAt: '2025-06-01T10:00:00.000Z',
    firstResponseAt: '2025-06-01T11:00:00.000Z',
    resolvedAt: '2025-06-02T10:00:00.000Z',
    severity: 3,
    category: 'complaint',
  },
  // v1 kept this case's reply and status only on the row, with no events behind them.
  {
    id: 'k2',
    customerId: 'c2',
    status: 'awaiting-customer',
    openedAt: '2025-06-02T09:00:00.000Z',
    firstResponseAt: '2025-06-02T09:30:00.000Z',
    severity: 2,
    category: 'question',
  },
];

const v1Events: V1Event[] = [
  {
    id: 'e1',
    caseId: 'k1',
    customerId: 'c1',
    at: '2025-06-01T10:05:00.000Z',
    type: 'detected',
    data: { mentionId: 'x:1' },
  },
  {
    id: 'e2',
    caseId: 'k1',
    customerId: 'c1',
    at: '2025-06-01T11:00:00.000Z',
    type: 'replied',
    data: { text: 'On it!' },
  },
  {
    id: 'e3',
    caseId: 'k1',
    customerId: 'c1',
    at: '2025-06-01T11:00:00.000Z',
    type: 'status',
    data: { from: 'open', to: 'awaiting-customer' },
  },
  {
    id: 'e4',
    caseId: 'k1',
    customerId: 'c1',
    at: '2025-06-02T10:00:00.000Z',
    type: 'status',
    data: { from: 'awaiting-customer', to: 'resolved' },
  },
  {
    id: 'e5',
    caseId: 'k1',
    customerId: 'c1',
    at: '2025-06-03T10:00:00.000Z',
    type: 'detected',
    data: { mentionId: 'instagram:2' },
  },
  {
    id: 'e6',
    caseId: 'k1',
    customerId: 'c1',
    at: '2025-06-03T10:01:00.000Z',
    type: 'note',
    data: { text: 'happy now' },
  },
  {
    id: 'e7',
    caseId: 'k2',
    customerId: 'c2',
    at: '2025-06-02T09:01:00.000Z',
    type: 'detected',
    data: { mentionId: 'reddit:3' },
  },
];

const v1Drafts: V1Draft[] = [
  { postKey: 'reddit:3', text: 'Refunds take 5 days', updatedAt: '2025-06-02T09:10:00.000Z' },
];

async function writeV1Database(options: ReturnType<typeof freshFactory>, name: string) {
  const v1 = new Dexie(name, options);
  v1.version(1).stores(V1_STORES);
  await v1.table('customers').bulkAdd(v1Customers);
  await v1.table('mentions').bulkAdd(v1Mentions);
  await v1.table('cases').bulkAdd(v1Cases);
  await v1.table('events').bulkAdd(v1Events);
  await v1.table('drafts').bulkAdd(v1Drafts);
  v1.close();
}

describe('schema upgrade v1 → v2', () => {
  it('declares the same version 1 the upgrade test writes', () => {
    expect(SCHEMA_V1).toEqual(V1_STORES);
  });

  it('moves inline identities to their own table and fills the new customer fields', async () => {
    const options = freshFactory();
    await writeV1Database(options, 'upgrade');
    const db = new ParleyDb('upgrade', options);

    expect(await db.identities.orderBy('id').toArray()).toEqual([
      {
        id: 'instagram:alice.ig',
        platform: 'instagram',
        handle: 'alice.ig',
        customerId: 'c1',
        displayName: null,
      },
      { id: 'reddit:bob_r', platform: 'reddit', handle: 'bob_r', customerId: 'c2', displayName: null },
      { id: 'x:alice', platform: 'x', handle: 'Alice', customerId: 'c1', displayName: 'Alice A.' },
    ]);
    expect(db.verno).toBe(3);
    expect(await db.customers.get('c1')).toEqual({
      id: 'c1',
      displayName: 'Alice',
      notes: 'prefers email',
      firstSeenAt: '2025-06-01T10:00:00.000Z',
      lastSeenAt: '2025-06-03T10:00:00.000Z',
      praiseCount: 1,
      complaintCount: 1,
    });
    expect((await db.customers.get('c2'))?.notes).toBeNull();
    expect(await db.drafts.get('reddit:3')).toEqual({ ...v1Drafts[0] });
    expect((await db.meta.get('upgradedFromV1At'))?.value).toEqual(expect.any(String));
  });

  it('gives mentions their v2 fields, with times normalized to UTC', async () => {
    const options = freshFactory();
    await writeV1Database(options, 'upgrade');
    const db = new ParleyDb('upgrade', options);
    expect(await db.mentions.get('x:1')).toEqual({
      ...v1Mentions[0],
      identityId: 'x:alice',
      postedAt: '2025-06-01T10:00:00.000Z',
      postedAtEstimated: false,
      at: '2025-06-01T10:00:00.000Z',
      sentiment: 0,
      reasons: [],
      isOwnReply: false,
      inReplyTo: null,
    });
    expect((await db.mentions.get('instagram:2'))?.at).toBe('2025-06-03T10:00:00.000Z');
  });

  it('converts events and re-derives each case from its timeline, keeping what v1 knew', async () => {
    const options = freshFactory();
    await writeV1Database(options, 'upgrade');
    const db = new ParleyDb('upgrade', options);

    const k1Events = await db.events.where('caseId').equals('k1').sortBy('at');
    expect(k1Events.map((event) => event.type)).toEqual([
      'detected',
      'replied',
      'status-changed',
      'status-changed',
      'detected',
      'note',
    ]);
    expect(k1Events[0]).toMatchObject({
      at: '2025-06-01T10:00:00.000Z',
      data: { mentionId: 'x:1', detectedAt: '2025-06-01T10:05:00.000Z', category: 'complaint', severity: 3 },
    });
    expect(await db.cases.get('k1')).toEqual({
      id: 'k1',
      customerId: 'c1',
      status: 'resolved',
      openedAt: '2025-06-01T10:00:00.000Z',
      firstMentionId: 'x:1',
      firstResponseAt: '2025-06-01T11:00:00.000Z',
      resolvedAt: '2025-06-02T10:00:00.000Z',
      reopenedCount: 0,
      statusChangedAt: '2025-06-02T10:00:00.000Z',
      updatedAt: '2025-06-03T10:01:00.000Z',
      severity: 3,
      category: 'complaint',
    });
    expect(await db.cases.get('k2')).toMatchObject({
      status: 'awaiting-customer',
      firstResponseAt: '2025-06-02T09:30:00.000Z',
      openedAt: '2025-06-02T09:00:00.000Z',
    });
    for (const caseRow of await db.cases.toArray()) {
      const timeline = await db.events.where('caseId').equals(caseRow.id).toArray();
      expect(caseRow).toEqual(deriveCase(caseRow, timeline));
    }
  });

  it('keeps working after the upgrade: known handles reach their customer, history is indexed', async () => {
    const options = freshFactory();
    await writeV1Database(options, 'upgrade');
    const db = new ParleyDb('upgrade', options);
    const result = await recordMention(db, {
      post: makePost({ platform: 'instagram', handle: 'Alice.IG', postedAt: '2025-06-04T10:00:00.000Z' }),
      classification: classified(),
      isOwnReply: false,
      detectedAt: '2025-06-04T10:00:00.000Z',
    });
    expect(result.customerId).toBe('c1');
    // Two days after k1 was resolved: inside the reopen window, so k1 reopens.
    expect(result.caseId).toBe('k1');
    const history = await getCustomerHistory(db, 'c1');
    expect(history?.items.filter((item) => item.kind === 'mention')).toHaveLength(3);
  });

  it('opens an empty profile straight at the current version', async () => {
    const db = new ParleyDb('fresh', freshFactory());
    await db.open();
    expect(db.verno).toBe(3);
    expect(db.tables.map((table) => table.name).sort()).toEqual(
      [
        'cases',
        'corrections',
        'customers',
        'drafts',
        'events',
        'identities',
        'mentions',
        'meta',
        'thanks',
      ].sort(),
    );
  });
});

describe('schema upgrade v2 → v3: posts stored with a date after they were seen', () => {
  const customerId = 'cu1';
  const caseId = 'ca1';
  const seen = '2026-03-01T10:00:00.000Z';
  // What the page claimed, before such dates were held to the time Parley saw the post.
  const claimed = '2026-03-01T15:00:00.000Z';
  const resolved = '2026-03-01T12:00:00.000Z';

  const mention = (id: string, at: string, detectedAt: string, text: string): MentionRow => ({
    id,
    platform: 'x',
    postId: id.slice(2),
    permalink: null,
    customerId,
    identityId: 'x:dana',
    authorHandle: 'dana',
    text,
    postedAt: at,
    postedAtEstimated: false,
    detectedAt,
    at,
    category: 'complaint',
    severity: 2,
    sentiment: -1,
    reasons: [],
    isOwnReply: false,
    inReplyTo: null,
    caseId,
  });
  const base = { caseId, customerId };
  const events: EventRow[] = [
    {
      ...base,
      id: 'ev1',
      at: '2026-03-01T09:00:00.000Z',
      type: 'detected',
      data: { mentionId: 'x:1', detectedAt: '2026-03-01T09:00:00.000Z', category: 'complaint', severity: 2 },
    },
    {
      ...base,
      id: 'ev2',
      at: '2026-03-01T09:30:00.000Z',
      type: 'replied',
      data: { via: 'marked-sent', text: 'Sorry, on it', postKey: 'x:1', seenMentionId: null },
    },
    {
      ...base,
      id: 'ev3',
      at: '2026-03-01T09:30:00.000Z',
      type: 'status-changed',
      data: { from: 'open', to: 'awaiting-customer', reason: 'replied' },
    },
    // The customer wrote again, seen at 10:00 but dated 15:00, which reopened the case at 15:00 ...
    {
      ...base,
      id: 'ev4',
      at: claimed,
      type: 'detected',
      data: { mentionId: 'x:2', detectedAt: seen, category: 'complaint', severity: 2 },
    },
    {
      ...base,
      id: 'ev5',
      at: claimed,
      type: 'status-changed',
      data: { from: 'awaiting-customer', to: 'open', reason: 'customer-wrote' },
    },
    // ... so the agent's resolution at noon sorted before it, and the case stayed open.
    {
      ...base,
      id: 'ev6',
      at: resolved,
      type: 'status-changed',
      data: { from: 'open', to: 'resolved', reason: 'agent' },
    },
  ];

  async function writeV2Database(options: ReturnType<typeof freshFactory>, name: string) {
    const v2 = new Dexie(name, options);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.table('customers').add({
      id: customerId,
      displayName: 'Dana',
      notes: null,
      firstSeenAt: '2026-03-01T09:00:00.000Z',
      lastSeenAt: claimed,
      praiseCount: 0,
      complaintCount: 2,
    });
    await v2.table('identities').add({
      id: 'x:dana',
      platform: 'x',
      handle: 'dana',
      customerId,
      displayName: 'Dana',
    });
    await v2
      .table('mentions')
      .bulkAdd([
        mention('x:1', '2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z', 'where is my parcel'),
        mention('x:2', claimed, seen, 'still nothing'),
      ]);
    await v2.table('events').bulkAdd(events);
    await v2.table('cases').add(deriveCase({ id: caseId, customerId }, events));
    v2.close();
  }

  it('places such a post, and what it caused, at the time it was seen, and re-derives its case', async () => {
    const options = freshFactory();
    await writeV2Database(options, 'v2-future');
    const before = deriveCase({ id: caseId, customerId }, events);
    expect(before.status).toBe('open');

    const db = new ParleyDb('v2-future', options);
    expect(await db.mentions.get('x:2')).toMatchObject({ postedAt: seen, at: seen, detectedAt: seen });
    expect((await db.events.get('ev4'))?.at).toBe(seen);
    expect((await db.events.get('ev5'))?.at).toBe(seen);
    expect((await db.events.get('ev6'))?.at).toBe(resolved);
    const timeline = await db.events.where('caseId').equals(caseId).toArray();
    const caseRow = await db.cases.get(caseId);
    expect(caseRow).toEqual(deriveCase({ id: caseId, customerId }, timeline));
    expect(caseRow).toMatchObject({ status: 'resolved', resolvedAt: resolved, updatedAt: resolved });
    expect(await db.customers.get(customerId)).toMatchObject({
      firstSeenAt: '2026-03-01T09:00:00.000Z',
      lastSeenAt: seen,
      complaintCount: 2,
    });
    // The untouched rows stay as they were.
    expect(await db.mentions.get('x:1')).toEqual(
      mention('x:1', '2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z', 'where is my parcel'),
    );
    expect(await db.events.get('ev2')).toEqual(events[1]);
  });

  it('leaves a status change alone when another post of the case has the same time', async () => {
    const options = freshFactory();
    await writeV2Database(options, 'v2-tie');
    // A second post written at the claimed minute and seen after it: either post could have reopened the case.
    const raw = new Dexie('v2-tie', options);
    raw.version(1).stores(SCHEMA_V1);
    raw.version(2).stores(SCHEMA_V2);
    await raw.table('mentions').add(mention('x:3', claimed, '2026-03-01T16:00:00.000Z', 'hello?'));
    await raw.table('events').add({
      ...base,
      id: 'ev7',
      at: claimed,
      type: 'detected',
      data: { mentionId: 'x:3', detectedAt: '2026-03-01T16:00:00.000Z', category: 'complaint', severity: 2 },
    });
    raw.close();

    const db = new ParleyDb('v2-tie', options);
    expect((await db.events.get('ev4'))?.at).toBe(seen);
    expect((await db.events.get('ev5'))?.at).toBe(claimed);
    const timeline = await db.events.where('caseId').equals(caseId).toArray();
    expect(await db.cases.get(caseId)).toEqual(deriveCase({ id: caseId, customerId }, timeline));
    db.close();
  });

  it('opens over a damaged row of such a post, leaving that row as it was', async () => {
    const options = freshFactory();
    await writeV2Database(options, 'v2-damaged');
    const damaged = { id: 'x:9', text: 'half a row', postedAt: claimed, detectedAt: seen, at: claimed };
    const raw = new Dexie('v2-damaged', options);
    raw.version(1).stores(SCHEMA_V1);
    raw.version(2).stores(SCHEMA_V2);
    await raw.table('mentions').add(damaged);
    raw.close();

    const db = new ParleyDb('v2-damaged', options);
    expect(await db.mentions.get('x:9')).toEqual(damaged);
    expect((await db.cases.get(caseId))?.status).toBe('resolved');
  });
});
