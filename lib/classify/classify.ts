import type { Category, Platform, Severity } from '../domain/types';
import { CORRECTION_DECIDES, type Correction, closestCorrection } from './corrections';
import { type AnalyzedText, charGramsOf, describeFeature, hasCharGrams } from './features';
import {
  type ClassifierModel,
  type FeatureContribution,
  type StackedComplaint,
  scoreComplaint,
  stackComplaint,
} from './model';
import { compileRules, matchCategoryRules, matchSeverityRules } from './policy-rules';
import { complaintEvidence, readPost } from './reading';
import type { ClassifierRules } from './rules';
import {
  findChurnThreat,
  findCrisisPhrases,
  findProblemAfterContrast,
  findSpamSignals,
  type PhraseHit,
  type PhraseIndex,
} from './signals';

/**
 * One decision per mention: category, severity, sentiment, and the reasons behind them. Order of
 * authority: a policy 'force' rule, then an agent's correction of a near-identical post, then the
 * evidence (built-in crisis lexicon, complaint model, spam/question cues, sentiment), which policy
 * 'boost' rules and similar corrections shift. The complaint probability is one stacked decision
 * over the word model, negative tone, problem phrases and a question asked in a negative tone, so
 * "Acme lost my parcel" (few telling words, clearly negative, a problem) and "where is my
 * refund?" (a question that reports a problem) are complaints while "do you ship to Canada?"
 * stays a question. Pure and deterministic: no clock, no randomness, numbers rounded so every
 * engine prints the same result.
 */

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface MentionInput {
  text: string;
  platform?: Platform;
}

export interface ClassifyContext {
  rules?: ClassifierRules;
  corrections?: readonly Correction[];
  /** The category an agent gave the post: it decides over rules and corrections; rating follows it. */
  category?: Category;
}

export type ReasonKind = 'word' | 'rule' | 'signal' | 'model' | 'correction';

export interface Reason {
  kind: ReasonKind;
  text: string;
}

export interface Classification {
  category: Category;
  severity: Severity;
  sentiment: { label: SentimentLabel; score: number };
  complaintProbability: number;
  reasons: Reason[];
}

export type Classifier = (input: MentionInput, context?: ClassifyContext) => Classification;

/** How far one policy 'boost' moves the complaint model's log-odds. */
const BOOST_LOGIT = 1.5;
/** Sarcasm ("thanks a lot 🙄") praises in words and complains in fact. */
const SARCASM_LOGIT = 1.5;
/** A threat to leave ("switching to", "cancel my account") is a complaint in all but name. */
const CHURN_LOGIT = 1.5;
/** Praise, then a problem after "but" ("love it, but the lid cracked"): a complaint, politely put. */
const CONTRAST_LOGIT = 1.5;
/** How far a fully similar correction moves the complaint log-odds (scaled by similarity). */
const CORRECTION_LOGIT = 2.5;
/** Lexicon sum at or below which a complaint counts as very negative (e.g. "worst" + "awful"). */
const VERY_NEGATIVE_LEXICON = -5;
const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];
const EVIDENCE_CATEGORIES = ['crisis', 'spam', 'question', 'praise', 'neutral'] as const;
type EvidenceCategory = (typeof EVIDENCE_CATEGORIES)[number];

function round3(value: number): number {
  const rounded = Math.round(value * 1000) / 1000;
  return Object.is(rounded, -0) ? 0 : rounded;
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)}`;
}

/**
 * The word model's contributions in readable units: the letter n-grams of a word count with the
 * word itself ("arrived" rather than "rriv", "<arr", "ived"), so the reasons name what moved the score
 * even when many small letter weights did.
 */
function wordDrivers(
  contributions: readonly FeatureContribution[],
  tokens: readonly string[],
): FeatureContribution[] {
  const wordOfGram = new Map<string, string>();
  for (const token of tokens) {
    if (!hasCharGrams(token)) continue;
    for (const gram of charGramsOf(token)) if (!wordOfGram.has(gram)) wordOfGram.set(gram, token);
  }
  const merged = new Map<string, number>();
  for (const { feature, contribution } of contributions) {
    const word = feature.startsWith('c:') ? wordOfGram.get(feature.slice(2)) : undefined;
    const key = word === undefined ? feature : `w:${word}`;
    merged.set(key, (merged.get(key) ?? 0) + contribution);
  }
  return [...merged]
    .map(([feature, contribution]) => ({ feature, contribution }))
    .sort(
      (left, right) =>
        Math.abs(right.contribution) - Math.abs(left.contribution) || (left.feature < right.feature ? -1 : 1),
    );
}

function describeDrivers(drivers: readonly FeatureContribution[], limit: number): string {
  return drivers
    .filter(({ feature }) => !feature.startsWith('c:') && feature !== 'd:length')
    .filter(({ contribution }) => Math.abs(contribution) >= 0.005)
    .slice(0, limit)
    .map(({ feature, contribution }) => `${describeFeature(feature)} ${signed(contribution)}`)
    .join(', ');
}

function describeHits(hits: readonly PhraseHit[]): string {
  return hits.map(({ phrase, group }) => `"${phrase}" (${group})`).join(', ');
}

/** The stacked decision's parts, strongest first, each with what it added to the log-odds. */
function describeStack(stacked: StackedComplaint, wordProbability: number, negative: number): string {
  const { contributions } = stacked;
  const parts = [
    { text: `words ${wordProbability.toFixed(2)}`, value: contributions.words },
    { text: `negative tone ${negative.toFixed(2)}`, value: contributions.negative },
    { text: 'problem reported', value: contributions.problem },
    { text: 'question in a negative tone', value: contributions.negativeQuestion },
  ];
  return parts
    .filter(({ value }) => Math.abs(value) >= 0.005)
    .sort((left, right) => Math.abs(right.value) - Math.abs(left.value))
    .map(({ text, value }) => `${text} ${signed(value)}`)
    .join(', ');
}

export function createClassifier(model: ClassifierModel): Classifier {
  return (input, context = {}) => classifyWithModel(model, input, context);
}

function classifyWithModel(
  model: ClassifierModel,
  input: MentionInput,
  context: ClassifyContext,
): Classification {
  const reading = readPost(model.sentiment, input.text ?? '');
  const { text, analyzed, phrases, sentimentScore, sarcasm, probabilities, questionCue } = reading;
  const reasons: Reason[] = [];
  const compiledRules = context.rules ? compileRules(context.rules) : null;

  let labelIndex = 0;
  for (let index = 1; index < 3; index += 1) {
    if ((probabilities[index] ?? 0) > (probabilities[labelIndex] ?? 0)) labelIndex = index;
  }
  const sentimentLabel = SENTIMENT_LABELS[labelIndex] as SentimentLabel;
  const sentiment = { label: sentimentLabel, score: round3(probabilities[2] - probabilities[0]) };

  // Every contribution is kept so the letter n-grams can be summed into their words for the reasons.
  const wordScore = scoreComplaint(model.complaint, reading.complaintFeatures, Number.POSITIVE_INFINITY);
  const stacked = stackComplaint(model.complaint.stack, complaintEvidence(reading, wordScore.logit));
  let complaintLogit = stacked.logit;
  const threshold = compiledRules?.complaintThreshold ?? model.complaint.threshold;

  const evidence: Record<EvidenceCategory, number> = {
    crisis: 0,
    spam: 0,
    question: 0,
    praise: 0,
    neutral: 0,
  };
  const crisisHits = findCrisisPhrases(phrases);
  evidence.crisis = crisisHits.reduce((sum, hit) => sum + hit.weight, 0);
  const spamHits = findSpamSignals(phrases, text);
  evidence.spam = spamHits.reduce((sum, hit) => sum + hit.weight, 0);
  if (questionCue) evidence.question = 1;
  if (sentimentLabel === 'positive') evidence.praise = 1;
  if (sarcasm) complaintLogit += SARCASM_LOGIT;
  const churnThreat = findChurnThreat(phrases);
  if (churnThreat) {
    complaintLogit += CHURN_LOGIT;
    reasons.push({ kind: 'signal', text: `threat to leave: "${churnThreat}"` });
  }
  const turn = findProblemAfterContrast(analyzed.tokenized.tokens, analyzed.problems);
  if (turn) {
    complaintLogit += CONTRAST_LOGIT;
    reasons.push({ kind: 'signal', text: `a problem after "${turn.contrast}": "${turn.problem}"` });
  }

  // Policy rules.
  const ruleHits = compiledRules ? matchCategoryRules(compiledRules, text) : [];
  const forced = ruleHits.find((hit) => hit.effect === 'force');
  for (const hit of ruleHits) {
    if (hit.effect !== 'boost') continue;
    if (hit.category === 'complaint') complaintLogit += BOOST_LOGIT;
    else evidence[hit.category] += 1;
    reasons.push({ kind: 'rule', text: `policy boosts ${hit.category}: ${hit.matched.join(', ')}` });
  }

  // Agent corrections.
  const match = closestCorrection(text, context.corrections ?? []);
  const decisiveCorrection = match && match.similarity >= CORRECTION_DECIDES ? match : null;
  if (match && !decisiveCorrection) {
    const weight = match.similarity / CORRECTION_DECIDES;
    const corrected = match.correction.category;
    if (corrected === 'complaint') {
      complaintLogit += CORRECTION_LOGIT * weight;
    } else {
      evidence[corrected] += weight;
      if (corrected !== 'crisis') complaintLogit -= CORRECTION_LOGIT * weight;
    }
    reasons.push({
      kind: 'correction',
      text: `an agent recategorized a similar mention (${Math.round(match.similarity * 100)}% alike) as ${corrected} on ${match.correction.at}`,
    });
  }

  const complaintProbability = round3(1 / (1 + Math.exp(-complaintLogit)));
  let category: Category;
  if (context.category !== undefined) {
    category = context.category;
    reasons.unshift({ kind: 'correction', text: `an agent set this mention's category to ${category}` });
  } else if (forced) {
    category = forced.category;
    reasons.unshift({
      kind: 'rule',
      text: `policy rule forces ${forced.category}: ${forced.matched.join(', ')}`,
    });
  } else if (decisiveCorrection) {
    category = decisiveCorrection.correction.category;
    reasons.unshift({
      kind: 'correction',
      text: `an agent recategorized ${decisiveCorrection.similarity === 1 ? 'this same' : 'a near-identical'} mention as ${category} on ${decisiveCorrection.correction.at}`,
    });
  } else if (evidence.crisis >= 2 || (evidence.crisis >= 1 && sentimentLabel !== 'positive')) {
    category = 'crisis';
  } else if (evidence.spam >= 2) {
    category = 'spam';
  } else if (complaintProbability >= threshold) {
    category = 'complaint';
    if (questionCue)
      reasons.push({ kind: 'signal', text: 'a question that reports a problem is a complaint' });
  } else if (evidence.neutral >= 1) {
    // A policy boost or an agent's correction towards neutral outweighs tone alone.
    category = 'neutral';
  } else if (evidence.spam >= 1) {
    category = 'spam';
  } else if (evidence.question >= 1) {
    category = 'question';
  } else if (evidence.praise >= 1) {
    category = 'praise';
  } else {
    category = 'neutral';
  }

  // Evidence reasons, most decisive first.
  if (crisisHits.length > 0) {
    reasons.push({
      kind: 'signal',
      text: `crisis ${crisisHits.some((hit) => hit.weight >= 1) ? 'phrases' : 'hints'}: ${describeHits(crisisHits)}`,
    });
  }
  reasons.push({
    kind: 'model',
    text: `complaint model ${complaintProbability.toFixed(2)} (threshold ${threshold.toFixed(2)}): ${describeStack(stacked, wordScore.probability, probabilities[0])}`,
  });
  const drivers = describeDrivers(wordDrivers(wordScore.drivers, analyzed.tokenized.tokens), 4);
  if (drivers !== '') reasons.push({ kind: 'model', text: `complaint words: ${drivers}` });
  if (analyzed.problems.length > 0) {
    reasons.push({ kind: 'signal', text: `reports a problem: ${describeHits(analyzed.problems)}` });
  }
  reasons.push({
    kind: 'model',
    text: `sentiment model ${sentimentLabel} ${(probabilities[labelIndex] ?? 0).toFixed(2)}${
      sentimentScore.drivers.length > 0 ? `: ${describeDrivers(sentimentScore.drivers, 4)}` : ''
    }`,
  });
  const topWords = [...analyzed.lexicon.contributions]
    .sort((left, right) => Math.abs(right.score) - Math.abs(left.score))
    .slice(0, 5);
  if (topWords.length > 0) {
    reasons.push({
      kind: 'word',
      text: `lexicon ${analyzed.lexicon.score >= 0 ? '+' : '−'}${Math.abs(analyzed.lexicon.score)}: ${topWords
        .map(
          ({ word, score, negated }) =>
            `"${negated ? `not ${word}` : word}" ${score > 0 ? '+' : '−'}${Math.abs(score)}`,
        )
        .join(', ')}`,
    });
  }
  if (sarcasm)
    reasons.push({ kind: 'signal', text: `sarcasm marker "${sarcasm}": praise words read as complaint` });
  if (spamHits.length > 0) reasons.push({ kind: 'signal', text: `spam signals: ${describeHits(spamHits)}` });
  if (questionCue) reasons.push({ kind: 'signal', text: `question: ${questionCue}` });

  const severity = rateSeverity(category, analyzed, phrases, text, compiledRules, reasons);
  return { category, severity, sentiment, complaintProbability, reasons };
}

function rateSeverity(
  category: Category,
  analyzed: AnalyzedText,
  phrases: PhraseIndex,
  text: string,
  compiledRules: ReturnType<typeof compileRules> | null,
  reasons: Reason[],
): Severity {
  let severity: Severity = category === 'crisis' ? 4 : category === 'complaint' ? 2 : 1;
  if (category === 'complaint') {
    const strong: string[] = [];
    if (analyzed.lexicon.score <= VERY_NEGATIVE_LEXICON)
      strong.push(`very negative words (${analyzed.lexicon.score})`);
    if (analyzed.capitals >= 0.7 || analyzed.shouted.length >= 2) {
      strong.push(
        analyzed.capitals >= 0.7
          ? 'written in capitals'
          : `shouting: ${analyzed.shouted.slice(0, 3).join(' ')}`,
      );
    }
    if (analyzed.exclamations >= 3) strong.push(`${analyzed.exclamations} exclamation marks`);
    const churn = findChurnThreat(phrases);
    if (churn) strong.push('threat to leave');
    if (strong.length > 0) {
      severity = 3;
      reasons.push({ kind: 'signal', text: `severity 3: ${strong.join('; ')}` });
    }
  }
  for (const hit of compiledRules ? matchSeverityRules(compiledRules, text, category) : []) {
    if (hit.severity > severity) {
      severity = hit.severity;
      reasons.push({
        kind: 'rule',
        text: `severity ${hit.severity} by policy rating "${hit.label}"${hit.matched.length > 0 ? `: ${hit.matched.join(', ')}` : ''}`,
      });
    }
  }
  return severity;
}
