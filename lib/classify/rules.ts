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

/**
 * Every post is matched against every pattern, and the engine tries each alternative at each position:
 * one pattern of 100,000 alternatives (650 KB, under the policy file's size limit) took 5 s a post.
 */
const patternSchema = z
  .string()
  .min(1)
  .max(1_000, 'Keep a pattern to 1,000 characters at most: every post is matched against it');

export const categoryRuleSchema = z.object({
  category: categorySchema,
  /** Whole words or phrases, matched case- and accent-insensitively. */
  keywords: z.array(z.string().min(1)).default([]),
  /** JavaScript regular expression sources, matched case-insensitively. */
  patterns: z.array(patternSchema).default([]),
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
  patterns: z.array(patternSchema).default([]),
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
