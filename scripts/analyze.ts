/**
 * `npm run analyze -- [--policy FILE]`: reads JSON lines `{"text", "platform"?, "author"?}` on stdin and
 * prints one JSON line per input, `{"matches", "ownAccount", "category", "severity", "sentiment", "reasons"}`,
 * or `{"line": N, "error": "..."}` for a line it cannot read. Blank lines are skipped. Input is untrusted: nothing on a line can stop the run.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { type Classification, classifyMention } from '../lib/classify';
import { type BrandMatch, type BrandMatcher, compileBrandMatcher } from '../lib/detect';
import { PLATFORMS, type Platform } from '../lib/domain/types';
import { DEFAULT_POLICY } from '../lib/policy/default-policy';
import { formatPolicyError, parsePolicyText } from '../lib/policy/parse';
import type { Policy } from '../lib/policy/schema';

interface AnalyzeInput {
  text: string;
  platform: Platform | null;
  author: string | null;
}

interface AnalyzeResult extends Pick<Classification, 'category' | 'severity' | 'sentiment' | 'reasons'> {
  matches: Array<BrandMatch & { text: string }>;
  ownAccount: boolean;
}

const USAGE = `Usage: npm run analyze -- [--policy FILE] < posts.jsonl
Reads one JSON object per line: {"text": "...", "platform"?: "x", "author"?: "handle"}
Prints one JSON line per input with the brand matches and the classification (category, severity,
sentiment, reasons). FILE is a policy (YAML or JSON); without --policy the built-in demo policy (Acme) is used.`;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}

/** The policy to analyse with: the embedded default (demo brand Acme), or a YAML/JSON policy file. */
function loadPolicy(policyPath: string | null): Policy {
  if (policyPath === null) return DEFAULT_POLICY;
  const parsed = parsePolicyText(readFileSync(policyPath, 'utf8'), policyPath);
  if (parsed.ok) return parsed.policy;
  throw new Error(`invalid policy\n${parsed.errors.map(formatPolicyError).join('\n')}`);
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

function analyzePost(input: AnalyzeInput, matcher: BrandMatcher, policy: Policy): AnalyzeResult {
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
  const { category, severity, sentiment, reasons } = classifyMention(
    { text: input.text, platform: input.platform ?? undefined },
    { rules: policy.classification },
  );
  return { matches, ownAccount, category, severity, sentiment, reasons };
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
  let policy: Policy;
  try {
    const parsed = parseArguments(process.argv.slice(2));
    if (parsed === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    policy = loadPolicy(parsed.policyPath);
    matcher = compileBrandMatcher(policy.brand);
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
      output = analyzePost(parseInputLine(line), matcher, policy);
    } catch (error) {
      output = { line: lineNumber, error: error instanceof Error ? error.message : String(error) };
    }
    process.stdout.write(`${JSON.stringify(output)}\n`);
  }
  return 0;
}

process.exitCode = await main();
