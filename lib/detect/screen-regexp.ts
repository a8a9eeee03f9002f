/**
 * The page screen as native regular expressions, built in the background for the content script's
 * first stage (entrypoints/content-watcher.ts) and the full watcher's page walk.
 *
 * Why: that stage runs on every page load of busy sites, and a page that never mentions the brand
 * should cost it little more than reading the text once. A regular expression is compiled and run by
 * the browser's native engine; the automaton screen (lib/detect/text-screen.ts) needs its fold tables
 * and its loop parsed and run as cold JavaScript on every page.
 *
 * Never a miss: it matches a text whenever the automaton screen would hit in it (a pattern found in
 * the text folded per code point, whitespace and invisibles dropped), and otherwise only where the
 * skip pass, removing a rare invisible character, brings two lone surrogates together into a pair
 * (which the automaton, reading code points, never joins). Each pattern unit is
 * matched by every code point whose fold gives it (computed here from the same fold the screen uses,
 * foldNonAsciiCodePoint, so the browser's own Unicode data decides), code points whose fold spans
 * several units by the path through the pattern they cover, and code points that fold to nothing may
 * come between any two. A code point whose fold ends with the pattern's start may begin a hit; one
 * whose fold starts with the pattern's rest may end it. tests/unit/detect/screen-regexp.test.ts checks
 * it against the automaton on generated text.
 *
 * Written without the 'u' flag (compiling a large Unicode-aware expression costs the page about a
 * millisecond more): characters beyond the BMP are matched as surrogate pairs.
 */
import { foldNonAsciiCodePoint } from './normalize';
import { SCREEN_ASCII } from './text-screen';

/**
 * Skipped code points that web text commonly holds between letters, beside whitespace (which `\s`
 * matches whole: every code point it matches is skipped): the soft hyphen, zero-width spaces and
 * joiners, bidirectional marks and isolates, word joiners and invisible operators, the keycap mark,
 * variation selectors (every emoji written with U+FE0F). Intersected with what the fold skips. Each
 * range is repeated between every two pattern units, so the list stays short: combining marks and the
 * vowel signs of other scripts are left to the skip pass (a step of posts holding one is screened by
 * the automaton, see RegExpScreen.readsInPlace).
 */
const IN_PLACE_SKIPPED: ReadonlyArray<readonly [number, number]> = [
  [0x00ad, 0x00ad],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2069],
  [0x20e3, 0x20e3],
  [0xfe00, 0xfe0f],
];

const SPACE = /\s/;

let spaceCodePoints: number[] | null = null;
/** The code points `\s` matches (without the 'u' flag: all in the BMP). */
function allSpaces(): number[] {
  spaceCodePoints ??= Array.from({ length: 0x10000 }, (_, unit) => unit).filter((unit) =>
    SPACE.test(String.fromCharCode(unit)),
  );
  return spaceCodePoints;
}

function isSpace(codePoint: number): boolean {
  return codePoint <= 0xffff && SPACE.test(String.fromCharCode(codePoint));
}

function skippedInPlace(codePoint: number): boolean {
  if (codePoint < 0x80 || isSpace(codePoint)) return true;
  return IN_PLACE_SKIPPED.some(([first, last]) => codePoint >= first && codePoint <= last);
}

/** Past this length the page would spend more compiling the expression than it saves: no expression. */
export const MAX_SCREEN_REGEXP_LENGTH = 32_000;

/**
 * Every code point whose screen fold differs from itself, by fold ('' for those the screen skips:
 * whitespace and invisibles). ASCII as the screen folds it (upper case, whitespace).
 */
export type FoldIndex = ReadonlyMap<string, readonly number[]>;

let foldIndexCache: FoldIndex | null = null;

/**
 * The fold index of this JavaScript engine's Unicode data (about a tenth of a second; kept). Blocks in
 * which every code point folds to itself are recognised whole, with native string operations.
 */
export function foldIndex(): FoldIndex {
  if (foldIndexCache) return foldIndexCache;
  const index = new Map<string, number[]>();
  const add = (key: string, codePoint: number) => {
    const list = index.get(key);
    if (list) list.push(codePoint);
    else index.set(key, [codePoint]);
  };
  for (let unit = 0; unit < 0x80; unit++) {
    const folded = SCREEN_ASCII[unit] as number;
    // 0 is the table's mark for a unit the screen skips: whitespace, and NUL itself.
    if (folded === 0) add('', unit);
    else if (folded !== unit) add(String.fromCharCode(folded), unit);
  }
  const BLOCK = 128;
  for (let blockStart = 0x80; blockStart <= 0x10ffff; blockStart += BLOCK) {
    const blockEnd = Math.min(blockStart + BLOCK, 0x110000);
    if (blockStart < 0xe000 && blockEnd > 0xd800) {
      // Surrogates are never whole code points; a lone one folds to itself.
      if (blockStart >= 0xd800) continue;
    }
    if (blockFoldsToItself(blockStart, blockEnd)) continue;
    for (let codePoint = blockStart; codePoint < blockEnd; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const folded = foldNonAsciiCodePoint(codePoint);
      if (folded !== String.fromCodePoint(codePoint)) add(folded.replaceAll(' ', ''), codePoint);
    }
  }
  foldIndexCache = index;
  return index;
}

const CHANGED_BY_FOLD = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\s]/u;

/**
 * Whether every code point of [start, end) folds to itself. Checked on the block as one string: each
 * step of the fold maps code points independently, except normalisation, where a string that neither
 * NFD nor NFKC changes holds no code point either would change.
 */
function blockFoldsToItself(start: number, end: number): boolean {
  let text = '';
  for (let codePoint = start; codePoint < end; codePoint++) text += String.fromCodePoint(codePoint);
  if (CHANGED_BY_FOLD.test(text)) return false;
  if (text.normalize('NFD') !== text || text.normalize('NFKC') !== text) return false;
  return text.toUpperCase().toLowerCase() === text;
}

/**
 * The screen as native steps over a text: `skip` (flags 'g') removes the code points that fold to
 * nothing and that `find` does not match in place (below); `expand` (flags 'g', null when no such code
 * point matters) finds the code points whose fold is several units or lies beyond the BMP, which
 * `folds` replaces by their fold; then `find` tests what is left: one character class per pattern
 * unit, and between two units any run of the skipped code points a page's text commonly holds
 * (whitespace as `\s`, NUL, and the invisibles of IN_PLACE_SKIPPED).
 *
 * Why in steps: a JavaScript expression cannot name a part to reuse, so the whole skipped class
 * (hundreds of ranges) would be repeated between every two units, and each multi-unit fold would
 * repeat the rest of the pattern after it. Only code points whose fold shares a unit with a pattern
 * are expanded: any other ends a hit as surely unexpanded as expanded. Why the common ones are matched
 * rather than removed: a page's text holds a space every few characters, and removing them built a
 * new string piece by piece, most of the screen's cost (about 10 of 13 ms over 2,000 posts); a replace
 * that finds nothing only reads the text. And a text that holds none of `skip` and `expand` can be
 * searched by `find` as it is, with offsets into it (RegExpScreen.nextHit).
 */
export interface ScreenRegExpSources {
  skip: string;
  expand: string | null;
  folds: Record<string, string>;
  find: string;
  /**
   * The patterns, without those containing another: a changed piece of ASCII text that lies inside one
   * could complete a hit (RegExpScreen.mayCompleteHit: one native search of them joined).
   */
  patterns: string[];
  /**
   * Matches changed ASCII text (as the screen reads it) that could complete a hit in any other way: it
   * holds a pattern, starts with a pattern's end or ends with a pattern's start. Why an expression:
   * the page runs this check on every text the page changes, all day, mostly in code still cold, where
   * a few native calls cost a fraction of a loop over the patterns.
   */
  joins: string;
}

/**
 * The sources, or null when they would be too long (very many patterns, or patterns whose units very
 * many code points fold to). Patterns are screen patterns: folded, without whitespace
 * (BrandMatcher.screenPatterns).
 */
export function screenRegExpSources(
  patterns: readonly string[],
  folds: FoldIndex = foldIndex(),
): ScreenRegExpSources | null {
  const kept = withoutRedundant(patterns);
  const units = new Set<string>();
  for (const pattern of kept) for (const unit of pattern.split('')) units.add(unit);
  // A unit as its own class: one-unit BMP folds to it, and the unit itself.
  const classes = new Map<string, number[]>();
  for (const unit of units) classes.set(unit, [unit.charCodeAt(0)]);
  const expanded: number[] = [];
  const expandedFolds: Record<string, string> = {};
  for (const [key, codePoints] of folds) {
    if (key === '' || !key.split('').some((unit) => units.has(unit))) continue;
    for (const codePoint of codePoints) {
      if (key.length === 1 && codePoint <= 0xffff) {
        classes.get(key)?.push(codePoint);
        continue;
      }
      expanded.push(codePoint);
      expandedFolds[String.fromCodePoint(codePoint)] = key;
    }
  }
  const skipped = folds.get('') ?? [];
  // Checked, not assumed: `\s` stands for its code points only if the fold skips every one of them.
  const skippedSet = new Set(skipped);
  const spacesSkipped = allSpaces().every((codePoint) => skippedSet.has(codePoint));
  const matchedBySpace = (codePoint: number) => spacesSkipped && isSpace(codePoint);
  const inPlace = skipped.filter((codePoint) => !matchedBySpace(codePoint) && skippedInPlace(codePoint));
  const gap =
    spacesSkipped || inPlace.length > 0 ? `[${spacesSkipped ? '\\s' : ''}${unitRanges(inPlace)}]*` : '';
  const find =
    kept.length === 0
      ? '(?!)'
      : kept
          .map((pattern) =>
            pattern
              .split('')
              .map((unit) => unitClass(classes.get(unit) ?? []))
              .join(gap),
          )
          .join('|');
  const rare = skipped.filter((codePoint) => !matchedBySpace(codePoint) && !skippedInPlace(codePoint));
  const sources: ScreenRegExpSources = {
    skip: rare.length > 0 ? codePointsSource(rare) : '(?!)',
    expand: expanded.length > 0 ? codePointsSource(expanded) : null,
    folds: expandedFolds,
    find,
    patterns: kept,
    joins: joinsSource(kept),
  };
  // The gap between units counts once: it is one short class, and repeated it costs the page's
  // compile and scan about as much again as the units' own classes (18 six-letter patterns: 1.4 ->
  // 2.5 ms over 120 kB of text), far less than the hand-over a policy past the limit causes on every
  // page, so policies that fitted before whitespace was matched in place still fit.
  const gaps = gap.length * Math.max(0, kept.join('').length - kept.length - 1);
  const length =
    sources.skip.length +
    (sources.expand?.length ?? 0) +
    JSON.stringify(sources.folds).length +
    find.length -
    gaps +
    JSON.stringify(kept).length +
    sources.joins.length;
  return length > MAX_SCREEN_REGEXP_LENGTH ? null : sources;
}

/**
 * ScreenRegExpSources.joins for these patterns. Each pattern's proper ends as one nested group, so its
 * size grows with the pattern's length, not its square: for "acme", `^(?:(?:c?m)?e)` matches "e",
 * "me" and "cme" at the start, and `a(?:c(?:m)?)?$` matches "a", "ac" and "acm" at the end.
 */
function joinsSource(patterns: readonly string[]): string {
  const ends: string[] = [];
  const starts: string[] = [];
  for (const pattern of patterns) {
    const units = pattern.split('').map((unit) => unitSource(unit.charCodeAt(0)));
    let end = '';
    for (let index = 1; index < units.length; index++)
      end = end === '' ? (units[index] as string) : `(?:${end})?${units[index]}`;
    let start = '';
    for (let index = units.length - 2; index >= 0; index--)
      start = start === '' ? (units[index] as string) : `${units[index]}(?:${start})?`;
    if (end !== '') ends.push(end);
    if (start !== '') starts.push(start);
  }
  const alternatives = patterns.map((pattern) =>
    pattern
      .split('')
      .map((unit) => unitSource(unit.charCodeAt(0)))
      .join(''),
  );
  if (ends.length > 0) alternatives.push(`^(?:${ends.join('|')})`);
  if (starts.length > 0) alternatives.push(`(?:${starts.join('|')})$`);
  return alternatives.length > 0 ? alternatives.join('|') : '(?!)';
}

/** A pattern that contains another is found whenever that one is: only the other is needed. */
function withoutRedundant(patterns: readonly string[]): string[] {
  const unique = [...new Set(patterns.filter((pattern) => pattern.length > 0))].sort(
    (a, b) => a.length - b.length,
  );
  const kept: string[] = [];
  for (const pattern of unique) if (!kept.some((shorter) => pattern.includes(shorter))) kept.push(pattern);
  return kept;
}

/** A source matching any one of these code points (as UTF-16, surrogate pairs for the astral ones). */
function codePointsSource(codePoints: readonly number[]): string {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const bmp = sorted.filter((codePoint) => codePoint <= 0xffff);
  const byHigh = new Map<number, number[]>();
  for (const codePoint of sorted) {
    if (codePoint <= 0xffff) continue;
    const offset = codePoint - 0x10000;
    const high = 0xd800 + (offset >> 10);
    const low = 0xdc00 + (offset & 0x3ff);
    const lows = byHigh.get(high);
    if (lows) lows.push(low);
    else byHigh.set(high, [low]);
  }
  const alternatives: string[] = [];
  if (bmp.length > 0) alternatives.push(unitClass(bmp));
  for (const [high, lows] of byHigh) alternatives.push(`${unitSource(high)}${unitClass(lows)}`);
  return alternatives.length === 1 ? (alternatives[0] as string) : `(?:${alternatives.join('|')})`;
}

/** A character class of UTF-16 units, with ranges. */
function unitClass(unsorted: readonly number[]): string {
  const units = [...new Set(unsorted)].sort((a, b) => a - b);
  if (units.length === 1) return unitSource(units[0] as number);
  return `[${unitRanges(units)}]`;
}

/** The inside of a character class of UTF-16 units, with ranges. */
function unitRanges(unsorted: readonly number[]): string {
  const units = [...new Set(unsorted)].sort((a, b) => a - b);
  let source = '';
  for (let index = 0; index < units.length; ) {
    let last = index;
    while (last + 1 < units.length && (units[last + 1] as number) === (units[last] as number) + 1) last++;
    source += unitSource(units[index] as number);
    if (last > index) source += `${last > index + 1 ? '-' : ''}${unitSource(units[last] as number)}`;
    index = last + 1;
  }
  return source;
}

function unitSource(unit: number): string {
  if ((unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a))
    return String.fromCharCode(unit);
  return `\\u${unit.toString(16).padStart(4, '0')}`;
}
