import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import { type Policy, type ReplyTemplate, replyTemplateSchema } from '../../../lib/policy/schema';
import type { SuggestionContext } from '../../../lib/replies/suggest';

/** A complaint template named after its id, with whatever else the test sets. */
export function template(input: Partial<ReplyTemplate> & { id: string }): ReplyTemplate {
  return replyTemplateSchema.parse({
    name: input.id,
    category: 'complaint',
    text: `Reply ${input.id} {{agentSignature}}`,
    ...input,
  });
}

/** The default policy holding only these reply templates. */
export function policyWith(templates: ReplyTemplate[]): Policy {
  return { ...DEFAULT_POLICY, templates };
}

export const complaintOnX: SuggestionContext = {
  category: 'complaint',
  severity: 2,
  platform: 'x',
  audience: 'first-contact',
  caseState: 'open',
  language: 'en',
};
