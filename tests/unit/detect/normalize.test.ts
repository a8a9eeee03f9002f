import { describe, expect, it } from 'vitest';
import { buildAutomaton } from '../../../lib/detect/aho-corasick';
import { foldTerm, foldWithOffsets } from '../../../lib/detect/normalize';

describe('foldWithOffsets', () => {
  it('folds case, accents, width, ligatures and sharp s', () => {
    expect(foldWithOffsets('ÀCMÉ Ｓｔｏｒｅ ﬁne Straße').text).toBe('acme store fine strasse');
  });

  it('drops invisible characters and collapses whitespace runs', () => {
    expect(foldWithOffsets('a\u200B\u202Eb \t\n\u00A0 c\u00ADd\uFE0F').text).toBe('ab cd');
  });

  it('maps every folded unit back to the code point it came from', () => {
    const text = 'É😀ﬁ  x';
    const folded = foldWithOffsets(text);
    expect(folded.text).toBe('e😀fi x');
    const origins = Array.from({ length: folded.text.length }, (_, index) => [
      folded.originalStart[index],
      folded.originalEnd[index],
    ]);
    expect(origins).toEqual([
      [0, 1],
      [1, 3],
      [1, 3],
      [3, 4],
      [3, 4],
      [4, 5],
      [6, 7],
    ]);
  });

  it('keeps offsets aligned across lone surrogates', () => {
    const folded = foldWithOffsets('\uD800ab');
    expect(folded.text).toHaveLength(3);
    expect(folded.text.slice(1)).toBe('ab');
    expect(folded.originalStart[2]).toBe(2);
  });

  it('trims terms', () => {
    expect(foldTerm('  Acme\u200B ')).toBe('acme');
  });
});

describe('buildAutomaton', () => {
  it('reports every occurrence of overlapping patterns in one scan', () => {
    const patterns = ['he', 'she', 'his', 'hers', ''];
    const automaton = buildAutomaton(patterns);
    const found: string[] = [];
    automaton.scan('ushers', (patternIndex, end) => {
      found.push(`${patterns[patternIndex]}@${end}`);
      return false;
    });
    expect(found.sort()).toEqual(['he@4', 'hers@6', 'she@4']);
  });

  it('stops when the callback asks to', () => {
    const automaton = buildAutomaton(['a']);
    let calls = 0;
    automaton.scan('aaaa', () => {
      calls++;
      return true;
    });
    expect(calls).toBe(1);
  });
});
