import {
  type AutomatonTables,
  automatonFromTables,
  buildAutomaton,
  compileAutomatonTables,
  type PatternAutomaton,
  shippableTables,
  streamMatchEnd,
} from './aho-corasick';
import { foldNonAsciiCodePoint } from './normalize';

/**
 * A quick screen for reading a whole page's text once: feed text pieces in document order; `feed`
 * answers true as soon as the pieces could hold a mention (a brand term or one of the brand's own
 * handles, compared folded and with whitespace ignored, without word boundaries or exclusions).
 * False positives are expected (the caller then reads the post and runs the brand matcher's `find`);
 * for text it was fed, the screen never misses what `find` or `isOwnAccount` would accept: dropping
 * whitespace and boundaries only widens the match, and folding is the same per code point.
 *
 * Kept apart from the brand matcher so the full watcher (lib/content/watcher.ts), which also runs on
 * pages that end up with nothing to read, carries only this: the patterns come folded from the
 * background (BrandMatcher.screenPatterns). The page sentry screens with regular expressions built
 * from the same fold (lib/detect/screen-regexp.ts), and so does the full watcher's page walk where a
 * text needs nothing removed or expanded first; this screen serves the rest.
 */
export interface TextScreen {
  feed(text: string): boolean;
  /**
   * Like feed, from text[from]: the index just after the unit that completed a term, or -1 when the
   * rest of the text completes none. After a hit the screen starts afresh at that index.
   */
  next(text: string, from: number): number;
  /** Forget the pieces fed so far. */
  reset(): void;
}

/** Screens built from one compiled automaton (compile once per page, screen many times). */
export interface TextScreenFactory {
  screen(): TextScreen;
  /**
   * Whether `text`, newly placed among text that held no hit (a text node's new value, nodes added in
   * place of others), could complete a hit together with its neighbours. Exact in one direction: never
   * false when it could. A hit that includes none of the new text existed before; one that does either
   * lies within it, ends in it (a prefix of its units is a term's suffix), starts in it (a suffix of its
   * units is a term's prefix) or spans it (its units lie inside a term). Empty text joins its neighbours,
   * so it always could. Lets the watcher skip the post's full text for a clock's or a counter's tick.
   */
  mayCompleteHit(text: string): boolean;
}

/** ASCII folding for the screen: lower case, and 0 for whitespace (skipped). */
export const SCREEN_ASCII = new Uint8Array(0x80);
for (let unit = 0; unit < 0x80; unit++) {
  const isSpace = unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
  SCREEN_ASCII[unit] = isSpace ? 0 : unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit;
}

/**
 * A screen compiled to plain data. Why: the full watcher starts on every page the sentry hands over,
 * where compiling the automaton was its largest setup cost (cold code, run once per page); the
 * background compiles once per policy and sends this with the scan config (runtime messages are JSON).
 */
export interface CompiledScreen {
  patterns: string[];
  /** Null when the tables would make too large a message (policies with many terms): the page compiles. */
  automaton: AutomatonTables | null;
  /** hitStarts' source, or null. */
  starts: string | null;
}

/** Above this many dense-table entries, the page compiles the automaton itself (see CompiledScreen). */
const MAX_SHIPPED_TABLE = 20_000;

/** Patterns must already be screen patterns: folded, without whitespace (see screenPatterns). */
export function compileScreen(patterns: readonly string[]): CompiledScreen {
  const tables = compileAutomatonTables(patterns);
  return {
    patterns: [...patterns],
    automaton: tables.dense.length <= MAX_SHIPPED_TABLE ? shippableTables(tables) : null,
    starts: hitStarts(patterns)?.source ?? null,
  };
}

/** Patterns must already be screen patterns: folded, without whitespace (see screenPatterns). */
export function compileTextScreen(patterns: readonly string[]): TextScreenFactory {
  return screenFactory(patterns, buildAutomaton(patterns), hitStarts(patterns));
}

/** The screen the background compiled (compileScreen), as the scan config brought it. */
export function textScreenFrom(compiled: CompiledScreen): TextScreenFactory {
  const { patterns } = compiled;
  const automaton = compiled.automaton ? automatonFromTables(compiled.automaton) : buildAutomaton(patterns);
  return screenFactory(
    patterns,
    automaton,
    compiled.starts === null ? null : new RegExp(compiled.starts, 'g'),
  );
}

function screenFactory(
  patterns: readonly string[],
  automaton: PatternAutomaton,
  starts: RegExp | null,
): TextScreenFactory {
  const terms = patterns.filter((pattern) => pattern.length > 0);
  const longest = terms.reduce((max, pattern) => Math.max(max, pattern.length), 0);
  let suffixes: Set<string> | null = null;
  return {
    screen: () => createScreen(automaton, starts),
    mayCompleteHit(text) {
      if (terms.length === 0) return false;
      const units = screenUnits(text);
      if (units.length === 0) return true;
      const state = automaton.stream(automaton.root, text, 0, SCREEN_ASCII, foldNonAsciiCodePoint);
      if (state < 0) return true; // a hit within
      if (state !== automaton.root) return true; // ends with the start of a term
      if (units.length < longest) for (const term of terms) if (term.includes(units)) return true;
      if (suffixes === null) {
        suffixes = new Set();
        for (const term of terms)
          for (let start = 1; start < term.length; start++) suffixes.add(term.slice(start));
      }
      const limit = Math.min(units.length, longest - 1);
      for (let length = 1; length <= limit; length++) if (suffixes.has(units.slice(0, length))) return true;
      return false;
    },
  };
}

/** The units the screen sees in text: folded, whitespace and invisibles dropped. */
function screenUnits(text: string): string {
  let units = '';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      const unit = SCREEN_ASCII[code] as number;
      if (unit !== 0) units += String.fromCharCode(unit);
      continue;
    }
    const codePoint = text.codePointAt(index) ?? code;
    if (codePoint > 0xffff) index += 1;
    const folded = foldNonAsciiCodePoint(codePoint);
    for (let unitIndex = 0; unitIndex < folded.length; unitIndex++)
      if (folded.charCodeAt(unitIndex) !== 0x20) units += folded.charAt(unitIndex);
  }
  return units;
}

/**
 * Where a hit could start, as one native regular expression (PatternAutomaton.stream's `starts`).
 *
 * Why: the screen reads every character of the page, and a JavaScript loop over text that holds no
 * brand term is the largest part of what it costs a page that does not mention the brand (the loop is
 * still cold when a page loads). Between hits, the native search skips all but a few characters.
 *
 * Exact, never a miss: a hit's first unit comes either from a non-ASCII character (every one of them
 * stops the skip: their folds are not known here) or from an ASCII one whose unit starts a pattern.
 * That one is followed, after whitespace (and NUL) the screen skips, by the character giving the next unit (an
 * ASCII one with a pattern's second unit, or any non-ASCII one), or by the end of the text (the hit,
 * or the pattern prefix the text ends with, goes on in the next piece). One-unit patterns stop at
 * their unit alone.
 *
 * Null when stops would come every few characters (many terms start with common letter pairs, as a
 * policy with hundreds of product names does): each stop costs a native call, and there the plain
 * loop is faster. The expected stop rate is estimated from how often letters occur in text.
 */
export function hitStarts(patterns: readonly string[]): RegExp | null {
  // First ASCII unit → the ASCII units that follow it in some pattern (null: a one-unit pattern).
  const followers = new Map<number, Set<number> | null>();
  for (const pattern of patterns) {
    if (pattern.length === 0) continue;
    const first = pattern.charCodeAt(0);
    if (first >= 0x80) continue; // only a non-ASCII character folds to it: those always stop
    const known = followers.get(first);
    if (known === null) continue;
    if (pattern.length === 1) {
      followers.set(first, null);
      continue;
    }
    const next = known ?? new Set<number>();
    const second = pattern.charCodeAt(1);
    if (second < 0x80) next.add(second);
    followers.set(first, next);
  }
  if (expectedStopRate(followers) > MAX_STOP_RATE) return null;
  const alternatives = ['[\\x80-\\uffff]'];
  for (const [first, next] of followers) {
    if (next === null) {
      alternatives.push(`[${asciiSources(first)}]`);
      continue;
    }
    let following = '';
    for (const unit of next) following += asciiSources(unit);
    alternatives.push(`[${asciiSources(first)}][\\0\\t-\\r ]*(?:[${following}\\x80-\\uffff]|$)`);
  }
  return new RegExp(alternatives.join('|'), 'g');
}

/** Above this share of characters stopping the skip, the screen reads every character itself. */
const MAX_STOP_RATE = 1 / 32;
/** Letters by how often they occur in English text, and their share of letters in thousandths. */
const LETTERS_BY_SHARE = 'etaoinshrdlcumwfgypbvkjxqz';
const LETTER_SHARES = [
  127, 91, 82, 75, 70, 67, 63, 61, 60, 43, 40, 28, 28, 24, 24, 22, 20, 20, 19, 15, 10, 8, 2, 2, 1, 1,
];

function unitShare(unit: number): number {
  const rank = LETTERS_BY_SHARE.indexOf(String.fromCharCode(unit));
  return rank >= 0 ? (LETTER_SHARES[rank] as number) / 1000 : 0.005; // digits, punctuation: rarer
}

/** Of all characters, the share where the skip would stop (non-ASCII text aside: page-dependent). */
function expectedStopRate(followers: ReadonlyMap<number, ReadonlySet<number> | null>): number {
  let rate = 0;
  for (const [first, next] of followers) {
    let following = 0.01; // a non-ASCII character or the end of the piece
    if (next === null) following = 1;
    else for (const unit of next) following += unitShare(unit);
    rate += unitShare(first) * Math.min(1, following);
  }
  return rate;
}

/** The ASCII characters the screen reads as this unit (SCREEN_ASCII), escaped for a character class. */
function asciiSources(unit: number): string {
  const hex = (code: number) => `\\x${code.toString(16).padStart(2, '0')}`;
  const isLower = unit >= 0x61 && unit <= 0x7a;
  return isLower ? hex(unit) + hex(unit - 32) : hex(unit);
}

function createScreen(automaton: PatternAutomaton, starts: RegExp | null): TextScreen {
  let state = automaton.root;
  const next = (text: string, from: number): number => {
    if (automaton.patternCount === 0) return -1;
    const reached = automaton.stream(state, text, from, SCREEN_ASCII, foldNonAsciiCodePoint, starts);
    if (reached < 0) {
      state = automaton.root;
      return streamMatchEnd(reached);
    }
    state = reached;
    return -1;
  };
  return {
    next,
    feed: (text) => next(text, 0) >= 0,
    reset() {
      state = automaton.root;
    },
  };
}
