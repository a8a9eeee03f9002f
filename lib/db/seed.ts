import { CATEGORIES, type Category, PLATFORMS, type Platform, type Severity } from '../domain/types';
import { identityKey, mentionKey, toTimestamp } from './ids';
import type { CaseRow, CustomerRow, EventRow, IdentityRow, MentionRow } from './records';
import type { ParleyDb } from './schema';
import { deriveCase } from './timeline';

/**
 * Deterministic synthetic profiles for benchmarks and scale tests: the same options always produce
 * the same rows, written with bulkAdd in chunks so 100,000 customers / 1,000,000 mentions never sit
 * in memory at once. Every case row is derived from its generated timeline, exactly as the
 * repository does, so the data is as consistent as real data.
 */

export interface SeedOptions {
  customers: number;
  mentionsPerCustomer: number;
  seed: number;
  /** Earliest generated time; the data spans about a year from here. */
  start?: string;
  /** Customers written per transaction. */
  chunkSize?: number;
}

export interface SeedCounts {
  customers: number;
  identities: number;
  mentions: number;
  cases: number;
  events: number;
}

/** mulberry32: small, fast, and good enough to spread synthetic data. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const CATEGORY_WEIGHTS: Record<Category, number> = {
  complaint: 0.35,
  question: 0.25,
  praise: 0.2,
  neutral: 0.15,
  spam: 0.03,
  crisis: 0.02,
};

const PHRASES: Record<Category, string[]> = {
  complaint: ['my order still has not arrived', 'the app keeps crashing', 'charged twice this month'],
  question: ['how do I change my plan', 'do you ship to Norway', 'when does the sale end'],
  praise: ['support sorted it in minutes', 'love the new update', 'best service I have had'],
  neutral: ['saw the ad on the train', 'trying this out today', 'anyone else using this'],
  spam: ['free followers click here', 'crypto giveaway dm me', 'cheap watches online'],
  crisis: ['data leak exposed my address', 'product caught fire', 'outage for six hours now'],
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const PAD = 8;

function pad(value: number): string {
  return value.toString().padStart(PAD, '0');
}

export async function seedSyntheticData(db: ParleyDb, options: SeedOptions): Promise<SeedCounts> {
  const random = createRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const pickCategory = (): Category => {
    let roll = random();
    for (const category of CATEGORIES) {
      roll -= CATEGORY_WEIGHTS[category];
      if (roll < 0) return category;
    }
    return 'neutral';
  };
  const startMs = Date.parse(toTimestamp(options.start ?? '2025-01-01T00:00:00.000Z'));
  const chunkSize = Math.max(1, options.chunkSize ?? 2_000);
  const counts: SeedCounts = { customers: 0, identities: 0, mentions: 0, cases: 0, events: 0 };
  let eventSequence = 0;
  const nextEventId = () => `ev_seed${options.seed}_${(eventSequence++).toString().padStart(12, '0')}`;

  for (let chunkStart = 0; chunkStart < options.customers; chunkStart += chunkSize) {
    const customers: CustomerRow[] = [];
    const identities: IdentityRow[] = [];
    const mentions: MentionRow[] = [];
    const cases: CaseRow[] = [];
    const events: EventRow[] = [];

    const chunkEnd = Math.min(options.customers, chunkStart + chunkSize);
    for (let index = chunkStart; index < chunkEnd; index += 1) {
      const customerId = `cu_seed${options.seed}_${pad(index)}`;
      const platforms: Platform[] = [pick(PLATFORMS)];
      if (random() < 0.3) {
        const second = pick(PLATFORMS);
        if (second !== platforms[0]) platforms.push(second);
      }
      const handles = platforms.map((platform) => ({
        platform,
        handle: `user${index}_s${options.seed}_${platform}`,
      }));
      for (const { platform, handle } of handles) {
        identities.push({
          id: identityKey(platform, handle),
          platform,
          handle,
          customerId,
          displayName: `User ${index}`,
        });
      }

      let clock = startMs + Math.floor(random() * 365 * DAY_MS);
      let praiseCount = 0;
      let complaintCount = 0;
      let firstSeenAt: string | null = null;
      let lastSeenAt: string | null = null;
      let written = 0;
      let caseNumber = 0;
      while (written < options.mentionsPerCustomer) {
        const caseId = `ca_seed${options.seed}_${pad(index)}_${caseNumber++}`;
        const caseSize = Math.min(options.mentionsPerCustomer - written, 1 + Math.floor(random() * 4));
        const caseEvents: EventRow[] = [];
        let lastMention: MentionRow | null = null;
        for (let n = 0; n < caseSize; n += 1) {
          const { platform, handle } = pick(handles);
          const category = pickCategory();
          const severity = (1 + Math.floor(random() * 4)) as Severity;
          clock += Math.floor(random() * 6 * HOUR_MS) + 60_000;
          const at = new Date(clock).toISOString();
          const postId = `s${options.seed}c${index}m${written}`;
          const mention: MentionRow = {
            id: mentionKey(platform, postId),
            platform,
            postId,
            permalink: `https://example.invalid/${platform}/${postId}`,
            customerId,
            identityId: identityKey(platform, handle),
            authorHandle: handle,
            text: `@brand ${pick(PHRASES[category])} (#${written})`,
            postedAt: at,
            postedAtEstimated: false,
            detectedAt: new Date(clock + 30_000).toISOString(),
            at,
            category,
            severity,
            sentiment: Math.round((random() * 2 - 1) * 100) / 100 || 0, // never -0: JSON drops the sign
            reasons: [],
            isOwnReply: false,
            inReplyTo: null,
            caseId,
          };
          mentions.push(mention);
          lastMention = mention;
          caseEvents.push({
            id: nextEventId(),
            caseId,
            customerId,
            at,
            type: 'detected',
            data: { mentionId: mention.id, detectedAt: mention.detectedAt, category, severity },
          });
          if (category === 'praise') praiseCount += 1;
          if (category === 'complaint' || category === 'crisis') complaintCount += 1;
          firstSeenAt ??= at;
          lastSeenAt = at;
          written += 1;
        }
        if (lastMention && random() < 0.7) {
          clock += Math.floor(random() * 3 * HOUR_MS) + 60_000;
          const at = new Date(clock).toISOString();
          caseEvents.push(
            {
              id: nextEventId(),
              caseId,
              customerId,
              at,
              type: 'replied',
              data: {
                via: 'inserted',
                text: 'Sorry about that, we are on it.',
                postKey: lastMention.id,
                seenMentionId: null,
              },
            },
            {
              id: nextEventId(),
              caseId,
              customerId,
              at,
              type: 'status-changed',
              data: { from: 'open', to: 'awaiting-customer', reason: 'replied' },
            },
          );
          if (random() < 0.6) {
            clock += Math.floor(random() * 2 * DAY_MS) + 60_000;
            caseEvents.push({
              id: nextEventId(),
              caseId,
              customerId,
              at: new Date(clock).toISOString(),
              type: 'status-changed',
              data: { from: 'awaiting-customer', to: 'resolved', reason: 'agent' },
            });
          }
        }
        events.push(...caseEvents);
        cases.push(deriveCase({ id: caseId, customerId }, caseEvents));
        clock += Math.floor(random() * 20 * DAY_MS);
      }

      const seenAt = new Date(startMs).toISOString();
      customers.push({
        id: customerId,
        displayName: `User ${index}`,
        notes: null,
        firstSeenAt: firstSeenAt ?? seenAt,
        lastSeenAt: lastSeenAt ?? seenAt,
        praiseCount,
        complaintCount,
      });
    }

    await db.transaction('rw', [db.customers, db.identities, db.mentions, db.cases, db.events], async () => {
      await db.customers.bulkAdd(customers);
      await db.identities.bulkAdd(identities);
      await db.mentions.bulkAdd(mentions);
      await db.cases.bulkAdd(cases);
      await db.events.bulkAdd(events);
    });
    counts.customers += customers.length;
    counts.identities += identities.length;
    counts.mentions += mentions.length;
    counts.cases += cases.length;
    counts.events += events.length;
  }
  return counts;
}
