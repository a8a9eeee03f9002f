import type { Platform } from '../domain/types';
import { buildAutomaton } from './aho-corasick';
import { endOverMarks, foldTerm, foldText, foldWithOffsets, isAscii } from './normalize';
import { compileTextScreen, type TextScreen, type TextScreenFactory } from './text-screen';

/**
 * Finds the brand in untrusted post text: names, aliases, handles, hashtags, domains and misspellings
 * from the policy, in one Aho–Corasick pass over folded text (see normalize.ts for the folding).
 *
 * Rationale for the boundary rules, since page text is adversarial and false positives cost agents time:
 * - Words: a term whose edge is a letter or digit needs a non-word neighbour ("Acme" ≠ "Acmeville",
 *   "AcmeStore", "acme_bot"). Hyphens and apostrophes are boundaries, so "Acme's" and "acme-ish" match.
 *   A dot or '@' joined to another word character is not a boundary ("acme.evil.com", "acme@mail.com"
 *   are hostnames/addresses: only the domain list speaks for those). Scripts written without spaces
 *   (Han, kana, Thai…) cannot have word boundaries, so they are not required next to them.
 * - A name right after '@' is someone's handle: only listed handles match, exactly (`@acme` is not
 *   `@acmestore`, `@acme.bsky.social` or `@acme@other.social` unless listed).
 * - '#Acme' (or '#AcmeStore' for the alias "Acme Store") is a hashtag of the name.
 * - Domains match as the host or a parent of it (help.acme.example, www.acme.example/path,
 *   support@acme.example), never as a prefix of another host (acme.example.evil.com) nor a suffix of a
 *   label (evil-acme.example).
 * - A match inside an exclusion phrase ("Acme Brick") is dropped; overlapping matches keep the longest.
 */

/** Structurally the policy's BrandTerms (kept local so detection does not depend on the policy module). */
export interface BrandTermsInput {
  name: string;
  names: string[];
  aliases: string[];
  /** Without the leading '@'; Mastodon handles may be user@domain. */
  handles: string[];
  /** Without the leading '#'. */
  hashtags: string[];
  domains: string[];
  misspellings: string[];
  /** Phrases that look like the brand but are not (a namesake company). */
  exclusions: string[];
  ownAccounts: Array<{ platform: Platform; handle: string }>;
}

export type BrandMatchKind = 'name' | 'alias' | 'handle' | 'hashtag' | 'domain' | 'misspelling';

export interface BrandMatch {
  /** UTF-16 offsets into the original text: text.slice(start, end) is what the reader sees. */
  start: number;
  end: number;
  /** The policy term as written in the policy. */
  term: string;
  kind: BrandMatchKind;
}

export interface BrandMatcher {
  /** Non-overlapping matches, in text order. */
  find(text: string): BrandMatch[];
  /** The distinct terms of find(text), in text order, without computing offsets (cheaper). */
  termsIn(text: string): string[];
  /** Whether this author is one of the brand's own accounts (their posts are our replies, not mentions). */
  isOwnAccount(platform: Platform, handle: string): boolean;
  /** A fresh quick screen for large amounts of page text (see text-screen.ts). */
  screen(): TextScreen;
  /** What the screen looks for: every term and own handle, folded, without whitespace or a leading @/#. */
  readonly screenPatterns: readonly string[];
  /** Distinct brand terms compiled (exclusions and own accounts not counted). */
  readonly termCount: number;
}

type PatternShape = 'word' | 'handle' | 'hashtag' | 'domain';

interface CompiledPattern {
  folded: string;
  shape: PatternShape;
  /** Null for exclusions. */
  kind: BrandMatchKind | null;
  term: string;
  /** Whether the first/last folded character needs a word boundary next to it. */
  boundaryBefore: boolean;
  boundaryAfter: boolean;
}

interface Candidate {
  start: number;
  end: number;
  pattern: CompiledPattern;
}

// When two terms match the very same span, the more specific kind is reported.
const KIND_PRIORITY: Record<BrandMatchKind, number> = {
  handle: 0,
  hashtag: 1,
  domain: 2,
  name: 3,
  alias: 4,
  misspelling: 5,
};

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const SCRIPT_WITHOUT_SPACES =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

function isWordCodePoint(codePoint: number): boolean {
  if (codePoint < 0x80) {
    return (
      (codePoint >= 0x61 && codePoint <= 0x7a) ||
      (codePoint >= 0x41 && codePoint <= 0x5a) ||
      (codePoint >= 0x30 && codePoint <= 0x39) ||
      codePoint === 0x5f
    );
  }
  return WORD_CHAR.test(String.fromCodePoint(codePoint));
}

function isUnspacedScript(codePoint: number): boolean {
  return codePoint >= 0x0e00 && SCRIPT_WITHOUT_SPACES.test(String.fromCodePoint(codePoint));
}

/** Host-name characters (letters, digits, hyphen, underscore): a domain may not touch one. */
function isHostCodePoint(codePoint: number): boolean {
  return codePoint === 0x2d || isWordCodePoint(codePoint);
}

/** Code point ending just before index, or -1 at the start. */
function codePointBefore(text: string, index: number): number {
  if (index <= 0) return -1;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return low;
}

/** Code point starting at index, or -1 at the end. */
function codePointAtIndex(text: string, index: number): number {
  if (index >= text.length) return -1;
  return text.codePointAt(index) ?? -1;
}

function widthOf(codePoint: number): number {
  return codePoint > 0xffff ? 2 : 1;
}

const AT = 0x40;
const DOT = 0x2e;
const HYPHEN = 0x2d;
const AMPERSAND = 0x26;

/** Neighbour check for a word-like edge: fine unless the neighbour continues the word. */
function wordBoundaryOk(neighbour: number): boolean {
  return neighbour < 0 || !isWordCodePoint(neighbour) || isUnspacedScript(neighbour);
}

function acceptsWord(text: string, start: number, end: number, pattern: CompiledPattern): boolean {
  const before = codePointBefore(text, start);
  if (pattern.boundaryBefore) {
    if (!wordBoundaryOk(before)) return false;
    // "@acme" is a handle and "x.acme" a hostname: names do not speak for those.
    if (before === AT) return false;
    if (before === DOT) {
      const beforeDot = codePointBefore(text, start - 1);
      if (beforeDot >= 0 && isWordCodePoint(beforeDot)) return false;
    }
  }
  if (pattern.boundaryAfter) {
    const after = codePointAtIndex(text, end);
    if (!wordBoundaryOk(after)) return false;
    if (after === DOT || after === AT) {
      const next = codePointAtIndex(text, end + 1);
      if (next >= 0 && isWordCodePoint(next) && !isUnspacedScript(next)) return false;
    }
  }
  return true;
}

function acceptsHandle(text: string, start: number, end: number): boolean {
  const before = codePointBefore(text, start);
  // A word character before '@' makes it an e-mail address, not a mention.
  if (before >= 0 && isWordCodePoint(before)) return false;
  const after = codePointAtIndex(text, end);
  if (after < 0) return true;
  if (isWordCodePoint(after)) return false;
  // '.', '-' and '@' continue a handle when followed by a handle character (acme.bsky.social,
  // acme@mastodon.social); at the end of a sentence they do not.
  if (after === DOT || after === HYPHEN || after === AT) {
    const next = codePointAtIndex(text, end + 1);
    if (next >= 0 && isWordCodePoint(next)) return false;
  }
  return true;
}

function acceptsHashtag(text: string, start: number, end: number): boolean {
  const before = codePointBefore(text, start);
  if (before >= 0 && (isWordCodePoint(before) || before === AMPERSAND)) return false;
  const after = codePointAtIndex(text, end);
  return after < 0 || !isWordCodePoint(after);
}

/** Returns the start of the full host (subdomains included) or -1 when this is not the brand's host. */
function acceptDomain(text: string, start: number, end: number): number {
  const after = codePointAtIndex(text, end);
  if (after >= 0) {
    if (isHostCodePoint(after)) return -1;
    if (after === DOT) {
      const next = codePointAtIndex(text, end + 1);
      if (next >= 0 && isHostCodePoint(next)) return -1; // acme.example.evil.com
    }
  }
  let hostStart = start;
  for (;;) {
    const before = codePointBefore(text, hostStart);
    if (before < 0) return hostStart;
    if (before === DOT) {
      const labelEnd = hostStart - 1;
      let labelStart = labelEnd;
      let previous = codePointBefore(text, labelStart);
      while (previous >= 0 && isHostCodePoint(previous)) {
        labelStart -= widthOf(previous);
        previous = codePointBefore(text, labelStart);
      }
      if (labelStart === labelEnd) return hostStart; // "..acme.example" or ". acme.example"
      hostStart = labelStart;
      continue;
    }
    return isHostCodePoint(before) ? -1 : hostStart; // evil-acme.example, evilacme.example
  }
}

function normaliseHandle(handle: string): string {
  return foldTerm(handle).replace(/^@+/, '');
}

function normaliseDomain(domain: string): string {
  return foldTerm(domain)
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/^www\./, '')
    .replace(/\.+$/, '');
}

function edgeNeedsBoundary(codePoint: number): boolean {
  return codePoint >= 0 && isWordCodePoint(codePoint) && !isUnspacedScript(codePoint);
}

function wordPattern(folded: string, kind: BrandMatchKind | null, term: string): CompiledPattern {
  return {
    folded,
    shape: 'word',
    kind,
    term,
    boundaryBefore: edgeNeedsBoundary(codePointAtIndex(folded, 0)),
    boundaryAfter: edgeNeedsBoundary(codePointBefore(folded, folded.length)),
  };
}

function compilePatterns(terms: BrandTermsInput): { patterns: CompiledPattern[]; termCount: number } {
  const patterns: CompiledPattern[] = [];
  const seen = new Set<string>();
  let termCount = 0;

  const add = (pattern: CompiledPattern): boolean => {
    if (pattern.folded.length === 0) return false;
    const key = `${pattern.kind ?? 'exclusion'}\u0000${pattern.folded}`;
    if (seen.has(key)) return false;
    seen.add(key);
    patterns.push(pattern);
    return true;
  };

  // Explicit handles, hashtags and domains first: a name's derived #hashtag must not shadow a listed one.
  for (const term of terms.handles) {
    const folded = normaliseHandle(term ?? '');
    if (folded.length === 0) continue;
    if (add({ ...wordPattern(`@${folded}`, 'handle', term), shape: 'handle' })) termCount++;
  }
  for (const term of terms.hashtags) {
    const folded = foldTerm(term ?? '').replace(/^#+/, '');
    if (folded.length === 0) continue;
    if (add({ ...wordPattern(`#${folded}`, 'hashtag', term), shape: 'hashtag' })) termCount++;
  }
  for (const term of terms.domains) {
    const folded = normaliseDomain(term ?? '');
    if (folded.length === 0) continue;
    if (add({ ...wordPattern(folded, 'domain', term), shape: 'domain' })) termCount++;
  }
  const wordTerms: Array<[BrandMatchKind, readonly string[]]> = [
    ['name', [terms.name, ...terms.names]],
    ['alias', terms.aliases],
    ['misspelling', terms.misspellings],
  ];
  for (const [kind, list] of wordTerms) {
    for (const term of list) {
      const folded = foldTerm(term ?? '');
      if (folded.length === 0) continue;
      if (add(wordPattern(folded, kind, term))) termCount++;
      // Hashtags cannot hold spaces: "Acme Store" is written #AcmeStore.
      const tag = folded.replace(/ /g, '');
      add({ ...wordPattern(`#${tag}`, 'hashtag', term), shape: 'hashtag' });
    }
  }
  for (const phrase of terms.exclusions) {
    const folded = foldTerm(phrase ?? '');
    if (folded.length > 0) add(wordPattern(folded, null, phrase));
  }
  return { patterns, termCount };
}

/** Non-overlapping candidates in text order: at one start the longest, then the most specific kind. */
function selectMatches(candidates: Candidate[]): Candidate[] {
  if (candidates.length === 0) return candidates;
  candidates.sort(
    (left, right) =>
      left.start - right.start ||
      right.end - left.end ||
      KIND_PRIORITY[left.pattern.kind as BrandMatchKind] -
        KIND_PRIORITY[right.pattern.kind as BrandMatchKind],
  );
  const kept: Candidate[] = [];
  let coveredUntil = -1;
  for (const candidate of candidates) {
    if (candidate.start < coveredUntil) continue;
    coveredUntil = candidate.end;
    kept.push(candidate);
  }
  return kept;
}

/** Handles compare folded, without '@'; Mastodon "user@domain" matches a bare "user" on either side. */
function ownAccountKey(handle: string): { local: string; domain: string | null } {
  const folded = normaliseHandle(handle);
  const at = folded.indexOf('@');
  if (at < 0) return { local: folded, domain: null };
  return { local: folded.slice(0, at), domain: folded.slice(at + 1) };
}

/** What the screen looks for: every term and own handle, folded, without whitespace or a leading @/#. */
function screenPatterns(patterns: readonly CompiledPattern[], ownLocals: readonly string[]): string[] {
  const screened = new Set<string>();
  for (const pattern of patterns) {
    if (pattern.kind === null) continue;
    const core = pattern.folded.replace(/\s+/g, '').replace(/^[@#]+/, '');
    if (core.length > 0) screened.add(core);
  }
  for (const local of ownLocals) {
    const core = local.replace(/\s+/g, '');
    if (core.length > 0) screened.add(core);
  }
  return [...screened];
}

export function compileBrandMatcher(terms: BrandTermsInput): BrandMatcher {
  const { patterns, termCount } = compilePatterns(terms);
  const automaton = buildAutomaton(patterns.map((pattern) => pattern.folded));
  const ownAccounts = terms.ownAccounts
    .map((account) => ({ platform: account.platform, ...ownAccountKey(account.handle ?? '') }))
    .filter((account) => account.local.length > 0);
  const ownLocals = new Set(ownAccounts.map((account) => account.local));
  const screened = screenPatterns(patterns, [...ownLocals]);
  // Built on first use: the content script screens with the screen the background compiled, and the
  // background only needs the patterns, so neither should build this automaton as well.
  let textScreen: TextScreenFactory | null = null;

  const collectCandidates = (folded: string): Candidate[] => {
    const brand: Candidate[] = [];
    const excluded: Array<[number, number]> = [];
    automaton.scan(folded, (patternIndex, end) => {
      const pattern = patterns[patternIndex];
      if (!pattern) return false;
      let start = end - pattern.folded.length;
      switch (pattern.shape) {
        case 'word':
          if (!acceptsWord(folded, start, end, pattern)) return false;
          break;
        case 'handle':
          if (!acceptsHandle(folded, start, end)) return false;
          break;
        case 'hashtag':
          if (!acceptsHashtag(folded, start, end)) return false;
          break;
        case 'domain':
          start = acceptDomain(folded, start, end);
          if (start < 0) return false;
          break;
      }
      if (pattern.kind === null) excluded.push([start, end]);
      else brand.push({ start, end, pattern });
      return false;
    });
    if (excluded.length === 0) return brand;
    return brand.filter(
      (candidate) => !excluded.some(([start, end]) => candidate.start >= start && candidate.end <= end),
    );
  };

  return {
    termCount,
    find(text) {
      if (patterns.length === 0 || text.length === 0) return [];
      // ASCII text (most posts) folds natively (foldText(text) is foldWithOffsets(text).text), and when
      // folding kept its length (no whitespace runs collapsed) every offset maps to itself.
      const foldedText = foldText(text);
      const kept = selectMatches(collectCandidates(foldedText));
      if (kept.length === 0) return [];
      const folded = isAscii(text) && foldedText.length === text.length ? null : foldWithOffsets(text);
      return kept.map((candidate) => ({
        start: folded ? (folded.originalStart[candidate.start] as number) : candidate.start,
        end: folded ? endOverMarks(text, folded.originalEnd[candidate.end - 1] as number) : candidate.end,
        term: candidate.pattern.term,
        kind: candidate.pattern.kind as BrandMatchKind,
      }));
    },
    termsIn(text) {
      if (patterns.length === 0 || text.length === 0) return [];
      const terms = new Set<string>();
      for (const candidate of selectMatches(collectCandidates(foldText(text))))
        terms.add(candidate.pattern.term);
      return [...terms];
    },
    isOwnAccount(platform, handle) {
      if (ownAccounts.length === 0) return false;
      const key = ownAccountKey(handle);
      if (!ownLocals.has(key.local)) return false;
      return ownAccounts.some(
        (account) =>
          account.platform === platform &&
          account.local === key.local &&
          (account.domain === null || key.domain === null || account.domain === key.domain),
      );
    },
    screen: () => {
      textScreen ??= compileTextScreen(screened);
      return textScreen.screen();
    },
    screenPatterns: screened,
  };
}
