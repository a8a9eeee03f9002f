/**
 * `npm run analyze -- [--policy FILE]`: reads JSON lines `{"text", "platform"?, "author"?}` on stdin and
 * prints one JSON line per input: `{"matches": [...], "ownAccount": bool}`, or `{"line": N, "error": "..."}`
 * for a line it cannot read. Blank lines are skipped. Input is untrusted: nothing on a line can stop the run.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { type BrandMatch, type BrandMatcher, type BrandTermsInput, compileBrandMatcher } from '../lib/detect';
import { DEMO_BRAND_TERMS } from '../lib/detect/demo-brand';
import { PLATFORMS, type Platform } from '../lib/domain/types';

interface AnalyzeInput {
  text: string;
  platform: Platform | null;
  author: string | null;
}

interface AnalyzeResult {
  matches: Array<BrandMatch & { text: string }>;
  ownAccount: boolean;
}

const USAGE = `Usage: npm run analyze -- [--policy FILE] < posts.jsonl
Reads one JSON object per line: {"text": "...", "platform"?: "x", "author"?: "handle"}
Prints one JSON line per input with the brand matches; without --policy uses the demo brand (Acme).`;

const BRAND_LIST_FIELDS = [
  'names',
  'aliases',
  'handles',
  'hashtags',
  'domains',
  'misspellings',
  'exclusions',
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}

/**
 * The brand terms to match: the demo brand, or the `brand` field of a JSON policy file.
 * The one place to switch to the real policy loader (YAML, full schema) once it exists.
 */
function loadBrandTerms(policyPath: string | null): BrandTermsInput {
  if (policyPath === null) return DEMO_BRAND_TERMS;
  let policy: unknown;
  try {
    policy = JSON.parse(readFileSync(policyPath, 'utf8'));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new Error(`${policyPath} is not JSON (only JSON policies are read for now): ${error.message}`);
  }
  if (!isRecord(policy) || !isRecord(policy.brand)) throw new Error('the policy has no "brand" object');
  const brand = policy.brand;
  if (typeof brand.name !== 'string') throw new Error('brand.name must be a string');
  const lists = {} as Record<(typeof BRAND_LIST_FIELDS)[number], string[]>;
  for (const field of BRAND_LIST_FIELDS) {
    const list = brand[field] ?? [];
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
      throw new Error(`brand.${field} must be a list of strings`);
    }
    lists[field] = list;
  }
  const ownAccounts = brand.ownAccounts ?? [];
  if (
    !Array.isArray(ownAccounts) ||
    !ownAccounts.every(
      (account) => isRecord(account) && isPlatform(account.platform) && typeof account.handle === 'string',
    )
  ) {
    throw new Error(`brand.ownAccounts must be a list of {platform: ${PLATFORMS.join('|')}, handle}`);
  }
  return { name: brand.name, ...lists, ownAccounts: ownAccounts as BrandTermsInput['ownAccounts'] };
}

function parseInputLine(line: string): AnalyzeInput {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error('not valid JSON');
  }
  if (!isRecord(value)) throw new Error('expected a JSON object');
  if (typeof value.text !== 'string') throw new Error('"text" must be a string');
  const platform = value.platform ?? null;
  if (platform !== null && !isPlatform(platform)) {
    throw new Error(`"platform" must be one of ${PLATFORMS.join(', ')}`);
  }
  const author = value.author ?? null;
  if (author !== null && typeof author !== 'string') throw new Error('"author" must be a string');
  return { text: value.text, platform, author };
}

function analyzePost(input: AnalyzeInput, matcher: BrandMatcher): AnalyzeResult {
  const matches = matcher.find(input.text).map((match) => ({
    ...match,
    text: input.text.slice(match.start, match.end),
  }));
  const author = input.author;
  // Without a platform, any of the brand's accounts with that handle counts.
  const ownAccount =
    author !== null &&
    (input.platform !== null
      ? matcher.isOwnAccount(input.platform, author)
      : PLATFORMS.some((platform) => matcher.isOwnAccount(platform, author)));
  // Classification (category, severity, reasons) is added here once the classifier exists.
  return { matches, ownAccount };
}

function parseArguments(argv: readonly string[]): { policyPath: string | null } | 'help' {
  let policyPath: string | null = null;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--help' || argument === '-h') return 'help';
    if (argument === '--policy') {
      const value = argv[index + 1];
      if (value === undefined) throw new Error('--policy needs a file');
      policyPath = value;
      index++;
    } else if (argument.startsWith('--policy=')) {
      policyPath = argument.slice('--policy='.length);
    } else {
      throw new Error(`unknown argument: ${argument}`);
    }
  }
  return { policyPath };
}

async function main(): Promise<number> {
  let matcher: BrandMatcher;
  try {
    const parsed = parseArguments(process.argv.slice(2));
    if (parsed === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    matcher = compileBrandMatcher(loadBrandTerms(parsed.policyPath));
  } catch (error) {
    process.stderr.write(`analyze: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }

  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let output: unknown;
    try {
      output = analyzePost(parseInputLine(line), matcher);
    } catch (error) {
      output = { line: lineNumber, error: error instanceof Error ? error.message : String(error) };
    }
    process.stdout.write(`${JSON.stringify(output)}\n`);
  }
  return 0;
}

process.exitCode = await main();
