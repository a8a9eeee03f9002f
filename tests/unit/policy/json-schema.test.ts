import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyJsonSchema } from '../../../lib/policy/json-schema';
import { brandSchema } from '../../../lib/policy/schema';

const committedPath = resolve(import.meta.dirname, '../../../docs/policy.schema.json');

describe('docs/policy.schema.json', () => {
  it('is current with the Zod schema (regenerate: npx tsx scripts/gen-policy-schema.ts)', () => {
    const committed = JSON.parse(readFileSync(committedPath, 'utf8'));
    expect(committed).toEqual(policyJsonSchema());
  });

  it('is strict and lets editors complete every top-level section', () => {
    const schema = policyJsonSchema() as {
      additionalProperties: unknown;
      required: string[];
      properties: Record<string, { additionalProperties?: unknown }>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required.sort()).toEqual(['brand', 'ratings', 'sla', 'updatedAt', 'version']);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['templates', 'handoffScripts', 'thankTheFan', 'crisis', 'escalationContacts']),
    );
    expect(schema.properties.brand?.additionalProperties).toBe(false);
  });

  it('accepts a domain in capitals, as the policy check does', () => {
    const brand = (policyJsonSchema() as { properties: { brand: { properties: Record<string, unknown> } } })
      .properties.brand.properties;
    const { pattern } = (brand.domains as { items: { pattern: string } }).items;
    expect(brandSchema.safeParse({ name: 'Acme', names: ['Acme'], domains: ['Acme.Example'] }).success).toBe(
      true,
    );
    expect(new RegExp(pattern, 'u').test('Acme.Example')).toBe(true);
    expect(new RegExp(pattern, 'u').test('https://acme.example')).toBe(false);
  });
});
