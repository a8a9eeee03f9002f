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
 * SyntaxError when neither compiles; the policy check reports it.
 */
export function compileRulePattern(source: string): RegExp {
  try {
    return new RegExp(source, 'iu');
  } catch {
    return new RegExp(source, 'i');
  }
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
