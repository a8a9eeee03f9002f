import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
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

export function parsePolicyText(text: string, sourceName = '<policy>'): PolicyParseResult {
  const lineCounter = new LineCounter();
  // uniqueKeys (the default) makes duplicate keys a syntax error instead of "last one wins".
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line, column: col };
  };

  if (document.errors.length > 0) {
    return { ok: false, errors: sortErrors(document.errors.map((error) => syntaxError(error, sourceName))) };
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
    data = document.toJS({ maxAliasCount: 100 });
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

  const result = policySchema.safeParse(data);
  if (result.success) return { ok: true, policy: result.data };

  const errors: PolicyError[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const located = locate(document, [...path, key]);
        const suggestion = closestKey(key, knownKeysAt(policySchema, path, data));
        errors.push({
          source: sourceName,
          ...position(located.keyOffset ?? located.offset),
          path: formatPath([...path, key]),
          message: `Unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
          kind: 'schema',
        });
      }
      continue;
    }
    const located = locate(document, path);
    const missingKey = issue.code === 'invalid_type' && !located.found && path.length === located.depth + 1;
    errors.push({
      source: sourceName,
      ...position(located.offset),
      path: formatPath(path),
      message: missingKey ? `Missing required key "${String(path[path.length - 1])}"` : issue.message,
      kind: 'schema',
    });
  }
  return { ok: false, errors: sortErrors(dedupe(errors)) };
}

function syntaxError(error: YAMLError, source: string): PolicyError {
  const [start] = error.linePos ?? [{ line: 1, col: 1 }];
  // prettyErrors appends " at line N, column M:" and a source excerpt; the position is reported separately.
  const message = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
  return { source, line: start.line, column: start.col, path: '(root)', message, kind: 'syntax' };
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
  return best.distance <= allowed ? best.key : undefined;
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
