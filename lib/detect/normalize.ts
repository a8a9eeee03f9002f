/**
 * Folding of untrusted page text into a canonical form for matching, with a map back to the original.
 *
 * Why: posts are hostile input. People (and spammers) write a brand as "Àcmé", "Ａｃｍｅ", "𝐀𝐜𝐦𝐞",
 * "Ac\u200Bme" or wrap it in bidi overrides, on purpose or not. Every such variant must fold to the same
 * key as the policy term, and a match must still point at the characters the agent sees, so each folded
 * UTF-16 unit remembers the original code point it came from.
 *
 * Folding per code point: NFKC (full-width, ligatures, math letters) → case fold → NFD → drop combining
 * marks (diacritics) → drop invisible format characters (zero-width, bidi controls, soft hyphen,
 * variation selectors) → any whitespace run becomes one space.
 */

/** Format and default-ignorable characters: zero-width, bidi embeddings/overrides/isolates, BOM, soft hyphen. */
import {
  LATIN_FIRST,
  LATIN_FOLDS,
  LATIN_LAST,
  PUNCTUATION_FIRST,
  PUNCTUATION_FOLDS,
  PUNCTUATION_LAST,
} from './common-folds';

const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const COMBINING_MARKS = /\p{M}/gu;
const WHITESPACE = /\s/u;
const MARK = /\p{M}/u;

/** Folded text and, for each of its UTF-16 units, the original code point's [start, end) offsets. */
export interface FoldedText {
  /** The folded text (case-folded, unaccented, invisibles removed, whitespace runs collapsed). */
  text: string;
  /** Original start offset of the code point each folded unit came from. */
  originalStart: Int32Array;
  /** Original end offset (exclusive) of the code point each folded unit came from. */
  originalEnd: Int32Array;
}

const SPACE = 0x20;
// Native conversion of the folded units (several times faster than fromCharCode in a loop). A lone
// surrogate becomes U+FFFD, one unit for one, so offsets hold; typed arrays are little-endian on every
// platform a browser extension runs on.
// Created on first use: the full watcher never decodes, and every page it starts on evaluates this
// module.
let utf16Decoder: TextDecoder | null = null;

// Non-ASCII folds are costly (three normalisations); pages repeat the same few hundred code points.
// Latin, Greek, Cyrillic and general punctuation (’ · … “”) are indexed directly: the page screen
// folds every one of them on every page.
const DIRECT_LIMIT = 0x2100;
let directCache: Array<string | undefined> | null = null; // filled on first use (see utf16Decoder)
const foldCache = new Map<number, string>();
const FOLD_CACHE_LIMIT = 8192;

/** The folded form of one non-ASCII code point ('' for invisibles, ' ' for whitespace). */
export function foldNonAsciiCodePoint(codePoint: number): string {
  if (codePoint < DIRECT_LIMIT) {
    directCache ??= new Array(DIRECT_LIMIT).fill(undefined);
    const direct = directCache[codePoint];
    if (direct !== undefined) return direct;
    const folded = foldUncached(codePoint);
    directCache[codePoint] = folded;
    return folded;
  }
  const cached = foldCache.get(codePoint);
  if (cached !== undefined) return cached;
  const folded = foldUncached(codePoint);
  if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
  foldCache.set(codePoint, folded);
  return folded;
}

/** The fold computed from Unicode data, without the tables (scripts/generate-common-folds.mjs). */
export function foldFromUnicodeDataForTable(codePoint: number): string {
  return foldFromUnicodeData(codePoint);
}

function foldUncached(codePoint: number): string {
  // Pages are full of these: answered from tables, so no Unicode-property regex is compiled for them.
  if (codePoint >= LATIN_FIRST && codePoint <= LATIN_LAST)
    return LATIN_FOLDS[codePoint - LATIN_FIRST] as string;
  if (codePoint >= PUNCTUATION_FIRST && codePoint <= PUNCTUATION_LAST)
    return PUNCTUATION_FOLDS[codePoint - PUNCTUATION_FIRST] as string;
  // Emoji (Miscellaneous Symbols and Pictographs to Symbols and Pictographs Extended-A) fold to
  // themselves; variation selectors are invisible.
  if (codePoint >= 0x1f300 && codePoint <= 0x1faff) return String.fromCodePoint(codePoint);
  if (codePoint >= 0xfe00 && codePoint <= 0xfe0f) return '';
  return foldFromUnicodeData(codePoint);
}

function foldFromUnicodeData(codePoint: number): string {
  const char = String.fromCodePoint(codePoint);
  let folded: string;
  if (INVISIBLE.test(char)) {
    folded = '';
  } else {
    // toUpperCase().toLowerCase() approximates full case folding (ß → ss, ς → σ) without a table.
    folded = char.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '');
    let withoutInvisibles = '';
    for (const piece of folded) {
      if (WHITESPACE.test(piece)) withoutInvisibles += ' ';
      else if (!INVISIBLE.test(piece)) withoutInvisibles += piece;
    }
    folded = withoutInvisibles;
  }
  return folded;
}

function isAsciiWhitespace(code: number): boolean {
  return code === SPACE || (code >= 0x09 && code <= 0x0d);
}

/** Folds text for matching and keeps the offsets of the original code point behind every folded unit. */
export function foldWithOffsets(text: string): FoldedText {
  // Folding rarely grows text; start at the input length and grow when a character expands (e.g. '﷽').
  let capacity = Math.max(16, text.length);
  let units = new Uint16Array(capacity);
  let originalStart = new Int32Array(capacity);
  let originalEnd = new Int32Array(capacity);
  let length = 0;
  let lastWasSpace = false;

  const grow = (needed: number) => {
    if (length + needed <= capacity) return;
    capacity = Math.max(capacity * 2, length + needed);
    const biggerUnits = new Uint16Array(capacity);
    biggerUnits.set(units.subarray(0, length));
    units = biggerUnits;
    const biggerStart = new Int32Array(capacity);
    biggerStart.set(originalStart.subarray(0, length));
    originalStart = biggerStart;
    const biggerEnd = new Int32Array(capacity);
    biggerEnd.set(originalEnd.subarray(0, length));
    originalEnd = biggerEnd;
  };

  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      if (isAsciiWhitespace(code)) {
        if (!lastWasSpace) {
          grow(1);
          units[length] = SPACE;
          originalStart[length] = index;
          originalEnd[length] = index + 1;
          length++;
          lastWasSpace = true;
        }
      } else {
        grow(1);
        units[length] = code >= 0x41 && code <= 0x5a ? code + 32 : code;
        originalStart[length] = index;
        originalEnd[length] = index + 1;
        length++;
        lastWasSpace = false;
      }
      index++;
      continue;
    }

    const codePoint = text.codePointAt(index) ?? code;
    const width = codePoint > 0xffff ? 2 : 1;
    const folded = foldNonAsciiCodePoint(codePoint);
    grow(folded.length);
    for (let unit = 0; unit < folded.length; unit++) {
      const foldedUnit = folded.charCodeAt(unit);
      if (foldedUnit === SPACE) {
        if (lastWasSpace) continue;
        lastWasSpace = true;
      } else {
        lastWasSpace = false;
      }
      units[length] = foldedUnit;
      originalStart[length] = index;
      originalEnd[length] = index + width;
      length++;
    }
    index += width;
  }

  utf16Decoder ??= new TextDecoder('utf-16le', { ignoreBOM: true });
  const folded = utf16Decoder.decode(units.subarray(0, length));
  return {
    text: folded,
    originalStart: originalStart.subarray(0, length),
    originalEnd: originalEnd.subarray(0, length),
  };
}

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_CODE_POINTS = /[\u0080-\u{10ffff}]/gu;
const ASCII_WHITESPACE_RUN = /[\t-\r ]+/g;

export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function foldMatchedCodePoint(char: string): string {
  return foldNonAsciiCodePoint(char.codePointAt(0) ?? 0);
}

/**
 * The folded text alone, exactly `foldWithOffsets(text).text`, for checks that need no offsets (most
 * posts do not mention the brand). Done with native string operations: other code points are folded
 * one by one (cached) by the regex engine's replace, then ASCII is lower-cased and whitespace runs
 * collapsed. Lower-casing the whole result is safe: folded code points are already lower case.
 */
export function foldText(text: string): string {
  if (isAscii(text)) return text.toLowerCase().replace(ASCII_WHITESPACE_RUN, ' ');
  // Lone surrogates end as U+FFFD, as foldWithOffsets' decoder leaves them (pairs that folding
  // brought together stay a pair there too).
  return text
    .replace(NON_ASCII_CODE_POINTS, foldMatchedCodePoint)
    .replace(LONE_SURROGATE, '\ufffd')
    .toLowerCase()
    .replace(ASCII_WHITESPACE_RUN, ' ');
}

/** Folds a policy term the same way as page text, trimmed. Empty when nothing visible remains. */
export function foldTerm(term: string): string {
  return foldText(term).trim();
}

/**
 * The end of the combining marks that follow `index` in the original text. The fold drops them, so a
 * match in folded text ends before them, though on screen they belong to its last letter ("Acmë").
 */
export function endOverMarks(text: string, index: number): number {
  let end = index;
  for (;;) {
    const codePoint = text.codePointAt(end);
    if (codePoint === undefined || codePoint < 0x300 || !MARK.test(String.fromCodePoint(codePoint)))
      return end;
    end += codePoint > 0xffff ? 2 : 1;
  }
}
