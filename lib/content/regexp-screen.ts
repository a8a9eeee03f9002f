import type { ScreenRegExpSources } from '../detect/screen-regexp';

/** What the page sentry uses: it screens whole posts and changed text, never locates hits. */
export interface SentryScreen {
  /** Whether a text could mention the brand (three native passes, no JavaScript loop over it). */
  passes(text: string): boolean;
  /**
   * Whether `text`, newly placed among text that held no hit (a text node's new value, nodes added in
   * place of others), could complete a hit together with its neighbours. Never false when it could.
   */
  mayCompleteHit(text: string): boolean;
}

/** The full watcher's: it also finds which of several joined posts hold a hit. */
export interface RegExpScreen extends SentryScreen {
  /**
   * Whether `find` can search this text as it is: it holds no code point the screen removes or expands
   * other than those `find` matches in place (whitespace and common invisibles). Most text in Latin
   * script does; combining marks, other scripts' vowel signs, ligatures and math letters do not.
   */
  readsInPlace(text: string): boolean;
  /**
   * For a text that reads in place: the index just after the first hit that starts at or after `from`,
   * or -1. Lets a caller find which of several joined posts hold a hit with native searches.
   */
  nextHit(text: string, from: number): number;
}

interface CompiledScreen extends SentryScreen {
  skip: RegExp;
  expand: RegExp | null;
  find: RegExp;
}

/**
 * The page screen the background built as regular expressions (lib/detect/screen-regexp.ts), as the
 * sentry uses it. Kept apart from `regExpScreen` so the always-loaded script carries only these two.
 */
export function sentryScreen(sources: ScreenRegExpSources): SentryScreen {
  const { passes, mayCompleteHit } = compile(sources);
  return { passes, mayCompleteHit };
}

/** The same screen with what the full watcher's page walk also needs. */
export function regExpScreen(sources: ScreenRegExpSources): RegExpScreen {
  const { skip, expand, find, passes, mayCompleteHit } = compile(sources);
  return {
    passes,
    mayCompleteHit,
    readsInPlace(text) {
      skip.lastIndex = 0;
      if (skip.test(text)) return false;
      if (expand === null) return true;
      expand.lastIndex = 0;
      return !expand.test(text);
    },
    nextHit(text, from) {
      find.lastIndex = from;
      const match = find.exec(text);
      return match === null ? -1 : match.index + match[0].length;
    },
  };
}

function compile(sources: ScreenRegExpSources): CompiledScreen {
  const skip = new RegExp(sources.skip, 'g');
  const expand = sources.expand === null ? null : new RegExp(sources.expand, 'g');
  // All three global, so one object each serves every use (lastIndex set before each): the sentry
  // builds them on every page load.
  const find = new RegExp(sources.find, 'g');
  const { patterns, folds } = sources;
  // Read from the message's own object: most pages never expand anything, so no map is built for it.
  const fold = (codePoint: string) =>
    Object.hasOwn(folds, codePoint) ? (folds[codePoint] as string) : codePoint;
  return {
    skip,
    expand,
    find,
    passes(text) {
      let units = text.replace(skip, '');
      if (expand !== null) units = units.replace(expand, fold);
      find.lastIndex = 0;
      return find.test(units);
    },
    mayCompleteHit(text) {
      const units = asciiUnits(text);
      // Empty text joins its neighbours; other characters than ASCII need the whole post read again.
      if (units === null || units === '') return true;
      return patterns.some((pattern) => mayJoin(units, pattern));
    },
  };
}

/** Text as the screen reads it when it is all ASCII (lower case; whitespace and NUL dropped), else null. */
function asciiUnits(text: string): string | null {
  let units = '';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x80) return null;
    if (code === 0x20 || code === 0 || (code >= 0x09 && code <= 0x0d)) continue;
    units += String.fromCharCode(code >= 0x41 && code <= 0x5a ? code + 32 : code);
  }
  return units;
}

/**
 * Whether ASCII units, placed among text without a hit, could form one of `pattern` with it. Such a
 * hit lies within them, ends in them (they start with the pattern's end), starts in them (they end
 * with its start) or spans them (they lie inside it). A non-ASCII unit of the pattern never equals
 * one of theirs, so comparing strings is exact.
 */
function mayJoin(units: string, pattern: string): boolean {
  if (pattern.includes(units) || units.includes(pattern)) return true;
  const longest = Math.min(units.length, pattern.length - 1);
  for (let length = 1; length <= longest; length++) {
    if (units.startsWith(pattern.slice(pattern.length - length))) return true;
    if (units.endsWith(pattern.slice(0, length))) return true;
  }
  return false;
}
