import { dropDiacritics } from '../detect/word-marks';
import type { Category, Severity } from '../domain/types';
import type { CategoryRule, ClassifierRules, SeverityRule } from './rules';

/**
 * Matching of the policy's keyword/regex rules against a post. Keywords match whole words, case-
 * and accent-insensitively ("café" matches "CAFE"). Patterns come from the team lead's policy, not
 * from page text; one that does not compile is skipped (and reported) rather than breaking
 * classification of every post.
 */

interface CompiledMatcher {
  keywords: Array<{ keyword: string; pattern: RegExp }>;
  patterns: Array<{ source: string; pattern: RegExp }>;
}

interface CompiledCategoryRule extends CompiledMatcher {
  rule: CategoryRule;
}

interface CompiledSeverityRule {
  rule: SeverityRule;
  all: Array<{ keyword: string; pattern: RegExp }>;
  any: Array<{ keyword: string; pattern: RegExp }>;
  patterns: Array<{ source: string; pattern: RegExp }>;
}

export interface CompiledRules {
  categoryRules: CompiledCategoryRule[];
  severityRules: CompiledSeverityRule[];
  complaintThreshold: number | undefined;
  /** Patterns that did not compile, for the policy editor to show. */
  invalidPatterns: string[];
}

const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * Case-, width- and accent-folded text without invisible characters: what keywords are matched
 * against. Thai tone marks and Indic vowel signs stay (lib/detect/word-marks.ts): a keyword must not
 * fire on another word.
 */
export function foldText(text: string): string {
  return dropDiacritics(text.normalize('NFKD')).replace(INVISIBLE, '').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function keywordMatcher(keyword: string): { keyword: string; pattern: RegExp } {
  const body = foldText(keyword.trim()).split(/\s+/).map(escapeRegExp).join('\\s+');
  // Marks left by the fold (vowel signs) belong to their word: "कम" is not a word of "कमी".
  return {
    keyword,
    pattern: new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_])${body}(?![\\p{L}\\p{N}\\p{M}_])`, 'u'),
  };
}

/**
 * A policy pattern as the classifier runs it: case-insensitive, in Unicode mode when it compiles there.
 * Sources written for non-Unicode mode (e.g. "\-", "\#") are still honoured. Throws the non-Unicode
 * SyntaxError when neither compiles, and a SyntaxError for a pattern that could freeze the page (see
 * nestedRepetition); the policy check reports both, and the classifier skips them.
 */
export function compileRulePattern(source: string): RegExp {
  let pattern: RegExp;
  try {
    pattern = new RegExp(source, 'iu');
  } catch {
    pattern = new RegExp(source, 'i');
  }
  const nested = nestedRepetition(source);
  if (nested !== undefined) {
    throw new SyntaxError(
      `${nested} repeats a group that already repeats inside, which can take minutes on some posts; let only the group or only its inside repeat`,
    );
  }
  return pattern;
}

/**
 * The first group that repeats while something inside it repeats too, such as `(a+)+` or `(\w+\s?)*`.
 * Why: the browser's engine backtracks, so on a post that almost matches, such a pattern tries every way
 * of splitting the text between the two repetitions, exponential in the post's length; it runs on every
 * post a page shows and cannot be interrupted, so one post would freeze the page. Only the pattern's
 * shape is read: a group repeated a fixed or optional number of times is let through.
 */
function nestedRepetition(source: string): string | undefined {
  const groups: Array<{ start: number; repeats: boolean }> = [{ start: 0, repeats: false }];
  const current = () => groups[groups.length - 1] as { start: number; repeats: boolean };
  let index = 0;
  while (index < source.length) {
    const char = source[index] as string;
    if (char === '(') {
      groups.push({ start: index, repeats: false });
      index += groupPrefixLength(source, index);
      continue;
    }
    if (char === ')' && groups.length > 1) {
      const group = groups.pop() as { start: number; repeats: boolean };
      const quantifier = quantifierAt(source, index + 1);
      if (quantifier.many && group.repeats) return source.slice(group.start, quantifier.end);
      if (quantifier.many || group.repeats) current().repeats = true;
      index = quantifier.end;
      continue;
    }
    if (char === '|') {
      index += 1;
      continue;
    }
    const atomEnd =
      char === '\\' ? escapeEnd(source, index) : char === '[' ? classEnd(source, index) : index + 1;
    const quantifier = quantifierAt(source, atomEnd);
    if (quantifier.many) current().repeats = true;
    index = quantifier.end;
  }
  return undefined;
}

/** `(`, `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!` or `(?<name>`. */
function groupPrefixLength(source: string, open: number): number {
  if (source[open + 1] !== '?') return 1;
  if (source[open + 2] === '<' && source[open + 3] !== '=' && source[open + 3] !== '!') {
    const close = source.indexOf('>', open);
    return close < 0 ? 1 : close - open + 1;
  }
  return source[open + 2] === '<' ? 4 : 3;
}

/** Past an escape, including `\p{…}`, `\u{…}` and `\k<…>`, whose braces are no repetition count. */
function escapeEnd(source: string, backslash: number): number {
  const kind = source[backslash + 1];
  const open = source[backslash + 2];
  if ((kind === 'p' || kind === 'P' || kind === 'u') && open === '{') {
    const close = source.indexOf('}', backslash);
    if (close >= 0) return close + 1;
  }
  if (kind === 'k' && open === '<') {
    const close = source.indexOf('>', backslash);
    if (close >= 0) return close + 1;
  }
  return backslash + 2;
}

/** Past a character class: brackets and parentheses inside it are plain characters. */
function classEnd(source: string, open: number): number {
  let index = open + 1;
  while (index < source.length && source[index] !== ']') index += source[index] === '\\' ? 2 : 1;
  return index + 1;
}

const REPETITION_COUNT = /\{(\d+)(?:,(\d*))?\}/y;

/** The quantifier at `index`, if any, and whether it allows more than one repetition. */
function quantifierAt(source: string, index: number): { many: boolean; end: number } {
  const char = source[index];
  let many: boolean;
  let end: number;
  if (char === '*' || char === '+') {
    many = true;
    end = index + 1;
  } else if (char === '?') {
    many = false;
    end = index + 1;
  } else {
    REPETITION_COUNT.lastIndex = index;
    const count = REPETITION_COUNT.exec(source);
    if (!count) return { many: false, end: index };
    const max = count[2] === undefined ? Number(count[1]) : count[2] === '' ? Infinity : Number(count[2]);
    many = max > 1;
    end = index + count[0].length;
  }
  // A lazy quantifier changes the order of attempts, not their number.
  if (source[end] === '?') end += 1;
  return { many, end };
}

function compilePatterns(
  sources: readonly string[],
  invalid: string[],
): Array<{ source: string; pattern: RegExp }> {
  const compiled: Array<{ source: string; pattern: RegExp }> = [];
  for (const source of sources) {
    try {
      compiled.push({ source, pattern: compileRulePattern(source) });
    } catch {
      invalid.push(source);
    }
  }
  return compiled;
}

const cache = new WeakMap<ClassifierRules, CompiledRules>();

export function compileRules(rules: ClassifierRules): CompiledRules {
  const cached = cache.get(rules);
  if (cached) return cached;
  const invalidPatterns: string[] = [];
  const compiled: CompiledRules = {
    categoryRules: (rules.categoryRules ?? []).map((rule) => ({
      rule,
      keywords: (rule.keywords ?? []).filter((keyword) => keyword.trim() !== '').map(keywordMatcher),
      patterns: compilePatterns(rule.patterns ?? [], invalidPatterns),
    })),
    severityRules: (rules.severityRules ?? []).map((rule) => ({
      rule,
      all: (rule.allKeywords ?? []).filter((keyword) => keyword.trim() !== '').map(keywordMatcher),
      any: (rule.anyKeywords ?? []).filter((keyword) => keyword.trim() !== '').map(keywordMatcher),
      patterns: compilePatterns(rule.patterns ?? [], invalidPatterns),
    })),
    complaintThreshold: rules.complaintThreshold,
    invalidPatterns,
  };
  cache.set(rules, compiled);
  return compiled;
}

export interface CategoryRuleHit {
  category: Category;
  effect: 'force' | 'boost';
  /** The keywords or pattern sources that matched. */
  matched: string[];
}

export function matchCategoryRules(compiled: CompiledRules, text: string): CategoryRuleHit[] {
  const folded = foldText(text);
  const hits: CategoryRuleHit[] = [];
  for (const { rule, keywords, patterns } of compiled.categoryRules) {
    const matched = [
      ...keywords.filter(({ pattern }) => pattern.test(folded)).map(({ keyword }) => keyword),
      ...patterns.filter(({ pattern }) => pattern.test(text)).map(({ source }) => `/${source}/`),
    ];
    if (matched.length > 0) hits.push({ category: rule.category, effect: rule.effect ?? 'boost', matched });
  }
  return hits;
}

export interface SeverityRuleHit {
  label: string;
  severity: Severity;
  matched: string[];
}

export function matchSeverityRules(
  compiled: CompiledRules,
  text: string,
  category: Category,
): SeverityRuleHit[] {
  const folded = foldText(text);
  const hits: SeverityRuleHit[] = [];
  for (const { rule, all, any, patterns } of compiled.severityRules) {
    if (rule.categories && rule.categories.length > 0 && !rule.categories.includes(category)) continue;
    if (!all.every(({ pattern }) => pattern.test(folded))) continue;
    const anyHit = any.filter(({ pattern }) => pattern.test(folded)).map(({ keyword }) => keyword);
    if (any.length > 0 && anyHit.length === 0) continue;
    const patternHit = patterns
      .filter(({ pattern }) => pattern.test(text))
      .map(({ source }) => `/${source}/`);
    if (patterns.length > 0 && patternHit.length === 0) continue;
    hits.push({
      label: rule.label,
      severity: rule.severity,
      matched: [...all.map(({ keyword }) => keyword), ...anyHit, ...patternHit],
    });
  }
  return hits;
}
