/**
 * Aho–Corasick automaton over UTF-16 units: finds every occurrence of every pattern in one left-to-right
 * pass, so the cost of scanning a post does not grow with the number of policy terms.
 */
export interface PatternAutomaton {
  readonly patternCount: number;
  /**
   * Calls onMatch(patternIndex, end) for each occurrence, end exclusive. Returning true from onMatch stops
   * the scan early (used by cheap "is there anything at all" checks).
   */
  scan(text: string, onMatch: (patternIndex: number, end: number) => boolean | undefined): void;
}

// One flat map for all edges keyed by state and unit: fewer objects than a map per state.
const UNIT_RANGE = 0x10000;

export function buildAutomaton(patterns: readonly string[]): PatternAutomaton {
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

  // Children per state, to walk the trie breadth-first when computing failure links.
  const children: Array<Array<[number, number]>> = Array.from({ length: stateCount }, () => []);
  for (const [key, target] of edges) {
    const parent = Math.floor(key / UNIT_RANGE);
    children[parent]?.push([key % UNIT_RANGE, target]);
  }

  const failure = new Int32Array(stateCount);
  // Each state's outputs include those of its failure chain, merged once here instead of on every scan.
  const outputs: number[][] = ownOutputs.map((list) => list.slice());
  const queue: number[] = [];
  for (const [, child] of children[0] ?? []) {
    failure[child] = 0;
    queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as number;
    for (const [unit, child] of children[state] ?? []) {
      let fallback = failure[state] as number;
      let target = edges.get(fallback * UNIT_RANGE + unit);
      while (target === undefined && fallback !== 0) {
        fallback = failure[fallback] as number;
        target = edges.get(fallback * UNIT_RANGE + unit);
      }
      const childFailure = target ?? 0;
      failure[child] = childFailure;
      const inherited = outputs[childFailure];
      if (inherited && inherited.length > 0) outputs[child]?.push(...inherited);
      queue.push(child);
    }
  }

  return {
    patternCount: patterns.length,
    scan(text, onMatch) {
      let state = 0;
      for (let index = 0; index < text.length; index++) {
        const unit = text.charCodeAt(index);
        let next = edges.get(state * UNIT_RANGE + unit);
        while (next === undefined && state !== 0) {
          state = failure[state] as number;
          next = edges.get(state * UNIT_RANGE + unit);
        }
        state = next ?? 0;
        const found = outputs[state];
        if (found === undefined || found.length === 0) continue;
        for (const patternIndex of found) {
          if (onMatch(patternIndex, index + 1)) return;
        }
      }
    },
  };
}
