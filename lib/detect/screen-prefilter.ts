/**
 * A native pre-check for the page screen (lib/detect/text-screen.ts): one regular expression, compiled
 * in the background per policy, that matches wherever the screen could find a hit.
 *
 * Why: the screen's JavaScript loop stops at every non-ASCII character (its fold is not known in
 * advance), and social text is full of them (· … ’ emoji), so on a page without mentions that loop was
 * most of what reading the page cost. The background folds the common non-ASCII characters once, with
 * the same fold the screen uses, and tells the page which of them can never take part in a hit; the
 * page then skips text natively and runs the screen only where this expression matches.
 *
 * Exact in one direction (never a miss, for any text): a hit's units come from ASCII characters (read
 * as the screen reads them: case folded, whitespace skipped), from characters whose fold is empty or
 * only spaces (the screen skips them: "gaps"), and from non-ASCII characters whose fold holds at least
 * one unit of some pattern. The expression matches any character of that last kind ("may fold into a
 * term": every non-ASCII character outside the folded ranges counts as one), and any run of ASCII
 * characters and gaps that spells a pattern made of ASCII units (it lets any non-ASCII character count as
 * a gap: a few more matches, a much shorter expression). A pattern with a non-ASCII unit can
 * only be completed by a character of the first kind, so it needs no spelling of its own.
 */
import { foldNonAsciiCodePoint } from './normalize';

/**
 * Code points folded in the background: the non-ASCII characters common in social text (Latin with
 * diacritics, Greek, Cyrillic, punctuation, symbols, CJK punctuation and kana, full-width forms,
 * emoji, variation selectors and tags). Any other character counts as one that may fold into a term.
 */
const FOLDED_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x80, 0x52f],
  [0x2000, 0x2bff],
  [0x3000, 0x30ff],
  [0xfe00, 0xfe0f],
  [0xff00, 0xffef],
  [0x1f000, 0x1faff],
  [0xe0000, 0xe007f],
];

/**
 * What may sit between the units of a spelled pattern: ASCII whitespace and any non-ASCII character. Wider
 * than the gaps the screen skips (a character whose fold holds other units breaks a hit), which costs
 * only a rare extra screen run and keeps the expression short.
 */
const BETWEEN_UNITS = '[\\t-\\r \\u{80}-\\u{10ffff}]*';

/** Above this many patterns the expression would grow too long to pay off; the screen reads all. */
const MAX_PATTERNS = 64;

/**
 * The pre-check's source (flags 'gu'), or null when there is none to build (no patterns, too many).
 * Patterns must already be screen patterns: folded, without whitespace.
 */
export function screenPrefilterSource(patterns: readonly string[]): string | null {
  const terms = patterns.filter((pattern) => pattern.length > 0);
  if (terms.length === 0 || terms.length > MAX_PATTERNS) return null;
  const patternUnits = new Set<number>();
  for (const term of terms)
    for (let index = 0; index < term.length; index++) patternUnits.add(term.charCodeAt(index));

  const quiet: number[] = [];
  for (const [first, last] of FOLDED_RANGES) {
    for (let codePoint = first; codePoint <= last; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue; // lone surrogates stay "may fold"
      if (!mayFoldIntoTerm(foldNonAsciiCodePoint(codePoint), patternUnits)) quiet.push(codePoint);
    }
  }

  const alternatives = [`[^\\0-\\x7f${rangesSource(quiet)}]`];
  for (const term of terms) {
    if (!isAsciiUnits(term)) continue;
    const units: string[] = [];
    for (let index = 0; index < term.length; index++) units.push(asciiUnitSource(term.charCodeAt(index)));
    alternatives.push(units.join(BETWEEN_UNITS));
  }
  return alternatives.join('|');
}

export function compileScreenPrefilter(source: string | null): RegExp | null {
  return source === null ? null : new RegExp(source, 'gu');
}

/** Whether a fold holds a unit of some pattern (its spaces are skipped, as the screen skips them). */
function mayFoldIntoTerm(folded: string, patternUnits: ReadonlySet<number>): boolean {
  for (let index = 0; index < folded.length; index++)
    if (patternUnits.has(folded.charCodeAt(index))) return true;
  return false;
}

function isAsciiUnits(term: string): boolean {
  for (let index = 0; index < term.length; index++) if (term.charCodeAt(index) >= 0x80) return false;
  return true;
}

/** The ASCII characters the screen reads as this unit (upper and lower case for letters). */
function asciiUnitSource(unit: number): string {
  const isLower = unit >= 0x61 && unit <= 0x7a;
  return isLower ? `[${hex(unit)}${hex(unit - 32)}]` : hex(unit);
}

/** Sorted code points as the inside of a character class, in runs. */
function rangesSource(codePoints: readonly number[]): string {
  let source = '';
  for (let index = 0; index < codePoints.length; ) {
    const first = codePoints[index] as number;
    let last = first;
    while (codePoints[index + 1] === last + 1) {
      index += 1;
      last += 1;
    }
    index += 1;
    source += last === first ? hex(first) : `${hex(first)}-${hex(last)}`;
  }
  return source;
}

function hex(codePoint: number): string {
  return `\\u{${codePoint.toString(16)}}`;
}
