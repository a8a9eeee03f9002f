import { PLATFORMS, type Platform } from '../domain/types';

/** Handles compare case-insensitively on every supported platform; the leading @ is decoration. */
export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@+/, '').toLowerCase();
}

/** Natural key of an identity: one account on one platform. */
export function identityKey(platform: Platform, handle: string): string {
  return `${platform}:${normalizeHandle(handle)}`;
}

/** Natural key of a post: what dedupes mentions, drafts and the thanks ledger. */
export function mentionKey(platform: Platform, postId: string): string {
  return `${platform}:${postId}`;
}

/**
 * The platform a mention key names (see mentionKey), without reading the post; null when the key does
 * not start with a known platform, or there is none (a case whose first post is not known).
 */
export function platformOfMentionKey(key: string | null): Platform | null {
  if (key === null) return null;
  const prefix = key.slice(0, key.indexOf(':'));
  return (PLATFORMS as readonly string[]).includes(prefix) ? (prefix as Platform) : null;
}

/** Canonical UTC ISO form, so that stored times sort as strings. Throws on an unparseable time. */
export function toTimestamp(value: string | number | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not a valid time: ${String(value)}`);
  return date.toISOString();
}

/** Like toTimestamp, but page-supplied times that do not parse become null rather than an error. */
export function toTimestampOrNull(value: string | null): string | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const TIME_DIGITS = 9; // base 36, enough until the year 5188
const SEQUENCE_DIGITS = 4;
const RANDOM_DIGITS = 8;
let lastMillis = -1;
let sequence = 0;

function randomBase36(length: number): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const byte of bytes) out += (byte % 36).toString(36);
  return out;
}

/**
 * A new unique id that sorts by creation order within this context: events that share a timestamp
 * (a mention and the reopening it causes) keep their order in the [customerId+at] index, which
 * breaks ties by primary key. The random tail keeps ids from different contexts (background,
 * sidebar, another profile) apart.
 */
export function newId(prefix: string): string {
  const now = Date.now();
  if (now > lastMillis) {
    lastMillis = now;
    sequence = 0;
  } else {
    sequence += 1;
  }
  const time = lastMillis.toString(36).padStart(TIME_DIGITS, '0');
  const seq = sequence.toString(36).padStart(SEQUENCE_DIGITS, '0');
  return `${prefix}_${time}${seq}${randomBase36(RANDOM_DIGITS)}`;
}

/** The earlier of two canonical timestamps (they compare as strings). */
export function earlierOf(a: string, b: string): string {
  return a < b ? a : b;
}

/** The later of two canonical timestamps (they compare as strings). */
export function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}
