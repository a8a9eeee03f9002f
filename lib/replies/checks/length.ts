import twitterText, { type ParseTweetOptions } from 'twitter-text';
import { PLATFORM_LABELS, type Platform } from '../../domain/types';
import { normaliseEditorText, sitePrefilledPrefix } from '../../editors/text';
import type { ReplyCheck, ReplyCheckRule } from './types';

export type LengthUnit = 'weighted' | 'graphemes' | 'characters';

export interface LengthMeasure {
  used: number;
  /** Null when the site has no practical limit. */
  limit: number | null;
  unit: LengthUnit;
  /** What the site wrote in the reply box and keeps before this reply, counted in `used`; absent if none. */
  prefilled?: { text: string; used: number };
}

interface LengthRule {
  limit: number | null;
  unit: LengthUnit;
}

/**
 * Reply limits per site (comments/replies, not original posts). X counts twitter-text's weighted length
 * (links 23, CJK and emoji 2); Bluesky and Mastodon count grapheme clusters (Bluesky: each http(s) link
 * as the composer shortens it; Mastodon: links 23, a remote mention only by its local part); the others
 * are counted in code points.
 */
export const LENGTH_RULES: Record<Platform, LengthRule> = {
  x: { limit: 280, unit: 'weighted' },
  bluesky: { limit: 300, unit: 'graphemes' },
  threads: { limit: 500, unit: 'characters' },
  mastodon: { limit: 500, unit: 'graphemes' },
  instagram: { limit: 2200, unit: 'characters' },
  linkedin: { limit: 1250, unit: 'characters' },
  youtube: { limit: 10_000, unit: 'characters' },
  reddit: { limit: 10_000, unit: 'characters' },
  facebook: { limit: 8000, unit: 'characters' },
  web: { limit: null, unit: 'characters' },
};

const MASTODON_URL_WEIGHT = 23;
// Mastodon finds links with twitter-text's rules, scheme required: punctuation after a link is not part
// of it, and a host without a known top-level domain is no link (counted as typed).
const MASTODON_URL_OPTIONS = { extractUrlsWithoutProtocol: false };
// "@user@server": Mastodon counts "@user" only.
const MASTODON_REMOTE_MENTION = /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_]+(@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)/gu;

// The library's own weights (links 23, CJK 2…); only the maximum changes with an override (X Premium).
const TWITTER_DEFAULTS = (twitterText as unknown as { configs: { defaults: ParseTweetOptions } }).configs
  .defaults;

// Bluesky's link detection (@atproto/api detectFacets): a link starts the text or follows whitespace or
// "(". Bare domains ("example.com/x") are links too but are never shortened, so they count in full; they
// stay in the pattern only so that a match resumes after them exactly as on Bluesky.
const BLUESKY_LINK = /(^|\s|\()((https?:\/\/\S+)|([a-z][a-z0-9]*(\.[a-z0-9]+)+)\S*)/gim;
// Bluesky keeps a shortened link's path to this many characters, else cuts it to the next number + "...".
const BLUESKY_PATH_KEPT = 15;
const BLUESKY_PATH_CUT = 13;

let graphemeSegmenter: Intl.Segmenter | null = null;

function graphemeStarts(text: string): number[] {
  graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const starts: number[] = [];
  for (const segment of graphemeSegmenter.segment(text)) starts.push(segment.index);
  return starts;
}

function codePointStarts(text: string): number[] {
  const starts: number[] = [];
  let index = 0;
  for (const char of text) {
    starts.push(index);
    index += char.length;
  }
  return starts;
}

/** A stretch of text that counts as a fixed cost instead of per unit (a link, a mention's server). */
interface WeightedRange {
  start: number;
  end: number;
  cost: number;
}

function mastodonRanges(text: string): WeightedRange[] {
  const ranges: WeightedRange[] = [];
  for (const { indices } of twitterText.extractUrlsWithIndices(text, MASTODON_URL_OPTIONS)) {
    ranges.push({ start: indices[0], end: indices[1], cost: MASTODON_URL_WEIGHT });
  }
  for (const match of text.matchAll(MASTODON_REMOTE_MENTION)) {
    const server = match[1] ?? '';
    const end = match.index + match[0].length;
    ranges.push({ start: end - server.length, end, cost: 0 });
  }
  return ranges.sort((left, right) => left.start - right.start);
}

/**
 * A link as the Bluesky composer shows and counts it (social-app toShortUrl): no scheme, the host as the
 * URL parser writes it, then path, query and hash, cut to 13 characters + "..." when over 15.
 */
export function blueskyShortUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return url;
  const path = (parsed.pathname === '/' ? '' : parsed.pathname) + parsed.search + parsed.hash;
  if (path.length > BLUESKY_PATH_KEPT) return `${parsed.host}${path.slice(0, BLUESKY_PATH_CUT)}...`;
  return parsed.host + path;
}

function blueskyRanges(text: string): WeightedRange[] {
  const ranges: WeightedRange[] = [];
  for (const match of text.matchAll(BLUESKY_LINK)) {
    let link = match[3];
    if (link === undefined) continue; // a bare domain: counted as typed
    // Trailing punctuation is not part of the link: one of .,;!? and then a ")" without a "(".
    if (/[.,;!?]$/u.test(link)) link = link.slice(0, -1);
    if (link.endsWith(')') && !link.includes('(')) link = link.slice(0, -1);
    const start = match.index + (match[1]?.length ?? 0);
    ranges.push({ start, end: start + link.length, cost: graphemeStarts(blueskyShortUrl(link)).length });
  }
  return ranges;
}

interface Tally {
  used: number;
  /** UTF-16 offset where the text first goes over the limit, or null when it fits. */
  overflowStart: number | null;
}

/** Counts units (graphemes or code points), each special range at its fixed cost. */
function tallyUnits(
  text: string,
  unitStarts: number[],
  ranges: WeightedRange[],
  limit: number | null,
): Tally {
  let used = 0;
  let overflowStart: number | null = null;
  let rangeIndex = 0;
  let skipUntil = -1;
  for (const start of unitStarts) {
    if (start < skipUntil) continue;
    while (rangeIndex < ranges.length && (ranges[rangeIndex] as WeightedRange).end <= start) rangeIndex++;
    const range = ranges[rangeIndex];
    const cost = range && range.start <= start ? range.cost : 1;
    if (range && range.start <= start) skipUntil = range.end;
    used += cost;
    if (overflowStart === null && limit !== null && used > limit) overflowStart = start;
  }
  return {
    used,
    overflowStart: overflowStart !== null && overflowStart < text.length ? overflowStart : null,
  };
}

function tally(text: string, platform: Platform, limit: number | null): Tally {
  const rule = LENGTH_RULES[platform];
  if (rule.unit === 'weighted') {
    const parsed = twitterText.parseTweet(text, {
      ...TWITTER_DEFAULTS,
      maxWeightedTweetLength: limit ?? Number.MAX_SAFE_INTEGER,
    });
    const fits = limit === null || parsed.weightedLength <= limit;
    return { used: parsed.weightedLength, overflowStart: fits ? null : parsed.validRangeEnd + 1 };
  }
  if (rule.unit === 'graphemes') {
    const ranges =
      platform === 'mastodon' ? mastodonRanges(text) : platform === 'bluesky' ? blueskyRanges(text) : [];
    return tallyUnits(text, graphemeStarts(text), ranges, limit);
  }
  return tallyUnits(text, codePointStarts(text), [], limit);
}

/**
 * The part of the reply box's prefill (see replyBoxPrefill) that is still there once this reply is in:
 * the insert keeps it unless the reply starts with its first handle (sitePrefilledPrefix decides both).
 */
function keptPrefill(text: string, prefill: string | undefined): string {
  if (!prefill) return '';
  return sitePrefilledPrefix(normaliseEditorText(prefill), normaliseEditorText(text));
}

/**
 * How long the reply is by the site's own counting rule, and the site's limit. The site counts what the
 * reply box holds, so a prefill the reply goes after (Mastodon's "@jane ") counts too.
 */
export function measureLength(
  text: string,
  platform: Platform,
  limitOverride?: number,
  prefill?: string,
): LengthMeasure {
  const rule = LENGTH_RULES[platform];
  const limit = limitOverride ?? rule.limit;
  const kept = keptPrefill(text, prefill);
  const measure: LengthMeasure = { used: tally(kept + text, platform, limit).used, limit, unit: rule.unit };
  if (kept) measure.prefilled = { text: kept.trim(), used: tally(kept, platform, null).used };
  return measure;
}

const UNIT_WORDS: Record<LengthUnit, string> = {
  weighted: 'characters (links count 23, emoji and CJK 2)',
  graphemes: 'characters',
  characters: 'characters',
};

const PLATFORM_UNIT_WORDS: Partial<Record<Platform, string>> = {
  bluesky: 'characters (links count as Bluesky shortens them)',
};

export const checkLength: ReplyCheckRule = (text, context) => {
  const rule = LENGTH_RULES[context.platform];
  const limit = context.limitOverride ?? rule.limit;
  if (limit === null) return [];
  const kept = keptPrefill(text, context.replyPrefill);
  const { used, overflowStart } = tally(kept + text, context.platform, limit);
  if (used <= limit) return [];
  const units = PLATFORM_UNIT_WORDS[context.platform] ?? UNIT_WORDS[rule.unit];
  const counting = kept
    ? `, counting the ${kept.trim()} ${PLATFORM_LABELS[context.platform]} puts before your reply`
    : '';
  const check: ReplyCheck = {
    id: 'length',
    severity: 'error',
    message: `Too long for ${PLATFORM_LABELS[context.platform]}: ${used} of ${limit} ${units}${counting}. Cut ${used - limit}.`,
  };
  // Offsets into the box's text, prefill first; only the reply's own part can be marked.
  if (overflowStart !== null)
    check.span = { start: Math.max(0, overflowStart - kept.length), end: text.length };
  return [check];
};
