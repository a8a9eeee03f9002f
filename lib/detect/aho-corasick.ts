/**
 * Aho–Corasick automaton over UTF-16 units: finds every occurrence of every pattern in one left-to-right
 * pass, so the cost of scanning a post does not grow with the number of policy terms.
 *
 * Speed matters here (the content script screens every text node of 2,000-post timelines): ASCII units
 * go through a dense transition table (a DFA: failure links resolved ahead of time, one array read per
 * unit). The table's columns are only the ASCII units that occur in some pattern; every other unit sends
 * the automaton back to the root. Other units walk the trie's edges and failure links.
 */
export interface PatternAutomaton {
  readonly patternCount: number;
  /**
   * Calls onMatch(patternIndex, end) for each occurrence, end exclusive. Returning true from onMatch stops
   * the scan early (used by cheap "is there anything at all" checks).
   */
  scan(text: string, onMatch: (patternIndex: number, end: number) => boolean | undefined): void;
  /** The root state (streaming use: feed units with `next`, starting here). */
  readonly root: number;
  /** The state after reading one UTF-16 unit in `state`. */
  next(state: number, unit: number): number;
  /** Whether some pattern ends in this state. */
  accepts(state: number): boolean;
  /**
   * Streams text[from…] from `state`, each ASCII unit mapped through `asciiMap` (0: skip the unit) and
   * every other code point through `foldOther` (spaces in its result skipped). Returns the state reached
   * at the end of the text (≥ 0), or, as soon as some pattern ends, `streamMatch(end)` (< 0) where end is
   * the index just after the unit that completed it. One tight loop: the screen runs it over whole pages.
   *
   * `starts` (optional, a global regular expression) lets it skip text natively while at the root: it
   * must match at or before the first character of every occurrence, and at or before the start of any
   * pattern prefix the text ends with (so the state carried to the next piece is the same). The caller
   * builds it, since only the caller knows how characters map to units (lib/detect/text-screen.ts).
   */
  stream(
    state: number,
    text: string,
    from: number,
    asciiMap: Uint8Array,
    foldOther: (codePoint: number) => string,
    starts?: RegExp | null,
  ): number;
}

/** Encodes a stream match ending at `end` as a negative result (decode with streamMatchEnd). */
export function streamMatch(end: number): number {
  return -1 - end;
}

export function streamMatchEnd(result: number): number {
  return -1 - result;
}

// Trie edges keyed by state and unit (for the units outside the dense table and for building).
const UNIT_RANGE = 0x10000;
const ASCII = 0x80;

/**
 * A compiled automaton's tables. The background compiles the page screen's once per policy and sends
 * them to the content script as plain arrays (runtime messages are JSON: shippableTables), so pages
 * only wrap them (automatonFromTables); compiled in place, they stay typed arrays and a Map.
 */
export interface AutomatonTables {
  patternCount: number;
  stateCount: number;
  columnCount: number;
  /** ASCII unit → column of the dense table (0: no pattern uses it). */
  column: ArrayLike<number>;
  /** stateCount × columnCount transitions for ASCII units. */
  dense: ArrayLike<number>;
  failure: ArrayLike<number>;
  /** Per state, the patterns ending there (its failure chain's included). */
  outputs: number[][];
  /** Trie edges: state × 0x10000 + unit → target. */
  edges: ReadonlyMap<number, number> | Array<[number, number]>;
}

export function buildAutomaton(patterns: readonly string[]): PatternAutomaton {
  return automatonFromTables(compileAutomatonTables(patterns));
}

/** The tables as plain arrays, for a JSON message. */
export function shippableTables(tables: AutomatonTables): AutomatonTables {
  return {
    ...tables,
    column: Array.from(tables.column),
    dense: Array.from(tables.dense),
    failure: Array.from(tables.failure),
    edges: [...tables.edges],
  };
}

export function compileAutomatonTables(patterns: readonly string[]): AutomatonTables {
  const edges = new Map<number, number>();
  const ownOutputs: number[][] = [[]];
  let stateCount = 1;

  for (let patternIndex = 0; patternIndex < patterns.length; patternIndex++) {
    const pattern = patterns[patternIndex] ?? '';
    if (pattern.length === 0) continue;
    let state = 0;
    for (let index = 0; index < pattern.length; index++) {
      const key = state * UNIT_RANGE + pattern.charCodeAt(index);
      let next = edges.get(key);
      if (next === undefined) {
        next = stateCount++;
        edges.set(key, next);
        ownOutputs.push([]);
      }
      state = next;
    }
    ownOutputs[state]?.push(patternIndex);
  }

  // Columns of the dense table: one per ASCII unit used by a pattern; column 0 stands for every other unit.
  const column = new Uint8Array(ASCII);
  let columnCount = 1;
  for (const pattern of patterns) {
    for (let index = 0; index < pattern.length; index++) {
      const unit = pattern.charCodeAt(index);
      if (unit < ASCII && column[unit] === 0) column[unit] = columnCount++;
    }
  }

  // Children per state, to walk the trie breadth-first when computing failure links.
  const children: Array<Array<[number, number]>> = Array.from({ length: stateCount }, () => []);
  for (const [key, target] of edges) {
    const parent = Math.floor(key / UNIT_RANGE);
    children[parent]?.push([key % UNIT_RANGE, target]);
  }

  const failure = new Int32Array(stateCount);
  const dense =
    stateCount < 0xffff
      ? new Uint16Array(stateCount * columnCount)
      : new Int32Array(stateCount * columnCount);
  // Each state's outputs include those of its failure chain, merged once here instead of on every scan.
  const outputs: number[][] = ownOutputs.map((list) => list.slice());
  const order: number[] = [0];
  for (const [unit, child] of children[0] ?? []) {
    if (unit < ASCII) dense[column[unit] as number] = child;
    failure[child] = 0;
    order.push(child);
  }
  for (let head = 1; head < order.length; head++) {
    const state = order[head] as number;
    // Breadth-first: the failure state's row is complete before this one is filled. A row is its
    // failure state's row with this state's own edges written over it.
    const row = state * columnCount;
    const fallbackRow = (failure[state] as number) * columnCount;
    dense.copyWithin(row, fallbackRow, fallbackRow + columnCount);
    for (const [unit, child] of children[state] ?? []) {
      let childFailure: number;
      if (unit < ASCII) {
        dense[row + (column[unit] as number)] = child;
        // The failure state's complete row already answers "where does this unit lead from there".
        childFailure = dense[fallbackRow + (column[unit] as number)] as number;
      } else {
        let target = failure[state] as number;
        let step = edges.get(target * UNIT_RANGE + unit);
        while (step === undefined && target !== 0) {
          target = failure[target] as number;
          step = edges.get(target * UNIT_RANGE + unit);
        }
        childFailure = step ?? 0;
      }
      failure[child] = childFailure;
      const inherited = outputs[childFailure];
      if (inherited && inherited.length > 0) outputs[child]?.push(...inherited);
      order.push(child);
    }
  }

  return { patternCount: patterns.length, stateCount, columnCount, column, dense, failure, outputs, edges };
}

/** The automaton for tables compiled by compileAutomatonTables (here or in another context). */
export function automatonFromTables(tables: AutomatonTables): PatternAutomaton {
  const { stateCount, columnCount, outputs } = tables;
  const column = tables.column instanceof Uint8Array ? tables.column : Uint8Array.from(tables.column);
  const dense =
    tables.dense instanceof Uint16Array || tables.dense instanceof Int32Array
      ? tables.dense
      : stateCount < 0xffff
        ? Uint16Array.from(tables.dense)
        : Int32Array.from(tables.dense);
  const failure = tables.failure instanceof Int32Array ? tables.failure : Int32Array.from(tables.failure);
  const edges = tables.edges instanceof Map ? tables.edges : new Map(tables.edges);
  const accepting = new Uint8Array(stateCount);
  for (let state = 0; state < stateCount; state++)
    if ((outputs[state]?.length ?? 0) > 0) accepting[state] = 1;

  const next = (state: number, unit: number): number => {
    if (unit < ASCII) return dense[state * columnCount + (column[unit] as number)] as number;
    let current = state;
    let target = edges.get(current * UNIT_RANGE + unit);
    while (target === undefined && current !== 0) {
      current = failure[current] as number;
      target = edges.get(current * UNIT_RANGE + unit);
    }
    return target ?? 0;
  };

  // The ASCII run of `stream`, kept apart in a function of its own. Why: pages run this loop cold, and
  // V8 optimizes a small function several times sooner than the whole of `stream` (measured on a
  // 2,000-post timeline with 1,000 terms: the first pass over its text took about half as long).
  // Returns the index where it stopped and leaves the state in runState (-1: a pattern ended just
  // before that index).
  let runState = 0;
  const asciiRun = (
    initial: number,
    text: string,
    from: number,
    asciiMap: Uint8Array,
    stopAtRoot: boolean,
  ): number => {
    let state = initial;
    const length = text.length;
    let index = from;
    for (; index < length; index++) {
      const code = text.charCodeAt(index);
      if (code >= ASCII) break;
      const unit = asciiMap[code] as number;
      if (unit === 0) continue;
      state = dense[state * columnCount + (column[unit] as number)] as number;
      if (accepting[state] === 1) {
        runState = -1;
        return index + 1;
      }
      if (state === 0 && stopAtRoot) {
        runState = 0;
        return index + 1;
      }
    }
    runState = state;
    return index;
  };

  const stream = (
    initial: number,
    text: string,
    from: number,
    asciiMap: Uint8Array,
    foldOther: (codePoint: number) => string,
    starts: RegExp | null = null,
  ): number => {
    let state = initial;
    const length = text.length;
    let index = from;
    while (index < length) {
      if (state === 0 && starts !== null) {
        // At the root, nothing before the next possible start can begin an occurrence: skip to it.
        starts.lastIndex = index;
        const found = starts.exec(text);
        if (found === null) return 0;
        index = found.index;
      }
      index = asciiRun(state, text, index, asciiMap, starts !== null);
      state = runState;
      if (state < 0) return streamMatch(index);
      if (index >= length) break;
      if (state === 0 && starts !== null && text.charCodeAt(index) < ASCII) continue;
      const codePoint = text.codePointAt(index) as number;
      const width = codePoint > 0xffff ? 2 : 1;
      const folded = foldOther(codePoint);
      for (let unitIndex = 0; unitIndex < folded.length; unitIndex++) {
        const unit = folded.charCodeAt(unitIndex);
        if (unit === 0x20) continue;
        state = next(state, unit);
        if (accepting[state] === 1) return streamMatch(index + width);
      }
      index += width;
    }
    return state;
  };

  return {
    patternCount: tables.patternCount,
    root: 0,
    stream,
    next,
    accepts: (state) => accepting[state] === 1,
    scan(text, onMatch) {
      let state = 0;
      for (let index = 0; index < text.length; index++) {
        const unit = text.charCodeAt(index);
        state =
          unit < ASCII
            ? (dense[state * columnCount + (column[unit] as number)] as number)
            : next(state, unit);
        if (accepting[state] === 0) continue;
        for (const patternIndex of outputs[state] as number[]) {
          if (onMatch(patternIndex, index + 1)) return;
        }
      }
    },
  };
}
