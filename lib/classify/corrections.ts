import { CATEGORIES, type Category } from '../domain/types';
import {
  BRAND_TOKEN,
  CLAUSE_BREAK,
  MONEY_TOKEN,
  NUMBER_TOKEN,
  tokenize,
  URL_TOKEN,
  USER_TOKEN,
} from './text';

/**
 * Agent corrections: when an agent recategorizes a mention, the (text, category) pair is kept and
 * later mentions that read like it follow the agent's call. Near-copies take the corrected
 * category outright; merely similar posts get evidence towards it. Pure helpers: the background
 * stores the list (locally), this module never does I/O.
 */

export interface Correction {
  text: string;
  category: Category;
  /** ISO 8601 time of the correction; the latest wins between equally similar corrections. */
  at: string;
}

/** Similarity from which a correction decides the category outright. */
export const CORRECTION_DECIDES = 0.75;
/** Similarity from which a correction adds evidence towards its category. */
export const CORRECTION_SHIFTS = 0.4;
/** Most corrections kept: beyond this the oldest are dropped, so lookup stays cheap. */
export const MAX_CORRECTIONS = 2000;

const STOPWORDS = new Set(
  'a an the and or but if of to in on at for from by with as is are was were be been am i me my we our you your it its this that these those he she they them his her their so do does did have has had will would can could should just than then there here what which who'.split(
    ' ',
  ),
);
const PLACEHOLDERS = new Set([USER_TOKEN, URL_TOKEN, NUMBER_TOKEN, MONEY_TOKEN, BRAND_TOKEN, CLAUSE_BREAK]);

/** Content words of a post (negation kept: "not working" differs from "working"). */
export function contentTerms(text: string): Set<string> {
  const terms = new Set<string>();
  for (const token of tokenize(text).negated) {
    if (token === '!' || PLACEHOLDERS.has(token) || STOPWORDS.has(token)) continue;
    terms.add(token);
  }
  return terms;
}

/** Jaccard overlap of content words, 0…1. */
export function similarity(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const term of left) if (right.has(term)) shared += 1;
  return shared / (left.size + right.size - shared);
}

const termCache = new WeakMap<Correction, Set<string>>();

function termsOf(correction: Correction): Set<string> {
  let terms = termCache.get(correction);
  if (!terms) {
    terms = contentTerms(correction.text);
    termCache.set(correction, terms);
  }
  return terms;
}

export interface CorrectionMatch {
  correction: Correction;
  similarity: number;
}

/** The correction most like the text (ties: the latest), if any reaches CORRECTION_SHIFTS. */
export function closestCorrection(text: string, corrections: readonly Correction[]): CorrectionMatch | null {
  if (corrections.length === 0) return null;
  const terms = contentTerms(text);
  let best: CorrectionMatch | null = null;
  for (const correction of corrections) {
    const score = similarity(terms, termsOf(correction));
    if (score < CORRECTION_SHIFTS) continue;
    if (
      !best ||
      score > best.similarity ||
      (score === best.similarity && correction.at > best.correction.at)
    ) {
      best = { correction, similarity: score };
    }
  }
  return best;
}

/** A correction record for storage; the caller supplies the time, so this stays pure. */
export function createCorrection(text: string, category: Category, at: string): Correction {
  if (!CATEGORIES.includes(category)) throw new Error(`unknown category "${category}"`);
  return { text, category, at };
}

/**
 * Adds a correction to the list: a later correction of the same text replaces the earlier one,
 * and only the newest MAX_CORRECTIONS are kept. Returns a new array.
 */
export function addCorrection(corrections: readonly Correction[], correction: Correction): Correction[] {
  const kept = corrections.filter((existing) => existing.text.trim() !== correction.text.trim());
  kept.push(correction);
  kept.sort((left, right) => (left.at < right.at ? -1 : left.at > right.at ? 1 : 0));
  return kept.slice(-MAX_CORRECTIONS);
}

export interface CorrectionsExport {
  format: 'parley-corrections';
  version: 1;
  exportedAt: string;
  corrections: Correction[];
}

export function exportCorrections(corrections: readonly Correction[], exportedAt: string): string {
  const payload: CorrectionsExport = {
    format: 'parley-corrections',
    version: 1,
    exportedAt,
    corrections: corrections.map(({ text, category, at }) => ({ text, category, at })),
  };
  return JSON.stringify(payload, null, 2);
}

/** Parses an export; throws with a clear message on anything that is not one. */
export function importCorrections(json: string): Correction[] {
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    throw new Error('not a corrections export: invalid JSON');
  }
  const record = payload as Partial<CorrectionsExport> | null;
  if (record?.format !== 'parley-corrections' || !Array.isArray(record.corrections)) {
    throw new Error('not a corrections export: missing format "parley-corrections" or corrections list');
  }
  return record.corrections.map((entry, index) => {
    const item = entry as Partial<Correction> | null;
    if (
      !item ||
      typeof item.text !== 'string' ||
      typeof item.at !== 'string' ||
      !CATEGORIES.includes(item.category as Category)
    ) {
      throw new Error(`corrections[${index}] is not a {text, category, at} record`);
    }
    return { text: item.text, category: item.category as Category, at: item.at };
  });
}

/** The empty list: forgetting every correction (the caller clears its store with it). */
export function resetCorrections(): Correction[] {
  return [];
}
