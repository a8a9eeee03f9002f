import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import { formatPolicyError, type PolicyError, parsePolicyText } from '../../../lib/policy/parse';
import { policySchema } from '../../../lib/policy/schema';
import { defaultPolicyYaml, starterPolicyYaml } from '../../../lib/policy/yaml';

/** 1-based line and column of the first occurrence of `needle` (after `after`, when given). */
function positionOf(text: string, needle: string, after?: string): { line: number; column: number } {
  const start = after === undefined ? 0 : text.indexOf(after);
  const offset = text.indexOf(needle, start);
  if (start < 0 || offset < 0) throw new Error(`'${needle}' not found`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1] as string).length + 1 };
}

function errorsOf(text: string): PolicyError[] {
  const result = parsePolicyText(text, 'policy.yaml');
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

function replaceOnce(text: string, from: string, to: string): string {
  const index = text.indexOf(from);
  if (index < 0) throw new Error(`'${from}' not found`);
  return text.slice(0, index) + to + text.slice(index + from.length);
}

const yaml = defaultPolicyYaml();

describe('parsePolicyText', () => {
  it('round-trips the rendered default policy and the starter file', () => {
    const parsed = parsePolicyText(yaml);
    expect(parsed).toEqual({ ok: true, policy: DEFAULT_POLICY });
    const starter = parsePolicyText(starterPolicyYaml(new Date('2026-03-04T05:06:07.890Z')));
    expect(starter.ok && starter.policy.updatedAt).toBe('2026-03-04T05:06:07Z');
  });

  it('reads JSON as well, tabs included', () => {
    const json = JSON.stringify(DEFAULT_POLICY, null, '\t');
    expect(parsePolicyText(json)).toEqual({ ok: true, policy: DEFAULT_POLICY });
  });

  it('points a wrong value at the value itself', () => {
    const text = replaceOnce(yaml, 'version: 1', 'version: one');
    const [error] = errorsOf(text);
    expect(error).toEqual({
      source: 'policy.yaml',
      ...positionOf(text, 'one'),
      path: 'version',
      message: 'Expected a number, but one is text: write a plain number, e.g. 2',
      kind: 'schema',
    });
  });

  it('points an unknown key at the key, with a suggestion', () => {
    const text = replaceOnce(yaml, '    requiredVariables: [', '    requiredVariable: [');
    const errors = errorsOf(text);
    const unknown = errors.find((error) => error.message.startsWith('Unknown key'));
    expect(unknown).toMatchObject({
      ...positionOf(text, 'requiredVariable:'),
      path: 'templates[0].requiredVariable',
      message: 'Unknown key "requiredVariable" (did you mean "requiredVariables"?)',
    });
  });

  it('lists the known keys when no key is close to an unknown one', () => {
    const text = replaceOnce(replaceOnce(yaml, '    x:\n', '    twitter:\n'), '    4: 15\n', '    5: 15\n');
    const unknown = errorsOf(text).filter((error) => error.message.startsWith('Unknown key'));
    expect(unknown).toEqual([
      expect.objectContaining({
        ...positionOf(text, '5: 15'),
        path: 'sla.firstResponseMinutes.5',
        message: 'Unknown key "5"; known keys: 1, 2, 3, 4',
      }),
      expect.objectContaining({
        ...positionOf(text, 'twitter:'),
        path: 'sla.byPlatform.twitter',
        message:
          'Unknown key "twitter"; known keys: x, facebook, instagram, linkedin, reddit, youtube, bluesky, mastodon, threads, web',
      }),
    ]);
  });

  it('suggests keys of the matching resolution step type', () => {
    const text = replaceOnce(yaml, 'withinMinutes: 60', 'withinMinute: 60');
    const unknown = errorsOf(text).find((error) => error.message.startsWith('Unknown key'));
    expect(unknown?.message).toBe('Unknown key "withinMinute" (did you mean "withinMinutes"?)');
    expect(unknown).toMatchObject(positionOf(text, 'withinMinute:'));
  });

  it('points a missing key at the key of the mapping that lacks it', () => {
    const text = replaceOnce(yaml, 'brand:\n  name: Acme\n', 'brand:\n');
    expect(errorsOf(text)).toEqual([
      {
        source: 'policy.yaml',
        ...positionOf(text, 'brand:'),
        path: 'brand.name',
        message: 'Missing required key "name"',
        kind: 'schema',
      },
    ]);
  });

  it('points cross-field errors at the offending value', () => {
    const text = replaceOnce(yaml, 'contactId: support-lead', 'contactId: support-leed');
    const [error] = errorsOf(text);
    expect(error).toMatchObject({
      ...positionOf(text, 'support-leed'),
      path: 'ratings[2].resolution[3].contactId',
    });
    expect(error?.message).toMatch(/^No escalation contact has id 'support-leed'/);
  });

  it('reports every error in one pass, sorted by position', () => {
    let text = replaceOnce(yaml, 'version: 1', 'version: 0');
    text = replaceOnce(text, 'hashtags: [ acme, acmestore ]', 'hashtags: [ "#acme" ]');
    text = replaceOnce(text, '    2: 60\n', '    2: sixty\n');
    const errors = errorsOf(text);
    expect(errors.map((error) => error.path)).toEqual([
      'version',
      'brand.hashtags[0]',
      'sla.firstResponseMinutes.2',
    ]);
    expect(errors.map((error) => error.line)).toEqual(
      [positionOf(text, 'version: 0'), positionOf(text, '"#acme"'), positionOf(text, 'sixty')].map(
        (p) => p.line,
      ),
    );
  });

  it('reports YAML syntax errors with their positions', () => {
    const text = 'version: 1\nupdatedAt: 2026-01-01T00:00:00Z\nbrand:\n  name: [Acme\n  names: x\n';
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.kind === 'syntax')).toBe(true);
    expect(errors[0]?.line).toBeGreaterThanOrEqual(4);
    expect(errors[0]?.message).not.toMatch(/at line/);
  });

  it('treats duplicate keys as errors at the second key, naming the key and the first', () => {
    const text = 'version: 1\nversion: 2\n';
    expect(errorsOf(text)).toEqual([
      {
        source: 'policy.yaml',
        line: 2,
        column: 1,
        path: 'version',
        message: 'Duplicate key "version": it is already set at line 1; keep one',
        kind: 'syntax',
      },
    ]);
    const nested = replaceOnce(yaml, '  name: Acme\n', '  name: Acme\n  aliases: []\n  name: Acme Inc\n');
    expect(errorsOf(nested)).toEqual([
      {
        source: 'policy.yaml',
        ...positionOf(nested, 'name: Acme Inc'),
        path: 'brand.name',
        message: `Duplicate key "name": it is already set at line ${positionOf(nested, 'name: Acme\n').line}; keep one`,
        kind: 'syntax',
      },
      expect.objectContaining({
        path: 'brand.aliases',
        message: expect.stringMatching(/^Duplicate key "aliases"/),
      }),
    ]);
  });

  it('treats a key written once as a number and once in quotes as a duplicate, not last-one-wins', () => {
    const text = replaceOnce(yaml, '    1: 180\n', '    1: 180\n    "1": 500\n');
    expect(errorsOf(text)).toEqual([
      {
        source: 'policy.yaml',
        ...positionOf(text, '"1": 500'),
        path: 'sla.firstResponseMinutes.1',
        message: `Duplicate key "1": it is already set at line ${positionOf(text, '1: 180').line}; keep one`,
        kind: 'syntax',
      },
    ]);
  });

  it('reports a tab in the indentation once, not the lines it throws off', () => {
    const text = replaceOnce(yaml, '    2: 60\n', '\t2: 60\n');
    expect(errorsOf(text)).toEqual([
      {
        source: 'policy.yaml',
        ...positionOf(text, '\t2: 60'),
        path: '(root)',
        message: 'A tab is used to indent this line; YAML allows only spaces: replace the tab with spaces',
        kind: 'syntax',
      },
    ]);
  });

  it('reports positions inside JSON files', () => {
    const json = JSON.stringify({ ...DEFAULT_POLICY, version: '2' }, null, 2);
    expect(errorsOf(json)[0]).toMatchObject({ ...positionOf(json, '"2"'), path: 'version' });
  });

  it('rejects an empty file and a file that is not a mapping', () => {
    expect(errorsOf('')[0]).toMatchObject({ line: 1, column: 1, message: 'The file is empty' });
    expect(errorsOf('# only a comment\n')[0]?.message).toBe('The file is empty');
    const notAPolicy = 'Not a policy: expected keys such as version, brand and ratings at the top';
    for (const text of ['- a\n- b\n', 'Sign in to continue\n', '42\n']) {
      expect(errorsOf(text)).toEqual([
        { source: 'policy.yaml', line: 1, column: 1, path: '(root)', message: notAPolicy, kind: 'schema' },
      ]);
    }
  });

  it('says a web page is a web page', () => {
    const page = '<!DOCTYPE html>\n<html lang="en">\n<head><title>policy.yaml: acme/policies</title>\n';
    expect(errorsOf(`\n  ${page}`)).toEqual([
      {
        source: 'policy.yaml',
        line: 1,
        column: 1,
        path: '(root)',
        message: 'This is a web page (HTML), not a policy file',
        kind: 'syntax',
      },
    ]);
  });

  it('says what to do about a second YAML document', () => {
    const text = `${yaml}\n---\nversion: 2\n`;
    expect(errorsOf(text)).toEqual([
      {
        source: 'policy.yaml',
        line: text.split('\n').indexOf('---') + 1,
        column: 1,
        path: '(root)',
        message: 'The file holds more than one YAML document (a line with --- starts another); keep one',
        kind: 'syntax',
      },
    ]);
  });

  it('asks for quotes around a number or true/false where text is expected', () => {
    const text = replaceOnce(
      replaceOnce(yaml, '  phones:\n    - +1 800 555 0100\n', '  phones: [+18005550100]\n'),
      'name: Acme\n',
      'name: true\n',
    );
    expect(errorsOf(text)).toEqual([
      {
        source: 'policy.yaml',
        ...positionOf(text, 'true'),
        path: 'brand.name',
        message: 'Expected text, but true is read as true/false: put it in quotes ("true")',
        kind: 'schema',
      },
      {
        source: 'policy.yaml',
        ...positionOf(text, '+18005550100'),
        path: 'brand.phones[0]',
        message: 'Expected text, but +18005550100 is read as a number: put it in quotes ("+18005550100")',
        kind: 'schema',
      },
    ]);
  });

  it('says what to write where a number, true/false or a list is expected', () => {
    const text = [
      ['version: 1\n', 'version: "2"\n'],
      ['    3: 30\n', '    3: 30m\n'],
      ['  names: [ Acme ]\n', '  names: Acme\n'],
      ['thankTheFan:\n  enabled: true\n', 'thankTheFan:\n  enabled: yes\n'],
    ].reduce((edited, [from, to]) => replaceOnce(edited, from as string, to as string), yaml);
    expect(
      errorsOf(text).map(({ line, column, path, message }) => ({ line, column, path, message })),
    ).toEqual([
      {
        ...positionOf(text, '"2"'),
        path: 'version',
        message: 'Expected a number, but "2" is in quotes, which makes it text: remove the quotes',
      },
      {
        ...positionOf(text, 'Acme', '  names:'),
        path: 'brand.names',
        message:
          'Expected a list, but Acme is a single value: write [Acme], or each item on its own line starting with "- "',
      },
      {
        ...positionOf(text, '30m'),
        path: 'sla.firstResponseMinutes.3',
        message:
          'Expected a number of minutes, but 30m is text: write the minutes as a plain number, e.g. 180 for 3 hours',
      },
      {
        ...positionOf(text, 'yes', 'enabled: yes'),
        path: 'thankTheFan.enabled',
        message: 'Expected true or false, but yes is text: write true or false',
      },
    ]);
  });

  it('stops alias bombs instead of expanding them', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level <= 8; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(',')}]`);
    }
    const started = Date.now();
    const errors = errorsOf(lines.join('\n'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(errors[0]?.message).toMatch(/alias/i);
  });

  describe('nesting', () => {
    // Each shape nests `depth` collections; the 65th starts at `at` (1-based line and column).
    const shapes: Array<{
      name: string;
      text: (depth: number) => string;
      at: { line: number; column: number };
    }> = [
      {
        name: 'YAML block sequences',
        text: (depth) => `${'- '.repeat(depth)}x\n`,
        at: { line: 1, column: 129 },
      },
      {
        name: 'YAML explicit keys',
        text: (depth) => `${'? '.repeat(depth)}x\n`,
        at: { line: 1, column: 129 },
      },
      {
        name: 'YAML flow sequences',
        text: (depth) => `version: 1\nbrand: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
        at: { line: 2, column: 71 },
      },
      {
        name: 'YAML flow mappings',
        text: (depth) => `${'{ a: '.repeat(depth)}1${' }'.repeat(depth)}\n`,
        at: { line: 1, column: 321 },
      },
      {
        name: 'JSON arrays',
        text: (depth) => '['.repeat(depth) + ']'.repeat(depth),
        at: { line: 1, column: 65 },
      },
      {
        name: 'JSON objects',
        text: (depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
        at: { line: 1, column: 321 },
      },
      { name: 'a truncated JSON file', text: (depth) => '['.repeat(depth), at: { line: 1, column: 65 } },
    ];

    for (const shape of shapes) {
      for (const depth of [10_000, 200_000]) {
        it(`rejects ${shape.name} nested ${depth.toLocaleString('en-US')} deep with one clear error`, () => {
          const started = Date.now();
          expect(errorsOf(shape.text(depth))).toEqual([
            {
              source: 'policy.yaml',
              ...shape.at,
              path: '(root)',
              message: 'Lists and mappings nest more than 64 levels deep here; a policy needs fewer than 10',
              kind: 'syntax',
            },
          ]);
          expect(Date.now() - started).toBeLessThan(10_000);
        });
      }
    }

    it('rejects block mappings nested by indentation alone', () => {
      const text = Array.from({ length: 100 }, (_, level) => `${'  '.repeat(level)}k${level}:`).join('\n');
      expect(errorsOf(`${text} end\n`)).toMatchObject([
        { ...positionOf(text, 'k64:'), message: expect.stringMatching(/more than 64 levels/) },
      ]);
    });

    it('allows 64 levels, and brackets in strings, block scalars and comments do not count', () => {
      const deepest = errorsOf(`version: ${'['.repeat(63)}${']'.repeat(63)}\n`);
      expect(deepest.every((error) => error.kind === 'schema')).toBe(true);

      const brackets = '['.repeat(200);
      let text = replaceOnce(yaml, 'version: 1', `# ${brackets}\nversion: 1`);
      text = replaceOnce(text, 'name: Acme', `name: Acme\n  note: '${brackets}'\n  memo: |\n    ${brackets}`);
      const notes = errorsOf(text);
      expect(notes.map((error) => [error.kind, error.path])).toEqual([
        ['schema', 'brand.note'],
        ['schema', 'brand.memo'],
      ]);
    });

    it('reports running out of stack anyway as an error instead of throwing it', () => {
      const overflow = vi.spyOn(policySchema, 'safeParse').mockImplementation(() => {
        throw new RangeError('Maximum call stack size exceeded');
      });
      try {
        expect(errorsOf(yaml)).toEqual([
          {
            source: 'policy.yaml',
            line: 1,
            column: 1,
            path: '(root)',
            message: 'The file is too complex to read (Maximum call stack size exceeded)',
            kind: 'syntax',
          },
        ]);
      } finally {
        overflow.mockRestore();
      }
    });
  });

  describe('what yaml would take long to compose', () => {
    it('rejects a mapping with more keys than any part of a policy has, at the mapping', () => {
      const keys = Array.from({ length: 30_000 }, (_, index) => `  k${index}: 1`).join('\n');
      expect(errorsOf(`version: 1\nbrand:\n${keys}\n`)).toEqual([
        {
          source: 'policy.yaml',
          line: 3,
          column: 3,
          path: '(root)',
          message: 'This mapping has 30,000 keys; no part of a policy has more than a few dozen',
          kind: 'syntax',
        },
      ]);
      const flow = `{${Array.from({ length: 1_001 }, (_, index) => `"k${index}": 1`).join(', ')}}`;
      expect(errorsOf(flow)[0]?.message).toMatch(/^This mapping has 1,001 keys/);
    });

    it('leaves a mapping of 1,000 keys to the schema', () => {
      const keys = Array.from({ length: 1_000 }, (_, index) => `k${index}: 1`).join('\n');
      expect(errorsOf(`${keys}\n`).every((error) => error.kind === 'schema')).toBe(true);
    });

    it('rejects a few aliases that repeat a long list, at the first alias', () => {
      // Under the alias count, yet 2,000 keywords repeated 10 times: a 1 MiB file written like this
      // expands a hundredfold, and the classifier compiles every copy.
      const keywords = Array.from({ length: 2_000 }, (_, index) => `k${index}`).join(', ');
      const rules = [
        '  categoryRules:',
        `    - &rule {category: complaint, keywords: [${keywords}]}`,
        ...Array.from({ length: 10 }, () => '    - *rule'),
        '',
      ].join('\n');
      const text = replaceOnce(yaml, '  categoryRules:\n', rules);
      expect(errorsOf(text)).toEqual([
        {
          source: 'policy.yaml',
          ...positionOf(text, '*rule'),
          path: '(root)',
          message:
            'The aliases (*name) in this file repeat more than 10,000 values in all; write the values out',
          kind: 'syntax',
        },
      ]);
    });

    it('still reads aliases that repeat a short list', () => {
      const list = 'platforms: [ x, bluesky, threads, mastodon ]';
      const text = replaceOnce(
        replaceOnce(yaml, list, 'platforms: &short [x, bluesky, threads, mastodon]'),
        list,
        'platforms: *short',
      );
      expect(parsePolicyText(text)).toEqual({ ok: true, policy: DEFAULT_POLICY });
    });

    it('rejects a chain of aliases past the 100 that would be expanded, at the 101st', () => {
      // A list, as long lists are allowed (brand terms, templates).
      const chain = ['- &a0 [x]'];
      for (let index = 1; index <= 10_000; index += 1) chain.push(`- &a${index} [*a${index - 1}]`);
      const text = chain.join('\n');
      expect(errorsOf(text)).toEqual([
        {
          source: 'policy.yaml',
          ...positionOf(text, '*a100]'),
          path: '(root)',
          message: 'More than 100 aliases (*name) in one file; write the values out',
          kind: 'syntax',
        },
      ]);
    });
  });

  it('formats errors as file:line:column  path  message', () => {
    const [error] = errorsOf(replaceOnce(yaml, 'version: 1', 'version: one'));
    expect(formatPolicyError(error as PolicyError)).toBe(
      `policy.yaml:${error?.line}:10  version  Expected a number, but one is text: write a plain number, e.g. 2`,
    );
  });
});
