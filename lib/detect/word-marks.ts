/**
 * Marks that belong to a word, for checks where telling words apart matters more than catching
 * disguises.
 *
 * Brand matching folds every combining mark away (normalize.ts): page text is hostile, and a stray
 * mark must never hide the brand ("Acme" with a dot from another script on its e). But the vowel signs
 * and tone marks of Thai, Lao, the Indic scripts and others, and kana voicing marks, are part of the
 * word: Thai ไม่ ("not") is not ไม้ ("wood"), Hindi काम ("work") is not कम ("less"). The agent's reply
 * checked for banned phrases, the policy's classifier keywords and the policy editor's checks keep
 * them, so a phrase or keyword does not fire on another word. Diacritics still never count: accents
 * (Àcmé is acme) and the vowel points of Hebrew and Arabic, which writers often leave out.
 */

/**
 * Diacritics: the combining diacritical blocks (and their extended, supplement, symbol and half-mark
 * blocks), Cyrillic titlo, number signs and combining letters, Hebrew cantillation and points, Syriac
 * and Arabic vowel points and Quranic marks. Marks only, never the punctuation between them (Hebrew
 * maqaf, sof pasuq; Arabic end of ayah): tests/unit/detect/word-marks.test.ts checks every one.
 */
export const DIACRITIC_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0300, 0x036f],
  [0x0483, 0x0489],
  [0x0591, 0x05bd],
  [0x05bf, 0x05bf],
  [0x05c1, 0x05c2],
  [0x05c4, 0x05c5],
  [0x05c7, 0x05c7],
  [0x0610, 0x061a],
  [0x064b, 0x065f],
  [0x0670, 0x0670],
  [0x06d6, 0x06dc],
  [0x06df, 0x06e4],
  [0x06e7, 0x06e8],
  [0x06ea, 0x06ed],
  [0x0730, 0x074a],
  [0x0898, 0x089f],
  [0x08ca, 0x08e1],
  [0x08e3, 0x08ff],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0x2de0, 0x2dff],
  [0xa66f, 0xa672],
  [0xa674, 0xa67d],
  [0xfb1e, 0xfb1e],
  [0xfe20, 0xfe2f],
];

const hex = (codePoint: number) => `\\u${codePoint.toString(16).padStart(4, '0')}`;
const DIACRITIC_CLASS = DIACRITIC_RANGES.map(([first, last]) =>
  first === last ? hex(first) : `${hex(first)}-${hex(last)}`,
).join('');
const DIACRITICS = new RegExp(`[${DIACRITIC_CLASS}]`, 'g');
const WORD_MARK = new RegExp(`(?![${DIACRITIC_CLASS}])\\p{M}`, 'u');
const IGNORED_IN_KEY = /[\s\p{Cf}\p{Default_Ignorable_Code_Point}’‘ʼ`´']/gu;

/** Text without its diacritics; decompose it first (NFD or NFKD) to reach those in precomposed letters. */
export function dropDiacritics(text: string): string {
  return text.replace(DIACRITICS, '');
}

/** Whether the text holds a mark that is part of its word (a combining mark that is not a diacritic). */
export function hasWordMark(text: string): boolean {
  return WORD_MARK.test(text);
}

/**
 * A key that two spellings of the same words share, marks that belong to a word included: case and
 * width folded, decomposed with marks in their canonical order (so the order they were typed in does
 * not matter), diacritics, invisible characters, whitespace and apostrophes left out.
 */
export function wordMarkKey(text: string): string {
  return dropDiacritics(text.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFD')).replace(
    IGNORED_IN_KEY,
    '',
  );
}
