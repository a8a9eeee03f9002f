import {
  type CST,
  type Document,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type ParsedNode,
  Parser,
  parseDocument,
  visit,
  type YAMLError,
} from 'yaml';
import type { z } from 'zod';
import { formatPath, type Policy, policySchema } from './schema';

/**
 * Parses a policy file (YAML, or JSON, which is YAML) and validates it against the schema.
 * Errors carry 1-based line and column in the file, mapped from Zod's issue paths through the YAML
 * document's source ranges, so team leads can jump straight to the mistake.
 */

export interface PolicyError {
  /** The file name or URL given to parsePolicyText. */
  source: string;
  line: number;
  column: number;
  /** Where in the policy, e.g. `templates[3].requiredVariables[0]`; `(root)` for the whole file. */
  path: string;
  message: string;
  /** 'syntax': the text is not valid YAML/JSON; 'schema': valid YAML that is not a valid policy. */
  kind: 'syntax' | 'schema';
}

export type PolicyParseResult = { ok: true; policy: Policy } | { ok: false; errors: PolicyError[] };

/** `file:line:column  path  message`, the CLI's error line. */
export function formatPolicyError(error: PolicyError): string {
  return `${error.source}:${error.line}:${error.column}  ${error.path}  ${error.message}`;
}

/**
 * A policy nests about six levels (ratings, a rating, its resolution, a step, its channels), so 64 is
 * generous for any hand-written file. The limit is about safety, not style: yaml composes collections
 * recursively and a file nested thousands deep exhausts the stack, and in V8 that can abort the whole
 * extension process rather than throw (seen with 10,000 nested `[` under Node 22).
 */
const MAX_POLICY_NESTING = 64;
/**
 * Every mapping in a policy has a fixed, short set of keys, so past this many it cannot be valid; yaml
 * checks keys for duplicates pair by pair, which took minutes for 100,000 keys in one mapping.
 */
const MAX_MAPPING_KEYS = 1_000;
/**
 * As many aliases as toJS expands: yaml looks each one up across the whole document, which took half
 * a minute for a chain of 40,000, before toJS would have refused them.
 */
const MAX_ALIASES = 100;
/**
 * The alias limits count aliases, not what they repeat: 100 aliases of a rule with 80,000 keywords (a
 * 650 KB file) expanded to 70 MB of policy, and the classifier took a minute to compile its copies.
 * A hand-written policy repeats a few short lists at most.
 */
const MAX_ALIASED_VALUES = 10_000;

/**
 * A policy is a mapping, so its text never starts with '<': text that does is a web page (a sign-in page,
 * a repository's page of the file instead of the raw file).
 */
export function looksLikeWebPage(text: string): boolean {
  return /^\uFEFF?\s*</.test(text);
}

export function parsePolicyText(text: string, sourceName = '<policy>'): PolicyParseResult {
  if (looksLikeWebPage(text))
    return wholeFileError(sourceName, 'This is a web page (HTML), not a policy file');
  const overLimit = firstOverLimit(text);
  if (overLimit !== undefined) return wholeFileError(sourceName, overLimit.message, overLimit);
  try {
    return parseShallowPolicyText(text, sourceName);
  } catch (error) {
    // The nesting limit keeps yaml, Zod and our own walks well inside the stack; this is the backstop so
    // that running out of room anyway is reported like any other broken file, not thrown at the caller.
    if (!(error instanceof RangeError)) throw error;
    return wholeFileError(sourceName, `The file is too complex to read (${error.message})`);
  }
}

function parseShallowPolicyText(text: string, sourceName: string): PolicyParseResult {
  const lineCounter = new LineCounter();
  // Duplicate keys are a syntax error instead of "last one wins". yaml's own check tells `1` from "1",
  // but both become the same property, so keys are compared as the text they turn into.
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: sameKey });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line, column: col };
  };

  if (document.errors.length > 0) {
    // One tab in the indentation throws off the structure of every line after it, and yaml reports each
    // of those too; the lines it names then are fine, so only the tabs are worth reading.
    const tabs = document.errors.filter((error) => error.code === 'TAB_AS_INDENT');
    const reported = tabs.length > 0 ? tabs : document.errors;
    return {
      ok: false,
      errors: sortErrors(reported.map((error) => syntaxError(error, sourceName, document, position))),
    };
  }
  if (document.contents === null) {
    return {
      ok: false,
      errors: [
        {
          source: sourceName,
          line: 1,
          column: 1,
          path: '(root)',
          message: 'The file is empty',
          kind: 'syntax',
        },
      ],
    };
  }

  let data: unknown;
  try {
    // Alias expansion is capped (yaml's default of 100) so a "billion laughs" file cannot hang the parser.
    data = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    return {
      ok: false,
      errors: [
        {
          source: sourceName,
          line: 1,
          column: 1,
          path: '(root)',
          message: (error as Error).message,
          kind: 'syntax',
        },
      ],
    };
  }

  if (valuesExceed(data, countDocumentValues(document) + MAX_ALIASED_VALUES)) {
    let firstAlias: number | undefined;
    visit(document, {
      Alias(_key, node) {
        firstAlias = rangeStart(node);
        return visit.BREAK;
      },
    });
    return wholeFileError(
      sourceName,
      `The aliases (*name) in this file repeat more than ${MAX_ALIASED_VALUES.toLocaleString('en-US')} values in all; write the values out`,
      position(firstAlias ?? 0),
    );
  }

  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      errors: [
        {
          source: sourceName,
          ...position(rangeStart(document.contents) ?? 0),
          path: '(root)',
          message: 'Not a policy: expected keys such as version, brand and ratings at the top',
          kind: 'schema',
        },
      ],
    };
  }

  const result = policySchema.safeParse(data);
  if (result.success) return { ok: true, policy: result.data };

  const errors: PolicyError[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const located = locate(document, [...path, key]);
        const known = knownKeysAt(policySchema, path, data);
        const suggestion = closestKey(key, known);
        // With nothing close ('twitter' for x), the list is the only way to find the right key.
        const hint = suggestion
          ? ` (did you mean "${suggestion}"?)`
          : known.length > 0
            ? `; known keys: ${known.join(', ')}`
            : '';
        errors.push({
          source: sourceName,
          ...position(located.keyOffset ?? located.offset),
          path: formatPath([...path, key]),
          message: `Unknown key "${key}"${hint}`,
          kind: 'schema',
        });
      }
      continue;
    }
    const located = locate(document, path);
    const missingKey = issue.code === 'invalid_type' && !located.found && path.length === located.depth + 1;
    const typeHint =
      issue.code === 'invalid_type' && located.found
        ? wrongTypeHint(issue.expected, located.node, text, path)
        : undefined;
    errors.push({
      source: sourceName,
      ...position(located.offset),
      path: formatPath(path),
      message: missingKey
        ? `Missing required key "${String(path[path.length - 1])}"`
        : (typeHint ?? issue.message),
      kind: 'schema',
    });
  }
  return { ok: false, errors: sortErrors(dedupe(errors)) };
}

/** The values written in the file, an alias counting as one. */
function countDocumentValues(document: Document): number {
  let count = 0;
  visit(document, {
    Node(key) {
      if (key !== 'key') count += 1;
    },
  });
  return count;
}

/**
 * Whether the parsed data holds more than `limit` values, each alias's target counted again wherever it
 * is used. Stops as soon as it passes the limit, so an expansion is never walked in full.
 */
function valuesExceed(data: unknown, limit: number): boolean {
  let count = 0;
  const pending: unknown[] = [data];
  while (pending.length > 0) {
    const value = pending.pop();
    count += 1;
    if (count > limit) return true;
    if (value !== null && typeof value === 'object') {
      for (const inner of Object.values(value)) pending.push(inner);
    }
  }
  return false;
}

function sameKey(a: ParsedNode, b: ParsedNode): boolean {
  return a === b || (isScalar(a) && isScalar(b) && String(a.value) === String(b.value));
}

function wholeFileError(
  source: string,
  message: string,
  { line, column }: { line: number; column: number } = { line: 1, column: 1 },
): PolicyParseResult {
  return { ok: false, errors: [{ source, line, column, path: '(root)', message, kind: 'syntax' }] };
}

/**
 * Where the file first goes past a limit that keeps composing it safe and quick: a collection deeper
 * than MAX_POLICY_NESTING, a mapping with more than MAX_MAPPING_KEYS keys, more than MAX_ALIASES
 * aliases. Reads yaml's CST, whose parser keeps an explicit stack, and walks it with one too, so no
 * input depth can overflow the stack here. The file is parsed twice as a result; for a policy-sized
 * file that costs a few milliseconds.
 */
function firstOverLimit(text: string): { line: number; column: number; message: string } | undefined {
  const lineCounter = new LineCounter();
  const at = (offset: number, message: string) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col, message };
  };
  let aliases = 0;
  for (const token of new Parser(lineCounter.addNewLine).parse(text)) {
    const pending: Array<{ token: CST.Token | null | undefined; depth: number }> = [{ token, depth: 0 }];
    for (let next = pending.pop(); next; next = pending.pop()) {
      const { token: current, depth } = next;
      if (!current) continue;
      if (current.type === 'alias') {
        aliases += 1;
        if (aliases > MAX_ALIASES)
          return at(
            current.offset,
            `More than ${MAX_ALIASES} aliases (*name) in one file; write the values out`,
          );
      } else if (current.type === 'document') {
        pending.push({ token: current.value, depth });
      } else if (current.type === 'block-scalar') {
        // A collection that broke the file can end up among a block scalar's props.
        for (const prop of [...current.props].reverse()) pending.push({ token: prop, depth });
      } else if (
        current.type === 'block-map' ||
        current.type === 'block-seq' ||
        current.type === 'flow-collection'
      ) {
        if (depth >= MAX_POLICY_NESTING)
          return at(
            current.offset,
            `Lists and mappings nest more than ${MAX_POLICY_NESTING} levels deep here; a policy needs fewer than 10`,
          );
        const isMapping =
          current.type === 'block-map' ||
          (current.type === 'flow-collection' && current.start.source === '{');
        if (isMapping && current.items.length > MAX_MAPPING_KEYS)
          return at(
            current.offset,
            `This mapping has ${current.items.length.toLocaleString('en-US')} keys; no part of a policy has more than a few dozen`,
          );
        // Reversed, so the walk goes in file order and the first collection found is the first in the file.
        for (const item of [...current.items].reverse()) {
          pending.push({ token: item.value, depth: depth + 1 }, { token: item.key, depth: depth + 1 });
        }
      }
    }
  }
  return undefined;
}

function syntaxError(
  error: YAMLError,
  source: string,
  document: Document,
  position: (offset: number) => { line: number; column: number },
): PolicyError {
  const [start] = error.linePos ?? [{ line: 1, col: 1 }];
  const located: PolicyError = {
    source,
    line: start.line,
    column: start.col,
    path: '(root)',
    message: yamlErrorMessage(error),
    kind: 'syntax',
  };
  if (error.code !== 'DUPLICATE_KEY') return located;
  // yaml's "Map keys must be unique" names neither the key nor the line that already sets it.
  const duplicate = findDuplicateKey(document.contents, error.pos[0], []);
  if (!duplicate) return located;
  return {
    ...located,
    path: formatPath(duplicate.path),
    message: `Duplicate key "${duplicate.key}": it is already set at line ${position(duplicate.firstOffset).line}; keep one`,
  };
}

/** The key starting at `offset` and the earlier key of the same mapping that it repeats. */
function findDuplicateKey(
  node: unknown,
  offset: number,
  path: Array<string | number>,
): { key: string; path: Array<string | number>; firstOffset: number } | undefined {
  if (isMap(node)) {
    for (const [index, pair] of node.items.entries()) {
      if (isScalar(pair.key) && rangeStart(pair.key) === offset) {
        const key = String(pair.key.value);
        const first = node.items
          .slice(0, index)
          .find((other) => isScalar(other.key) && String(other.key.value) === key);
        if (first) return { key, path: [...path, key], firstOffset: rangeStart(first.key) ?? offset };
      }
      const segment = isScalar(pair.key) ? String(pair.key.value) : index;
      const found = findDuplicateKey(pair.value, offset, [...path, segment]);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const found = findDuplicateKey(item, offset, [...path, index]);
      if (found) return found;
    }
  }
  return undefined;
}

function yamlErrorMessage(error: YAMLError): string {
  if (error.code === 'TAB_AS_INDENT')
    return 'A tab is used to indent this line; YAML allows only spaces: replace the tab with spaces';
  // yaml's own wording points at its API ("please use YAML.parseAllDocuments()"), not at the file.
  if (error.code === 'MULTIPLE_DOCS')
    return 'The file holds more than one YAML document (a line with --- starts another); keep one';
  // prettyErrors appends " at line N, column M:" and a source excerpt; the position is reported separately.
  return (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Zod's "Invalid input: expected number, received string" names neither the value nor what to change; a
 * lead who wrote `3: 30m`, `version: "2"`, `enabled: yes` or `names: Acme` needs both.
 */
function wrongTypeHint(
  expected: string,
  node: unknown,
  text: string,
  path: ReadonlyArray<string | number>,
): string | undefined {
  if (expected === 'array' && isMap(node))
    return 'Expected a list, not keys and values: start each entry with "- "';
  if (!isScalar(node) || !node.range) return undefined;
  const source = text.slice(node.range[0], node.range[1]).trim();
  const written =
    source.length > 40 || source.includes('\n') ? `${source.slice(0, 40).split('\n')[0]}…` : source;
  const value = node.value;
  if (expected === 'string') {
    // Text written without quotes that YAML reads as a number or true/false (`phones: [+18005550100]`).
    const readAs =
      typeof value === 'number' || typeof value === 'bigint'
        ? 'a number'
        : typeof value === 'boolean'
          ? 'true/false'
          : undefined;
    if (readAs === undefined) return undefined;
    return `Expected text, but ${written} is read as ${readAs}: put it in quotes ("${written}")`;
  }
  if (typeof value !== 'string') return undefined;
  if (expected === 'number') {
    const inMinutes = path.includes('sla') || /Minutes$/.test(String(path[path.length - 1]));
    const wanted = inMinutes ? 'a number of minutes' : 'a number';
    if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
      if (value.trim() !== '' && Number.isFinite(Number(value)))
        return `Expected ${wanted}, but ${written} is in quotes, which makes it text: remove the quotes`;
    }
    return inMinutes
      ? `Expected ${wanted}, but ${written} is text: write the minutes as a plain number, e.g. 180 for 3 hours`
      : `Expected ${wanted}, but ${written} is text: write a plain number, e.g. 2`;
  }
  if (expected === 'boolean') return `Expected true or false, but ${written} is text: write true or false`;
  if (expected === 'array')
    return written === source && !/[,[\]{}#]/.test(source)
      ? `Expected a list, but ${written} is a single value: write [${source}], or each item on its own line starting with "- "`
      : `Expected a list, but ${written} is a single value: put each item on its own line starting with "- "`;
  return undefined;
}

interface Located {
  /** Whether the whole path exists in the document. */
  found: boolean;
  /** How many leading path segments exist. */
  depth: number;
  /** Where to point: the value for wrong values, the enclosing key for missing keys. */
  offset: number;
  /** The key's own position when the last segment is a mapping key that exists. */
  keyOffset?: number;
  /** The value's node when the whole path exists. */
  node?: unknown;
}

/**
 * Finds the source position for a Zod path. A wrong scalar points at the value; a wrong mapping or list
 * points at its key (the line a reader scans for); a missing key points at the key of the mapping that
 * should contain it.
 */
function locate(document: Document, path: ReadonlyArray<string | number>): Located {
  let node: unknown = document.contents;
  let keyNode: Node | null = null;
  let depth = 0;
  const pointAt = (value: unknown, key: Node | null): number => {
    const valueStart = rangeStart(value);
    const isEmptyScalar = isScalar(value) && (value.value === null || value.value === undefined);
    if (key && (isCollection(value) || isEmptyScalar || valueStart === undefined)) {
      return rangeStart(key) ?? 0;
    }
    return valueStart ?? rangeStart(key) ?? 0;
  };

  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) return { found: false, depth, offset: pointAt(node, keyNode) };
      keyNode = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      keyNode = null;
      node = node.items[segment];
    } else {
      return { found: false, depth, offset: pointAt(node, keyNode) };
    }
    depth += 1;
  }
  return {
    found: true,
    depth,
    offset: pointAt(node, keyNode),
    keyOffset: keyNode ? rangeStart(keyNode) : undefined,
    node: isAlias(node) ? node.resolve(document) : node,
  };
}

function rangeStart(value: unknown): number | undefined {
  if (value && typeof value === 'object' && 'range' in value) {
    const range = (value as { range?: [number, number, number] | null }).range;
    return range ? range[0] : undefined;
  }
  return undefined;
}

/** The keys a strict object at this path accepts, for "did you mean" hints. Best effort. */
function knownKeysAt(schema: z.core.$ZodType, path: ReadonlyArray<string | number>, data: unknown): string[] {
  let candidates: z.core.$ZodType[] = [schema];
  let value: unknown = data;
  for (const segment of path) {
    const next: z.core.$ZodType[] = [];
    for (const candidate of candidates.flatMap(unwrap)) {
      const def = candidate._zod.def as unknown as Record<string, unknown>;
      if (def.type === 'object' && typeof segment === 'string') {
        const child = (def.shape as Record<string, z.core.$ZodType>)[segment];
        if (child) next.push(child);
      } else if (def.type === 'array' && typeof segment === 'number') {
        next.push(def.element as z.core.$ZodType);
      } else if (def.type === 'record') {
        next.push(def.valueType as z.core.$ZodType);
      }
    }
    candidates = next;
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  }
  // A record keyed by an enum (sla.byPlatform) accepts exactly the enum's values.
  const recordKeys = candidates.flatMap(unwrap).flatMap((candidate) => {
    const def = candidate._zod.def as unknown as Record<string, unknown>;
    const values = def.type === 'record' ? (def.keyType as z.core.$ZodType)._zod.values : undefined;
    return values ? [...values].map(String) : [];
  });
  if (recordKeys.length > 0) return [...new Set(recordKeys)];
  const objects = candidates.flatMap(unwrap).filter((candidate) => candidate._zod.def.type === 'object');
  // For a discriminated union, prefer the option whose `type` matches the data.
  const discriminator =
    value && typeof value === 'object' ? (value as Record<string, unknown>).type : undefined;
  const matching = objects.filter((candidate) => {
    const typeSchema = (candidate._zod.def as unknown as { shape: Record<string, z.core.$ZodType> }).shape
      .type;
    const values = typeSchema?._zod.values;
    return values !== undefined && discriminator !== undefined && values.has(discriminator as string);
  });
  const chosen = matching.length > 0 ? matching : objects;
  return [
    ...new Set(
      chosen.flatMap((candidate) =>
        Object.keys((candidate._zod.def as unknown as { shape: Record<string, unknown> }).shape),
      ),
    ),
  ];
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType[] {
  const def = schema._zod.def as unknown as Record<string, unknown>;
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'catch':
      return unwrap(def.innerType as z.core.$ZodType);
    case 'pipe':
      return unwrap(def.in as z.core.$ZodType);
    case 'union':
      return (def.options as z.core.$ZodType[]).flatMap(unwrap);
    default:
      return [schema];
  }
}

function closestKey(key: string, known: string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  if (!best) return undefined;
  const allowed = Math.max(1, Math.floor(Math.max(key.length, best.key.length) / 3));
  // Replacing every character is no resemblance: "5" is not a typo of "1".
  return best.distance <= allowed && best.distance < key.length ? best.key : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

function dedupe(errors: PolicyError[]): PolicyError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.line}:${error.column}:${error.path}:${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortErrors(errors: PolicyError[]): PolicyError[] {
  return [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
}
