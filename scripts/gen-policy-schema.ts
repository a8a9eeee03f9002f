// Writes docs/policy.schema.json from the Zod policy schema (the single source of truth).
// Run after changing lib/policy/schema.ts: `npx tsx scripts/gen-policy-schema.ts`; a unit test fails
// while the committed file is out of date.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { policyJsonSchemaText } from '../lib/policy/json-schema';

const target = fileURLToPath(new URL('../docs/policy.schema.json', import.meta.url));
writeFileSync(target, policyJsonSchemaText());
// Formatted the way the linter wants it, so regenerating never breaks `npm run lint`.
execFileSync('npx', ['biome', 'format', '--write', target], { stdio: 'inherit' });
console.log(`Wrote ${target}`);
