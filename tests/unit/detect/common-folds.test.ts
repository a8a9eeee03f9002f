import { describe, expect, it } from 'vitest';
import { foldFromUnicodeDataForTable, foldNonAsciiCodePoint } from '../../../lib/detect/normalize';

describe('folds answered without Unicode data (lib/detect/common-folds.ts and fast paths)', () => {
  it('equal the fold computed from Unicode data, code point by code point', () => {
    const ranges: Array<[number, number]> = [
      [0x80, 0x24f],
      [0x2000, 0x206f],
      [0xfe00, 0xfe0f],
      [0x1f300, 0x1faff],
    ];
    const differing: string[] = [];
    for (const [first, last] of ranges)
      for (let codePoint = first; codePoint <= last; codePoint++)
        if (foldNonAsciiCodePoint(codePoint) !== foldFromUnicodeDataForTable(codePoint))
          differing.push(codePoint.toString(16));
    // Regenerate with `node scripts/generate-common-folds.mjs` after changing the fold.
    expect(differing).toEqual([]);
  });

  it('fold accents, ligatures and invisibles as the matcher expects', () => {
    expect(foldNonAsciiCodePoint(0xc0)).toBe('a'); // À
    expect(foldNonAsciiCodePoint(0xdf)).toBe('ss'); // ß
    expect(foldNonAsciiCodePoint(0x200b)).toBe(''); // zero-width space
    expect(foldNonAsciiCodePoint(0xfe0f)).toBe(''); // emoji presentation selector
    expect(foldNonAsciiCodePoint(0x1f621)).toBe('😡');
  });
});
