import { describe, expect, it } from 'vitest';
import { buildAutomaton, streamMatchEnd } from '../../../lib/detect/aho-corasick';
import { compileBrandMatcher } from '../../../lib/detect/brand-matcher';
import { foldNonAsciiCodePoint, foldText, foldWithOffsets } from '../../../lib/detect/normalize';
import {
  type CompiledScreen,
  compileScreen,
  compileTextScreen,
  hitStarts,
  SCREEN_ASCII,
  type TextScreenFactory,
  textScreenFrom,
} from '../../../lib/detect/text-screen';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';

/** Deterministic pseudo-random source (LCG), so failures reproduce. */
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

function randomString(random: () => number, alphabet: readonly string[], maxLength: number): string {
  const length = Math.floor(random() * (maxLength + 1));
  let text = '';
  for (let index = 0; index < length; index++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}

/** One to four random patterns of up to maxLength units. */
function randomPatterns(random: () => number, units: readonly string[], maxLength: number): string[] {
  return Array.from({ length: 1 + Math.floor(random() * 4) }, () => randomString(random, units, maxLength));
}

function occurrences(patterns: readonly string[], text: string): string[] {
  const found: string[] = [];
  patterns.forEach((pattern, index) => {
    if (!pattern) return;
    for (let at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1))
      found.push(`${index}@${at + pattern.length}`);
  });
  return found.sort();
}

describe('buildAutomaton (dense ASCII table, trie edges for the rest)', () => {
  it('finds exactly the occurrences a naive search finds, ASCII and not', () => {
    const random = randomSource(7);
    const alphabet = ['a', 'b', 'c', 'A', ' ', '.', 'é', '東', '😀'];
    for (let round = 0; round < 400; round++) {
      const patterns = Array.from({ length: 1 + Math.floor(random() * 10) }, () =>
        randomString(random, alphabet, 4),
      );
      const text = randomString(random, alphabet, 60);
      const found: string[] = [];
      buildAutomaton(patterns).scan(text, (patternIndex, end) => {
        found.push(`${patternIndex}@${end}`);
        return false;
      });
      expect(found.sort()).toEqual(occurrences(patterns, text));
    }
  });

  it('streams across pieces, carrying its state, and reports where a pattern ends', () => {
    const automaton = buildAutomaton(['acme']);
    const identity = new Uint8Array(0x80).map((_, unit) => unit);
    const fold = (codePoint: number) => String.fromCodePoint(codePoint);
    let state = automaton.stream(automaton.root, 'xx ac', 0, identity, fold);
    expect(state).toBeGreaterThanOrEqual(0);
    const result = automaton.stream(state, 'me and more', 0, identity, fold);
    expect(result).toBeLessThan(0);
    expect(streamMatchEnd(result)).toBe(2);
    state = automaton.stream(automaton.root, 'nothing here', 0, identity, fold);
    expect(automaton.accepts(state)).toBe(false);
  });
});

describe('text screen: skipping natively to where a hit could start', () => {
  /** Every answer of the stream, piece by piece, from the same start: state carried, or where a hit ended. */
  function answers(patterns: readonly string[], pieces: readonly string[], starts: RegExp | null): number[] {
    const automaton = buildAutomaton(patterns);
    const seen: number[] = [];
    let state = automaton.root;
    for (const piece of pieces) {
      let from = 0;
      for (;;) {
        const result = automaton.stream(state, piece, from, SCREEN_ASCII, foldNonAsciiCodePoint, starts);
        seen.push(result);
        if (result >= 0) {
          state = result;
          break;
        }
        state = automaton.root;
        from = streamMatchEnd(result);
      }
    }
    return seen;
  }

  it('gives exactly the answers of the full walk: hits, where they end, and the state carried on', () => {
    const random = randomSource(11);
    const patternUnits = ['a', 'b', 'c', '.', '@', 'ø', 'e', 's', '東'];
    const textUnits = [
      'a',
      'A',
      'b',
      'B',
      'c',
      'C',
      ' ',
      '\t',
      '\n',
      '.',
      '@',
      'x',
      'é',
      'É',
      'ß',
      'Ø',
      '\u200B',
      '\u00AD',
      '😀',
      '東',
      'ｂ',
      '𝐚',
      'e',
      'S',
    ];
    for (let round = 0; round < 3000; round++) {
      const patterns = randomPatterns(random, patternUnits, 4);
      const text = randomString(random, textUnits, 40);
      const pieces: string[] = [];
      for (let rest = text; rest.length > 0; ) {
        const size = 1 + Math.floor(random() * 12);
        pieces.push(rest.slice(0, size));
        rest = rest.slice(size);
      }
      const context = JSON.stringify({ patterns, pieces });
      expect(answers(patterns, pieces, hitStarts(patterns)), context).toEqual(
        answers(patterns, pieces, null),
      );
    }
  });

  it('skips brand-free text but stops before every possible start', () => {
    const starts = hitStarts(['acme', 'acmehelp']);
    if (!starts) throw new Error('a one-brand policy skips');
    const stopsIn = (text: string) => {
      const stops: number[] = [];
      starts.lastIndex = 0;
      for (let found = starts.exec(text); found; found = starts.exec(text)) stops.push(found.index);
      return stops;
    };
    expect(stopsIn('Beautiful sunset over the bay tonight')).toEqual([]);
    expect(stopsIn('an Ac me order')).toEqual([3]);
    expect(stopsIn('ends with a')).toEqual([10]);
    expect(stopsIn('café')).toEqual([3]);
  });

  it('reads every character itself when terms start with common letters (stops would be too many)', () => {
    const common = ['the', 'then', 'ant', 'one', 'sea', 'ink', 'her', 'real', 'tin', 'oat', 'sit', 'ear'];
    expect(hitStarts(common)).toBeNull();
    expect(hitStarts(['e'])).toBeNull();
    expect(hitStarts(['zq', 'qz'])).not.toBeNull();
  });
});

describe('foldText', () => {
  it('is exactly the text foldWithOffsets produces', () => {
    const random = randomSource(11);
    const alphabet = [
      'A',
      'b',
      ' ',
      '\n',
      '\t',
      'É',
      'ß',
      'ẞ',
      'Ａ',
      '\u200b',
      '\u00a0',
      '\u3000',
      '😀',
      'x',
      'Σ',
      'ς',
      'İ',
      'ﬀ',
      '\u0301',
      '\u0345',
      '\ud800',
      '\udc00',
      'K',
      '…',
      '①',
      '東',
      'Ǆ',
      '\u2028',
      'ﷺ',
    ];
    for (let round = 0; round < 2000; round++) {
      const text = randomString(random, alphabet, 30);
      expect(foldText(text)).toBe(foldWithOffsets(text).text);
    }
  });
});

describe('brand matcher: find offsets on the ASCII fast path', () => {
  const matcher = compileBrandMatcher(DEFAULT_POLICY.brand);

  it('points at the original characters with and without collapsed whitespace', () => {
    for (const text of ['I love Acme!', 'I  love\n\nAcme Store today', 'ACME']) {
      const matches = matcher.find(text);
      expect(matches.length).toBeGreaterThan(0);
      for (const match of matches) expect(text.slice(match.start, match.end).toLowerCase()).toMatch(/^acme/);
    }
  });
});

describe('brand matcher: termsIn', () => {
  const matcher = compileBrandMatcher(DEFAULT_POLICY.brand);

  it('names exactly the distinct terms find reports, in order', () => {
    const random = randomSource(5);
    const alphabet = [
      'Acme',
      'acme',
      ' ',
      'Store',
      '#',
      '@',
      'help',
      '.example',
      'Brick',
      'É',
      '\n',
      'x',
      'ÀCMÉ',
      'akme',
    ];
    for (let round = 0; round < 500; round++) {
      const text = randomString(random, alphabet, 12);
      expect(matcher.termsIn(text)).toEqual([...new Set(matcher.find(text).map((match) => match.term))]);
    }
  });
});

describe('brand matcher: text screen', () => {
  const matcher = compileBrandMatcher(DEFAULT_POLICY.brand);

  /** Cuts text into pieces at random places, as a page's text nodes would. */
  function pieces(text: string, random: () => number): string[] {
    const cut: string[] = [];
    let rest = text;
    while (rest.length > 0) {
      const size = 1 + Math.floor(random() * 6);
      cut.push(rest.slice(0, size));
      rest = rest.slice(size);
    }
    return cut;
  }

  function screened(parts: readonly string[]): boolean {
    const screen = matcher.screen();
    return parts.some((part) => screen.feed(part));
  }

  it('passes every text find accepts, however the text is cut into pieces', () => {
    const random = randomSource(3);
    const texts = [
      'My Acme order is late',
      'ÀCMÉ support please',
      'Ａｃｍｅ full width',
      'the A\u200Bcme app',
      'Acme\nStore in two lines',
      'visit help.acme.example today',
      '#AcmeStore rocks',
      'ping @acmehelp now',
      'acmee typo',
    ];
    for (const text of texts) {
      expect(matcher.find(text).length).toBeGreaterThan(0);
      for (let round = 0; round < 20; round++) expect(screened(pieces(text, random))).toBe(true);
    }
  });

  it('passes the brand’s own handles (its replies are reported too)', () => {
    expect(matcher.isOwnAccount('x', 'AcmeHelp')).toBe(true);
    expect(screened(['Acme Support', '@', 'AcmeHelp', '·', '2h'])).toBe(true);
  });

  it('rejects text without any brand term or own handle', () => {
    expect(screened(['Beautiful sunset over the bay tonight', '·', '3h', '@golden_hour'])).toBe(false);
    expect(screened(['café au lait', ' ', 'déjà vu'])).toBe(false);
  });

  it('starts afresh after reset', () => {
    const screen = matcher.screen();
    expect(screen.feed('we love ac')).toBe(false);
    screen.reset();
    expect(screen.feed('me')).toBe(false);
  });

  it('reports each hit within one long text, continuing after it', () => {
    const screen = matcher.screen();
    const text = 'first Acme, then nothing, then acme.example';
    const first = screen.next(text, 0);
    expect(text.slice(0, first).toLowerCase().endsWith('acme')).toBe(true);
    const second = screen.next(text, first);
    expect(second).toBeGreaterThan(first);
    expect(screen.next(text, text.length)).toBe(-1);
  });
});

describe('text screen: may a changed text complete a hit', () => {
  const matcher = compileBrandMatcher(DEFAULT_POLICY.brand);
  const screens = compileTextScreen(matcher.screenPatterns);
  const hits = (parts: readonly string[]) => screens.screen().feed(parts.join(''));

  it('never says no when replacing one piece makes a hit appear (random pieces, random edits)', () => {
    const random = randomSource(11);
    // Chunks of brand terms, so that edits often complete one.
    const alphabet = [
      'a',
      'c',
      'm',
      'e',
      'Ac',
      'ME',
      'cm',
      'acm',
      'É',
      ' ',
      '\u200B',
      '5m',
      'x',
      '@',
      'help',
      'p',
    ];
    let appeared = 0;
    for (let round = 0; round < 20_000; round++) {
      const parts = Array.from({ length: 2 + Math.floor(random() * 4) }, () =>
        randomString(random, alphabet, 1 + Math.floor(random() * 3)),
      );
      if (hits(parts)) continue;
      const index = Math.floor(random() * parts.length);
      const changed = parts.slice();
      changed[index] = random() < 0.1 ? '' : randomString(random, alphabet, Math.floor(random() * 4));
      if (!hits(changed)) continue;
      appeared += 1;
      expect(screens.mayCompleteHit(changed[index] as string), JSON.stringify(changed)).toBe(true);
    }
    expect(appeared).toBeGreaterThan(100);
  });

  it('says no for a clock or a counter ticking next to brand-free text', () => {
    for (const tick of ['5m', '12', '1,204', '3h', 'Nov 23', '·', '12 min.'])
      expect(screens.mayCompleteHit(tick)).toBe(false);
  });

  it('says yes for text that holds, starts, ends or sits inside a term, and for emptied text', () => {
    for (const text of ['Acme', 'ÀCMÉ!', 'is ac', 'me too', 'cm', 'e.exam', '']) {
      expect(screens.mayCompleteHit(text), text).toBe(true);
    }
  });
});

describe('text screen compiled in the background', () => {
  /** What the content script receives: the scan config travels as JSON. */
  const shipped = (patterns: readonly string[]) =>
    textScreenFrom(JSON.parse(JSON.stringify(compileScreen(patterns))) as CompiledScreen);

  function verdicts(screens: TextScreenFactory, texts: readonly string[]): string {
    const screen = screens.screen();
    return texts
      .map((text) => {
        screen.reset();
        const ends: number[] = [];
        for (let end = screen.next(text, 0); end >= 0; end = screen.next(text, end)) ends.push(end);
        return `${ends.join(',')}|${screens.mayCompleteHit(text)}`;
      })
      .join(' ');
  }

  it('answers as a screen compiled in the page, after the trip through JSON', () => {
    const random = randomSource(23);
    const patternUnits = ['a', 'c', 'm', 'e', '.', '@', 'ø', '東'];
    const units = [
      'a',
      'c',
      'm',
      'e',
      'A',
      'C',
      ' ',
      '.',
      '@',
      'é',
      'ß',
      'Ø',
      '東',
      '\u200B',
      '😀',
      'ｍ',
      'x',
    ];
    for (let round = 0; round < 500; round++) {
      const patterns = randomPatterns(random, patternUnits, 5);
      const texts = Array.from({ length: 6 }, () => randomString(random, units, 30));
      expect(verdicts(shipped(patterns), texts), JSON.stringify({ patterns, texts })).toBe(
        verdicts(compileTextScreen(patterns), texts),
      );
    }
  });

  it('ships the default policy’s tables, and leaves a 1,000-term policy’s to the page', () => {
    const small = compileScreen(compileBrandMatcher(DEFAULT_POLICY.brand).screenPatterns);
    expect(small.automaton).not.toBeNull();
    expect(small.starts).not.toBeNull();
    const many = Array.from({ length: 1000 }, (_, index) => `product${index.toString(36)}name`);
    const large = compileScreen(many);
    expect(large.automaton).toBeNull();
    expect(JSON.stringify(large).length).toBeLessThan(40_000);
    const screen = textScreenFrom(large).screen();
    expect(screen.feed('we love PRODUCT 1 NAME')).toBe(true);
    expect(screen.feed('nothing to see')).toBe(false);
  });
});
