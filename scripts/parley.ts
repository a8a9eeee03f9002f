// `npx parley …`: the team-lead CLI (bin/parley.mjs registers tsx and imports this file).
//   parley policy check FILE...   validate; every error as `file:line:column  path  message`
//   parley policy diff OLD NEW    what changed for agents
//   parley policy init [FILE]     a commented starter policy (stdout when FILE is omitted)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { deepEqual, diffPolicies, staleness } from '../lib/policy/diff';
import { formatPolicyError, type PolicyParseResult, parsePolicyText } from '../lib/policy/parse';
import type { Policy } from '../lib/policy/schema';
import { starterPolicyJson, starterPolicyYaml } from '../lib/policy/yaml';

const USAGE = `Usage: parley <command>

Commands:
  policy check FILE...        Validate policy files (YAML or JSON). Prints every error as
                              "file:line:column  path  message" and exits 1 if there are any.
  policy diff OLD NEW         Summarise what changed between two policy files, for agents.
  policy init [FILE] [--force]
                              Write a commented starter policy to FILE (or to stdout);
                              a FILE ending in .json gets JSON, without the comments.
                              Refuses to overwrite FILE unless --force is given.

Options:
  -h, --help                  Show this help.
`;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

function readPolicy(file: string, io: Io): PolicyParseResult | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    io.err(`${file}: cannot read: ${describeFsError(error)}`);
    return null;
  }
  return parsePolicyText(text, file);
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EISDIR: 'this is a folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'part of the path is not a folder',
  };
  return code ? `${words[code] ?? 'failed'} (${code})` : (error as Error).message;
}

function summarize(policy: Policy): string {
  const templateCount =
    policy.templates.length +
    policy.handoffScripts.length +
    policy.thankTheFan.templates.length +
    policy.inviteToShareTemplates.length +
    policy.crisis.statusTemplates.length;
  const crisis = policy.crisis.active ? ', CRISIS MODE ON' : '';
  return `${policy.brand.name} policy v${policy.version} (updated ${policy.updatedAt}): ${templateCount} templates, ${policy.bannedPhrases.length} banned phrases, ${policy.escalationContacts.length} escalation contacts${crisis}`;
}

function check(files: string[], io: Io): number {
  if (files.length === 0) return usageError('policy check needs a FILE', io);
  let failed = false;
  for (const file of files) {
    const result = readPolicy(file, io);
    if (!result) {
      failed = true;
    } else if (!result.ok) {
      failed = true;
      for (const error of result.errors) io.err(formatPolicyError(error));
      io.err(`${file}: ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}`);
    } else {
      io.out(`${file}: OK: ${summarize(result.policy)}`);
    }
  }
  return failed ? 1 : 0;
}

function diff(files: string[], io: Io): number {
  if (files.length !== 2) return usageError('policy diff needs OLD and NEW files', io);
  const [oldFile, newFile] = files as [string, string];
  const results = [readPolicy(oldFile, io), readPolicy(newFile, io)];
  let policies: Policy[] = [];
  for (const result of results) {
    if (!result) return 1;
    if (!result.ok) {
      for (const error of result.errors) io.err(formatPolicyError(error));
      return 1;
    }
    policies = [...policies, result.policy];
  }
  const [before, after] = policies as [Policy, Policy];
  const { summary } = diffPolicies(before, after);
  io.out(`Policy v${before.version} → v${after.version}`);
  const stale = deepEqual(before, after) ? null : staleness(before, after);
  if (stale === 'lower-version') io.out('Warning: the new version is lower; agents will not apply it.');
  // A forgotten version bump would otherwise look fine here and go nowhere.
  else if (stale === 'same-version-not-newer')
    io.out(
      `Warning: the version is still ${after.version} and updatedAt is not later; agents will keep the old policy. Raise version to ${before.version + 1}.`,
    );
  if (summary.length === 0) io.out('No changes for agents.');
  for (const line of summary) io.out(`- ${line}`);
  return 0;
}

function init(args: string[], io: Io): number {
  const force = args.includes('--force');
  const files = args.filter((arg) => arg !== '--force');
  if (files.length > 1) return usageError('policy init takes at most one FILE', io);
  const [file] = files;
  // JSON has no comments, so a .json file gets the plain data and the YAML starter keeps the explanations.
  const json = file !== undefined && /\.json$/i.test(file);
  const text = json ? starterPolicyJson() : starterPolicyYaml();
  if (file === undefined) {
    process.stdout.write(text);
    return 0;
  }
  if (existsSync(file) && !force) {
    io.err(`${file} already exists; use --force to overwrite it.`);
    return 1;
  }
  try {
    writeFileSync(file, text);
  } catch (error) {
    io.err(`${file}: cannot write: ${describeFsError(error)}`);
    return 1;
  }
  if (json)
    io.out('JSON has no comments: `npx parley policy init FILE.yaml` writes the same starter explained.');
  io.out(`Wrote ${file}. Edit it, then run: npx parley policy check ${file}`);
  return 0;
}

function usageError(message: string, io: Io): number {
  io.err(`parley: ${message}\n`);
  io.err(USAGE);
  return 2;
}

export function runCli(argv: string[], io: Io): number {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    if (argv.length === 0) {
      io.err(USAGE);
      return 2;
    }
    io.out(USAGE);
    return 0;
  }
  const [group, command, ...rest] = argv;
  if (group !== 'policy') return usageError(`unknown command '${group}'`, io);
  switch (command) {
    case 'check':
      return check(rest, io);
    case 'diff':
      return diff(rest, io);
    case 'init':
      return init(rest, io);
    default:
      return usageError(command ? `unknown policy command '${command}'` : 'policy needs a command', io);
  }
}

process.exitCode = runCli(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
