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

/** Text the screen reads as ASCII: anything else may fold to a pattern's units. */
const NON_ASCII = /[^\0-\x7f]/;
/** ASCII the screen skips: NUL and whitespace. */
const ASCII_SKIPPED = /[\0\t-\r ]/g;

function compile(sources: ScreenRegExpSources): CompiledScreen {
  const skip = new RegExp(sources.skip, 'g');
  const expand = sources.expand === null ? null : new RegExp(sources.expand, 'g');
  // All three global, so one object each serves every use (lastIndex set before each): the sentry
  // builds them on every page load.
  const find = new RegExp(sources.find, 'g');
  const { folds } = sources;
  const joins = new RegExp(sources.joins);
  const within = sources.patterns.join('\n');
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
      // Other characters than ASCII need the whole post read again (their folds are the screen's).
      if (NON_ASCII.test(text)) return true;
      const units = text.replace(ASCII_SKIPPED, '').toLowerCase();
      // Empty text joins its neighbours.
      if (units === '') return true;
      // Joined by a unit that units never hold, so a match never spans two patterns.
      return joins.test(units) || within.includes(units);
    },
  };
}
