import { z } from 'zod';
import { policySchema } from './schema';

/**
 * The editor JSON Schema, generated from the Zod schema so the two cannot disagree. Describes what may
 * be written in a file (input side: keys with defaults are optional). Cross-field rules (ids that must
 * exist, variables that must appear) are only checked by `parley policy check`.
 */
export function policyJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(policySchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'Parley policy',
    description:
      "A team's customer-service policy for Parley: brand terms, ratings and resolution paths, response targets, guidance, templates and contacts. Validate with `npx parley policy check FILE`.",
    ...rest,
  };
}

/** The committed docs/policy.schema.json text (2-space JSON with a trailing newline). */
export function policyJsonSchemaText(): string {
  return `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
}
