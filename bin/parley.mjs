#!/usr/bin/env node
// `npx parley …`: the team-lead CLI. Registers tsx so the TypeScript sources run as they are.
import { register } from 'tsx/esm/api';

register();
await import('../scripts/parley.ts');
