import { describe, expect, it } from 'vitest';
import { regExpScreen, sentryScreen } from '../../../lib/content/regexp-screen';
import { compileBrandMatcher } from '../../../lib/detect/brand-matcher';
import { foldIndex, screenRegExpSources } from '../../../lib/detect/screen-regexp';
import { compileTextScreen } from '../../../lib/detect/text-screen';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';

/** Deterministic pseudo-random source (LCG), so failures reproduce. */
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const DEFAULT_PATTERNS = compileBrandMatcher(DEFAULT_POLICY.brand).screenPatterns;

function sourcesFor(patterns: readonly string[]) {
  const sources = screenRegExpSources(patterns);
  if (sources === null) throw new Error('no expressions');
  return sources;
}

function screenFor(patterns: readonly string[]) {
  return regExpScreen(sourcesFor(patterns));
}

/**
 * Characters a hostile or just international page puts around and inside a brand name: for each
 * pattern unit, code points folding to it (case, accents, full-width, math letters, circled), code
 * points folding to several units (ligatures, squared units, ß), code points folding to nothing
 * (combining marks, zero-width, tags), whitespace, letters of other scripts, emoji and punctuation.
 */
function charactersFor(patterns: readonly string[]) {
  const index = foldIndex();
  const units = new Set(patterns.join('').split(''));
  const variants = new Map<string, string[]>([...units].map((unit) => [unit, [unit]]));
  const other = new Set<string>([' ', '\n', '.', '-', '@', 'x', 'z', 'é', 'ß', 'ﬁ', '東', '😀']);
  for (const [key, codePoints] of index) {
    const relevant = key === '' || key.split('').some((unit) => units.has(unit));
    if (!relevant) continue;
    // A sample of each fold's code points keeps the alphabet small enough for hits to happen.
    const sample = codePoints.slice(0, 4).map((codePoint) => String.fromCodePoint(codePoint));
    const exact = variants.get(key);
    if (exact) exact.push(...sample);
    else for (const character of sample) other.add(character);
  }
  for (const extra of ['\u200b', '\u00ad', '\u0301', '\u{E0020}', '\u093c', '\ufe0f', '\u2028', '\0'])
    other.add(extra);
  return { variants, other: [...other] };
}

type Characters = ReturnType<typeof charactersFor>;

/** Text that is mostly pattern pieces in disguise, so that near misses and hits are both common. */
function randomText(random: () => number, patterns: readonly string[], characters: Characters): string {
  let text = '';
  const pieces = 1 + Math.floor(random() * 4);
  for (let piece = 0; piece < pieces; piece++) {
    if (random() < 0.6) {
      const pattern = pick(random, patterns);
      const start = random() < 0.5 ? 0 : Math.floor(random() * pattern.length);
      const end =
        random() < 0.5 ? pattern.length : start + 1 + Math.floor(random() * (pattern.length - start));
      // Each unit of the piece as some code point folding to it, now and then something else.
      for (const unit of pattern.slice(start, end).split('')) {
        text +=
          random() < 0.05
            ? pick(random, characters.other)
            : pick(random, characters.variants.get(unit) ?? [unit]);
        if (random() < 0.1) text += pick(random, ['\u200b', '\u0301', ' ', '\u{E0020}', '\u00ad', '\0']);
      }
    } else {
      const length = Math.floor(random() * 4);
      for (let index = 0; index < length; index++) text += pick(random, characters.other);
    }
  }
  return text;
}

const PATTERN_SETS: Array<[string, string[]]> = [
  ['the default policy', [...DEFAULT_PATTERNS]],
  ['a German name with ß folded', ['strasse', 'fussball']],
  ['a Nordic name keeping ø', ['bjørn']],
  ['a ligature inside', ['office', 'fin']],
  ['punctuation that regular expressions treat specially', ['a.b', 'c+d', 'e|f', '(g)']],
  ['one-letter and digit patterns', ['q', '42']],
  ['units squared forms fold to', ['cm', 'kg']],
];

describe('screenRegExpSources: the page screen as native regular expressions', () => {
  it.each(PATTERN_SETS)('says exactly what the automaton screen says (%s)', (_label, patterns) => {
    const screen = screenFor(patterns);
    // The always-loaded script's smaller screen, on the same expressions.
    const sentry = sentryScreen(sourcesFor(patterns));
    const automaton = compileTextScreen(patterns);
    const characters = charactersFor(patterns);
    const random = randomSource(patterns.join().length * 7919);
    let hits = 0;
    for (let round = 0; round < 3_000; round++) {
      const text = randomText(random, patterns, characters);
      const expected = automaton.screen().feed(text);
      if (screen.passes(text) !== expected || sentry.passes(text) !== expected)
        expect({ text, passes: screen.passes(text), sentry: sentry.passes(text) }).toEqual({
          text,
          passes: expected,
          sentry: expected,
        });
      if (expected) hits += 1;
    }
    // Both answers must be common, or the comparison proves little.
    expect(hits).toBeGreaterThan(150);
    expect(hits).toBeLessThan(2_850);
  });

  it('finds the brand however a post disguises it, and not near misses', () => {
    const screen = screenFor(DEFAULT_PATTERNS);
    for (const text of [
      'ACME',
      'a c m e',
      'Àcmé',
      'Ａｃｍｅ',
      '𝐀𝐜𝐦𝐞',
      'Ac\u200Bme',
      'ⓐⓒⓜⓔ',
      'a㎝e',
      'ac\u0301me',
      'a\u{E0020}cme',
    ])
      expect(screen.passes(text), text).toBe(true);
    for (const text of ['acne', 'ac-me', 'a.cme', '㏄me', 'hello world', '', 'ACM E'.replace(' ', '.')])
      expect(screen.passes(text), text).toBe(false);
  });

  it('drops patterns that contain another (found whenever the shorter one is)', () => {
    const sources = screenRegExpSources(['acme', 'acmehelp', 'acme.example']);
    const alone = screenRegExpSources(['acme']);
    expect(sources?.find).toBe(alone?.find);
  });

  it('keeps long terms (a 60-character name) within bounds', () => {
    const long = 'theverylongnameofacompanythatputsitswholehistoryintoitsname1';
    const screen = screenFor([long]);
    expect(screen.passes(`Re: ${long.toUpperCase()}!`)).toBe(true);
    expect(screen.mayCompleteHit('5m')).toBe(false);
    expect(screen.mayCompleteHit('history')).toBe(true);
  });

  it('gives up (null) when the expressions would be too long, and matches nothing without patterns', () => {
    const many = Array.from({ length: 2_000 }, (_, index) => `brand${index.toString(36)}x`);
    expect(screenRegExpSources(many)).toBeNull();
    expect(screenFor([]).passes('anything at all')).toBe(false);
  });
});

/** An ASCII change like a clock's or a counter's, with the patterns' letters in it now and then. */
function randomTick(random: () => number, patterns: readonly string[]): string {
  const letters = ['0', '1', '9', 'm', 'h', ' ', ',', ...patterns.join('').split('')];
  let text = '';
  const length = Math.floor(random() * 5);
  for (let index = 0; index < length; index++) text += pick(random, letters);
  return text;
}

describe('RegExpScreen.mayCompleteHit: whether a changed piece of text could complete a hit', () => {
  it.each(PATTERN_SETS)('is never false when the change completes one (%s)', (_label, patterns) => {
    const screen = screenFor(patterns);
    const automaton = compileTextScreen(patterns);
    const characters = charactersFor(patterns);
    const random = randomSource(patterns.join().length * 104_729);
    let completed = 0;
    let skipped = 0;
    for (let round = 0; round < 3_000; round++) {
      const left = randomText(random, patterns, characters);
      const right = randomText(random, patterns, characters);
      const before = randomText(random, patterns, characters);
      // Ticks are mostly ASCII (times, counts); sometimes not.
      const after = random() < 0.7 ? randomTick(random, patterns) : randomText(random, patterns, characters);
      if (automaton.screen().feed(left + before + right)) continue;
      const completes = automaton.screen().feed(left + after + right);
      const may = screen.mayCompleteHit(after);
      if (completes) completed += 1;
      if (!may) skipped += 1;
      if (completes && !may) expect({ left, after, right, may }).toEqual({ left, after, right, may: true });
    }
    expect(completed).toBeGreaterThan(10);
    // It must also spare work: changes are cleared without reading the post.
    expect(skipped).toBeGreaterThan(5);
  });

  it.each(PATTERN_SETS)('answers for ASCII exactly as its definition says (%s)', (_label, patterns) => {
    const sources = sourcesFor(patterns);
    const screens = [regExpScreen(sources), sentryScreen(sources)];
    const random = randomSource(patterns.join().length * 6_007);
    let cleared = 0;
    for (let round = 0; round < 3_000; round++) {
      const tick = randomTick(random, patterns) + (random() < 0.3 ? 'X ' : '');
      const expected = mayJoinByDefinition(tick, sources.patterns);
      if (!expected) cleared += 1;
      for (const screen of screens)
        if (screen.mayCompleteHit(tick) !== expected)
          expect({ tick, may: screen.mayCompleteHit(tick) }).toEqual({ tick, may: expected });
    }
    expect(cleared).toBeGreaterThan(100);
  });

  it("clears a clock's or a counter's tick and not a change that completes the brand", () => {
    const screen = screenFor(DEFAULT_PATTERNS);
    for (const tick of ['5m', '12', '1h', '37s', '1,204'])
      expect(screen.mayCompleteHit(tick), tick).toBe(false);
    for (const change of ['', ' ', 'me', 'ac', 'cm', 'acme', 'xacmex', 'é', 'AC'])
      expect(screen.mayCompleteHit(change), change).toBe(true);
  });
});

/**
 * ASCII text, as the screen reads it, could complete a hit when it is empty, lies inside a pattern,
 * holds one, starts with a pattern's end or ends with a pattern's start: string by string. Text that
 * is not all ASCII always could (its folds are the screen's).
 */
function mayJoinByDefinition(text: string, patterns: readonly string[]): boolean {
  if (/[^\0-\x7f]/.test(text)) return true;
  const units = text.replace(/[\0\t-\r ]/g, '').toLowerCase();
  if (units === '') return true;
  return patterns.some((pattern) => {
    if (pattern.includes(units) || units.includes(pattern)) return true;
    for (let length = 1; length < pattern.length && length <= units.length; length++)
      if (units.startsWith(pattern.slice(-length)) || units.endsWith(pattern.slice(0, length))) return true;
    return false;
  });
}

/** Which pieces of a joined text hold a hit, found as the full watcher's page walk finds them. */
function piecesWithHits(screen: ReturnType<typeof screenFor>, pieces: readonly string[]): number[] {
  const text = pieces.join('\u0001');
  const starts: number[] = [];
  let offset = 0;
  for (const piece of pieces) {
    starts.push(offset);
    offset += piece.length + 1;
  }
  const found: number[] = [];
  for (let end = screen.nextHit(text, 0); end >= 0; ) {
    let index = starts.length - 1;
    while ((starts[index] as number) > end - 1) index -= 1;
    found.push(index);
    // After a piece's first hit, on from the next piece's start.
    end = index + 1 < starts.length ? screen.nextHit(text, starts[index + 1] as number) : -1;
  }
  return found;
}

describe('RegExpScreen.nextHit: which of several joined posts hold a hit', () => {
  it.each(PATTERN_SETS)(
    'finds the posts the automaton finds when the text reads in place (%s)',
    (_label, patterns) => {
      const screen = screenFor(patterns);
      const automaton = compileTextScreen(patterns);
      const characters = charactersFor(patterns);
      const random = randomSource(patterns.join().length * 15_485_863);
      let inPlace = 0;
      let notInPlace = 0;
      let hits = 0;
      for (let round = 0; round < 1_500; round++) {
        const pieces = Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
          randomText(random, patterns, characters),
        );
        if (!screen.readsInPlace(pieces.join('\u0001'))) {
          notInPlace += 1;
          continue;
        }
        inPlace += 1;
        const expected = pieces.flatMap((piece, index) => (automaton.screen().feed(piece) ? [index] : []));
        const found = piecesWithHits(screen, pieces);
        if (found.join() !== expected.join()) expect({ pieces, found }).toEqual({ pieces, found: expected });
        hits += expected.length;
      }
      // Both paths must be common, and hits too, or the comparison proves little.
      expect(inPlace).toBeGreaterThan(100);
      expect(notInPlace).toBeGreaterThan(50);
      expect(hits).toBeGreaterThan(25);
    },
  );

  it('reads in place what posts commonly hold, and not what must be removed or expanded first', () => {
    const screen = screenFor(DEFAULT_PATTERNS);
    for (const text of [
      'Love my ACME\u00a0kettle 😀',
      'A c m e\tsupport,\nplease',
      'Àcmé café',
      'family 👨\u200d👩\u200d👧 ❤\ufe0f #\ufe0f\u20e3',
      'a\u00adc\u2060m\u200be',
    ])
      expect(screen.readsInPlace(text), text).toBe(true);
    expect(screen.nextHit('x a\u00adc\u2060m\u200be', 0)).toBe(9);
    expect(screen.nextHit('no brand here', 0)).toBe(-1);
    // A tag character, math letters, a squared unit, a combining mark: the skip and expand passes first.
    for (const text of ['a\u{E0020}cme', '𝐀𝐜𝐦𝐞', 'a㎝e', 'ac\u0301me'])
      expect(screen.readsInPlace(text), text).toBe(false);
  });
});
