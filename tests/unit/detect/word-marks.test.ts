import { describe, expect, it } from 'vitest';
import { DIACRITIC_RANGES, dropDiacritics, hasWordMark, wordMarkKey } from '../../../lib/detect/word-marks';

describe('word marks', () => {
  it('lists only marks as diacritics', () => {
    const notMarks: string[] = [];
    for (const [first, last] of DIACRITIC_RANGES)
      for (let codePoint = first; codePoint <= last; codePoint++) {
        const char = String.fromCodePoint(codePoint);
        if (/\p{Assigned}/u.test(char) && !/\p{M}/u.test(char)) notMarks.push(codePoint.toString(16));
      }
    expect(notMarks).toEqual([]);
  });

  it('drops accents and Hebrew and Arabic vowel points, and keeps the marks that make a word', () => {
    expect(dropDiacritics('Àcmé ά й'.normalize('NFD'))).toBe('Acme α и');
    expect(dropDiacritics('שָׁלוֹם مُحَمَّد'.normalize('NFD'))).toBe('שלום محمد');
    // Thai tone marks and vowel signs, Devanagari vowel signs, kana voicing marks.
    for (const word of ['ไม่', 'คืนเงิน', 'किताब', 'が'.normalize('NFD')])
      expect(dropDiacritics(word)).toBe(word);
    expect(hasWordMark('ไม่')).toBe(true);
    expect(hasWordMark('Àcmé'.normalize('NFD'))).toBe(false);
  });

  it('keys words by their letters and word marks, in any typed order', () => {
    expect(wordMarkKey('ไม่')).not.toBe(wordMarkKey('ไม้'));
    expect(wordMarkKey('काम')).not.toBe(wordMarkKey('कम'));
    // U+0E38 (sara u) and U+0E48 (mai ek) after a consonant, typed in either order.
    expect(wordMarkKey('\u0e1b\u0e38\u0e48')).toBe(wordMarkKey('\u0e1b\u0e48\u0e38'));
    expect(wordMarkKey('が')).toBe(wordMarkKey('か\u3099'));
    expect(wordMarkKey('Ｔｈａｔ’s  Café')).toBe(wordMarkKey("that's cafe"));
  });
});
