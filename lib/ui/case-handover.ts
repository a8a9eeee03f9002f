import type { HistoryItem } from '../db/customers';
import type { CaseRow, CaseStatus, CustomerRow, IdentityRow } from '../db/records';
import { CATEGORY_LABELS, PLATFORM_LABELS } from '../domain/types';
import { describeEvent } from './history-words';

/**
 * A case as plain text for whoever takes it next: a colleague on the next shift, or the team an agent
 * escalates to, pasted into their ticket or chat. They do not have this agent's Parley data, so the text
 * carries what the sidebar shows: who the customer is on each platform, the case's state, and the
 * conversation in order with links back to the posts. Oldest first, as a conversation is read.
 */

const STATUS_WORDS: Record<CaseStatus, string> = {
  open: 'open, waiting on us',
  'awaiting-customer': 'waiting on the customer',
  resolved: 'resolved',
};

export interface CaseHandoverInput {
  /** The case reference the customer can quote (ACME-7K2QD), when the mention has a case. */
  reference: string | null;
  caseRow: CaseRow | null;
  customer: CustomerRow | null;
  identities: readonly IdentityRow[];
  /** The timeline as the sidebar shows it, newest first. */
  items: readonly HistoryItem[];
  /** Older entries exist that are not in `items`. */
  olderLeft: boolean;
  /** Minutes to add to UTC for the stamps; the agent's own zone unless a test sets one. */
  utcOffsetMinutes?: (ms: number) => number;
}

const localOffset = (ms: number) => -new Date(ms).getTimezoneOffset();

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * "2026-11-24 14:02 UTC+01:00": the colleague may work in another zone, so the offset goes with the time.
 */
export function handoverStamp(iso: string, utcOffsetMinutes: (ms: number) => number = localOffset): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const offset = utcOffsetMinutes(ms);
  // The local wall time is the UTC one of the instant moved by the offset: "2026-11-24T14:02".
  const local = new Date(ms + offset * 60_000).toISOString();
  const [day, time] = [local.slice(0, 10), local.slice(11, 16)];
  const sign = offset < 0 ? '-' : '+';
  const zone =
    offset === 0
      ? 'UTC'
      : `UTC${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${day} ${time} ${zone}`;
}

/** Post text on indented lines, so a multi-line post cannot pass for an entry of its own. */
function indented(text: string): string {
  return text
    .trim()
    .split(/\r\n|\r|\n/)
    .map((line) => `    ${line}`)
    .join('\n');
}

function handleOn(identity: Pick<IdentityRow, 'platform' | 'handle'>): string {
  return `${PLATFORM_LABELS[identity.platform]} @${identity.handle.replace(/^@/, '')}`;
}

function entryLines(item: HistoryItem, stamp: (iso: string) => string): string[] {
  if (item.kind === 'mention') {
    const { mention } = item;
    const who = mention.isOwnReply
      ? `our reply (@${mention.authorHandle})`
      : `@${mention.authorHandle}, ${CATEGORY_LABELS[mention.category].toLowerCase()}`;
    // A time read from the site's "2h" is a guess: the colleague should not take it for a fact.
    const when = mention.postedAtEstimated ? `about ${stamp(item.at)}` : stamp(item.at);
    const lines = [`${when} · ${PLATFORM_LABELS[mention.platform]} · ${who}`];
    if (mention.text.trim()) lines.push(indented(mention.text));
    if (mention.permalink) lines.push(`    ${mention.permalink}`);
    return lines;
  }
  const described = describeEvent(item.event);
  if (!described) return [];
  const lines = [`${stamp(item.at)} · ${described.label}`];
  if (described.detail?.trim()) lines.push(indented(described.detail));
  return lines;
}

export function caseHandoverText(input: CaseHandoverInput): string {
  const stamp = (iso: string) => handoverStamp(iso, input.utcOffsetMinutes);
  const lines: string[] = [];
  const { caseRow } = input;
  if (caseRow) {
    lines.push(
      `Case ${input.reference ?? caseRow.id}: ${STATUS_WORDS[caseRow.status]} · ${CATEGORY_LABELS[caseRow.category].toLowerCase()}, severity ${caseRow.severity} of 4 · opened ${stamp(caseRow.openedAt)}`,
    );
  }
  const accounts = input.identities.map(handleOn);
  const name = input.customer?.displayName.trim();
  if (name || accounts.length > 0) {
    lines.push(`Customer: ${[name, ...accounts].filter(Boolean).join(' · ')}`);
  }
  const entries = [...input.items].reverse().map((item) => entryLines(item, stamp));
  const shown = entries.filter((entry) => entry.length > 0);
  lines.push('');
  lines.push(
    input.olderLeft
      ? `Conversation, oldest first (the latest ${shown.length} entries; older ones are not included):`
      : 'Conversation, oldest first:',
  );
  for (const entry of shown) lines.push(...entry);
  if (shown.length === 0) lines.push('(nothing recorded yet)');
  return lines.join('\n');
}
