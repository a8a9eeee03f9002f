import type { Category, Severity } from '../domain/types';
import { type Classification, type ClassifyContext, createClassifier, type MentionInput } from './classify';
import type { ClassifierModel } from './model';
import committedModel from './model.json';

/**
 * The on-device mention classifier: category, severity (1–4), sentiment and reasons for every
 * mention. Runs offline in the background service worker and in Node; the weights are the
 * committed lib/classify/model.json (reproduced by `npm run train`).
 */

export const classifierModel = committedModel as unknown as ClassifierModel;

const classifyWithCommittedModel = createClassifier(classifierModel);

export function classifyMention(input: MentionInput, context?: ClassifyContext): Classification {
  return classifyWithCommittedModel(input, context);
}

/**
 * A post's rating (severity) once an agent says what category it is: rated as the classifier rates a
 * post of that category, with the policy's ratings.
 */
export function rateAsCategory(
  input: MentionInput,
  category: Category,
  context: Pick<ClassifyContext, 'rules'>,
): Severity {
  return classifyWithCommittedModel(input, { rules: context.rules, category }).severity;
}

export type {
  Classification,
  Classifier,
  ClassifyContext,
  MentionInput,
  Reason,
  ReasonKind,
  SentimentLabel,
} from './classify';
export { createClassifier } from './classify';
export {
  addCorrection,
  type Correction,
  type CorrectionsExport,
  createCorrection,
  exportCorrections,
  importCorrections,
  MAX_CORRECTIONS,
  resetCorrections,
} from './corrections';
export type { ClassifierModel } from './model';
export { compileRules } from './policy-rules';
