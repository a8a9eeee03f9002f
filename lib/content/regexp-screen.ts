import type { ScreenRegExpSources } from '../detect/screen-regexp';

export interface RegExpScreen {
  /** Whether a text could mention the brand (three native passes, no JavaScript loop over it). */
  passes(text: string): boolean;
  /**
   * Whether `text`, newly placed among text that held no hit (a text node's new value, nodes added in
   * place of others), could complete a hit together with its neighbours. Never false when it could.
   */
  mayCompleteHit(text: string): boolean;
}

const ASCII_WHITESPACE = /[\t-\r ]+/g;
const NON_ASCII = /[^\0-\x7f]/;

/** The page screen the background built as regular expressions (lib/detect/screen-regexp.ts). */
export function regExpScreen(sources: ScreenRegExpSources): RegExpScreen {
  const skip = new RegExp(sources.skip, 'g');
  const expand = sources.expand === null ? null : new RegExp(sources.expand, 'g');
  const find = new RegExp(sources.find);
  const joins = new RegExp(sources.joins, 'i');
  const folds = new Map(Object.entries(sources.folds));
  const fold = (codePoint: string) => folds.get(codePoint) ?? codePoint;
  return {
    passes(text) {
      let units = text.replace(skip, '');
      if (expand !== null) units = units.replace(expand, fold);
      return find.test(units);
    },
    mayCompleteHit(text) {
      const units = text.replace(ASCII_WHITESPACE, '');
      // Empty text joins its neighbours; other characters than ASCII need the whole post read again.
      if (units === '' || NON_ASCII.test(units)) return true;
      return joins.test(units);
    },
  };
}
