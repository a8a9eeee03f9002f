import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from '../domain/types';

/**
 * The policy's own classification rules. Team leads tune detection here without retraining:
 * keyword/regex rules that force or boost a category, and severity rules that rate a mention
 * (e.g. a complaint mentioning "refund" and "lawyer" rates 4). The policy schema embeds this.
 */
const categorySchema = z.enum(CATEGORIES);
const severitySchema = z.union(
  SEVERITIES.map((level) => z.literal(level)) as [
    z.ZodLiteral<1>,
    z.ZodLiteral<2>,
    z.ZodLiteral<3>,
    z.ZodLiteral<4>,
  ],
);

export const categoryRuleSchema = z.object({
  category: categorySchema,
  /** Whole words or phrases, matched case- and accent-insensitively. */
  keywords: z.array(z.string().min(1)).default([]),
  /** JavaScript regular expression sources, matched case-insensitively. */
  patterns: z.array(z.string().min(1)).default([]),
  /** 'force' decides the category outright; 'boost' adds evidence that the model weighs. */
  effect: z.enum(['force', 'boost']).default('boost'),
});

export const severityRuleSchema = z.object({
  /** Shown to the agent as the reason for the rating. */
  label: z.string().min(1),
  /** Applies only to these categories (all when omitted). */
  categories: z.array(categorySchema).optional(),
  /** Every one of these must appear. */
  allKeywords: z.array(z.string().min(1)).default([]),
  /** At least one of these must appear (ignored when empty). */
  anyKeywords: z.array(z.string().min(1)).default([]),
  patterns: z.array(z.string().min(1)).default([]),
  /** The rating this rule raises the mention to (never lowers it). */
  severity: severitySchema,
});

export const classifierRulesSchema = z.object({
  categoryRules: z.array(categoryRuleSchema).default([]),
  severityRules: z.array(severityRuleSchema).default([]),
  /** Model probability a mention needs before it is called a complaint (0–1). */
  complaintThreshold: z.number().min(0).max(1).optional(),
});

export type CategoryRule = z.infer<typeof categoryRuleSchema>;
export type SeverityRule = z.infer<typeof severityRuleSchema>;
export type ClassifierRules = z.infer<typeof classifierRulesSchema>;
export { categorySchema, severitySchema };
