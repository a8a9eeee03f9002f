import twitterText from 'twitter-text';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Platform } from '../../../lib/domain/types';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import {
  formatPath,
  type Policy,
  type PolicyInput,
  policySchema,
  TEMPLATE_VARIABLES,
  type TemplateVariable,
  templateVariablesIn,
} from '../../../lib/policy/schema';

const clone = (): Policy => structuredClone(DEFAULT_POLICY);

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  const result = policySchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: formatPath(issue.path as PropertyKey[]),
    message: issue.message,
  }));
}

/** The smallest valid policy: only the required keys. */
function minimalPolicy(): PolicyInput {
  const rating = (level: 1 | 2 | 3 | 4) => ({
    level,
    name: `Level ${level}`,
    description: 'When it applies',
    resolution: [{ type: 'acknowledge-publicly' as const }],
  });
  return {
    version: 1,
    updatedAt: '2026-02-01T10:00:00Z',
    brand: { name: 'Globex', names: ['Globex'] },
    ratings: [rating(1), rating(2), rating(3), rating(4)],
    sla: { firstResponseMinutes: { 1: 240, 2: 60, 3: 30, 4: 15 } },
  };
}

describe('policySchema', () => {
  it('accepts the embedded default policy unchanged (every default already spelled out)', () => {
    const result = policySchema.safeParse(DEFAULT_POLICY);
    expect(result.success ? [] : result.error.issues).toEqual([]);
    expect(result.data).toEqual(DEFAULT_POLICY);
  });

  it('fills defaults for a minimal file', () => {
    const policy = policySchema.parse(minimalPolicy());
    expect(policy.brand).toEqual({
      name: 'Globex',
      names: ['Globex'],
      aliases: [],
      handles: [],
      hashtags: [],
      domains: [],
      phones: [],
      emails: [],
      misspellings: [],
      exclusions: [],
      ownAccounts: [],
    });
    expect(policy.templates).toEqual([]);
    expect(policy.crisis).toMatchObject({ active: false, updateEveryMinutes: 30, statusTemplates: [] });
    expect(policy.thankTheFan).toEqual({ enabled: false, loyalFanMinPraises: 3, templates: [] });
    expect(policy.classification).toEqual({ categoryRules: [], severityRules: [] });
    expect(policy.sla.byPlatform).toEqual({});
  });

  it('rejects unknown keys at every level, so typos are errors', () => {
    const withTypos = {
      ...minimalPolicy(),
      brand: { name: 'Globex', names: ['Globex'], hashtag: ['globex'] },
      templates: [
        {
          id: 'hello',
          name: 'Hello',
          category: 'question',
          text: 'Hi {{customerName}}',
          requiredVariable: ['customerName'],
        },
      ],
      classification: { categoryRules: [{ category: 'spam', keyword: ['free money'] }] },
    };
    const paths = issuesOf(withTypos).map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining(['brand', 'templates[0]', 'classification.categoryRules[0]']),
    );
  });

  it('rejects handles with @, hashtags with #, and domains with a scheme', () => {
    const input = {
      ...minimalPolicy(),
      brand: {
        name: 'Globex',
        names: ['Globex'],
        handles: ['@globex'],
        hashtags: ['#globex'],
        domains: ['https://globex.example'],
      },
    };
    expect(issuesOf(input).map((issue) => issue.path)).toEqual([
      'brand.handles[0]',
      'brand.hashtags[0]',
      'brand.domains[0]',
    ]);
  });

  it('takes phone lines with digits and the usual separators only', () => {
    const brand = (phones: string[]) => ({
      ...minimalPolicy(),
      brand: { name: 'Globex', names: ['Globex'], phones },
    });
    expect(issuesOf(brand(['+1 (800) 555-0100', '020 7946 0000', '0800.123.456']))).toEqual([]);
    expect(issuesOf(brand(['call 0800 123 456', '555-01', '']))).toEqual([
      { path: 'brand.phones[0]', message: expect.stringContaining('digits, spaces and + ( ) . -') },
      { path: 'brand.phones[1]', message: 'A phone number has at least 7 digits' },
      { path: 'brand.phones[2]', message: expect.stringContaining('digits, spaces and + ( ) . -') },
      { path: 'brand.phones[2]', message: 'A phone number has at least 7 digits' },
    ]);
  });

  it("takes the brand's public e-mail addresses", () => {
    const brand = (emails: string[]) => ({
      ...minimalPolicy(),
      brand: { name: 'Globex', names: ['Globex'], emails },
    });
    expect(issuesOf(brand(['customer.care@globex.example', 'help+uk@globex.co.uk']))).toEqual([]);
    expect(issuesOf(brand(['mailto:help@globex.example', 'globex.example']))).toEqual([
      { path: 'brand.emails[0]', message: expect.stringContaining("e-mail address such as 'help@") },
      { path: 'brand.emails[1]', message: expect.stringContaining("e-mail address such as 'help@") },
    ]);
  });

  it('requires every required variable to appear in the text', () => {
    const policy = clone();
    policy.templates[0] = { ...(policy.templates[0] as Policy['templates'][number]), text: 'Hello there!' };
    const issues = issuesOf(policy);
    expect(issues).toContainEqual({
      path: 'templates[0].requiredVariables[0]',
      message: "Required variable 'customerName' does not appear in the text as {{customerName}}",
    });
  });

  it('rejects unknown and malformed placeholders', () => {
    const input = {
      ...minimalPolicy(),
      templates: [
        { id: 'a', name: 'A', category: 'praise', text: 'Thanks {{customer_name}} and {{custmerName}}!' },
        { id: 'b', name: 'B', category: 'praise', text: 'Thanks {{customerName}!' },
      ],
    };
    const messages = issuesOf(input).map((issue) => `${issue.path}: ${issue.message}`);
    expect(
      messages.some((message) => message.startsWith('templates[0].text: Unknown variable {{custmerName}}')),
    ).toBe(true);
    // {{customer_name}} is not a valid placeholder at all, so it is reported as malformed.
    expect(messages).toContain(
      'templates[0].text: Malformed placeholder: write variables as {{customerName}}',
    );
    expect(messages).toContain(
      'templates[1].text: Malformed placeholder: write variables as {{customerName}}',
    );
  });

  it('requires escalation steps and crisis contacts to name existing contacts', () => {
    const policy = clone();
    const contactIds = policy.escalationContacts.map((contact) => contact.id);
    policy.escalationContacts = policy.escalationContacts.filter((contact) => contact.id !== 'duty-manager');
    const issues = issuesOf(policy);
    const ratingIndex = policy.ratings.findIndex((rating) =>
      rating.resolution.some((step) => step.type === 'escalate' && step.contactId === 'duty-manager'),
    );
    const stepIndex = (policy.ratings[ratingIndex] as Policy['ratings'][number]).resolution.findIndex(
      (step) => step.type === 'escalate' && step.contactId === 'duty-manager',
    );
    expect(contactIds).toContain('duty-manager');
    expect(issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([
        `ratings[${ratingIndex}].resolution[${stepIndex}].contactId`,
        `crisis.contacts[${policy.crisis.contacts.indexOf('duty-manager')}]`,
      ]),
    );
    expect(issues[0]?.message).toMatch(
      /^No escalation contact has id 'duty-manager' \(known: 'support-lead'/,
    );
  });

  it('requires template ids to be unique across every kind of template', () => {
    const policy = clone();
    const firstId = (policy.templates[0] as Policy['templates'][number]).id;
    (policy.crisis.statusTemplates[0] as Policy['crisis']['statusTemplates'][number]).id = firstId;
    expect(issuesOf(policy)).toContainEqual({
      path: 'crisis.statusTemplates[0].id',
      message: `Template id '${firstId}' is already used at templates[0]`,
    });
  });

  it('requires classification regexes to compile', () => {
    const policy = clone();
    policy.classification.categoryRules[0]?.patterns.push('(unclosed');
    const issues = issuesOf(policy);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toMatch(/^classification\.categoryRules\[0\]\.patterns\[\d+\]$/);
    expect(issues[0]?.message).toBe('Invalid regular expression: Unterminated group');
  });

  it('refuses classification regexes that repeat a group which repeats inside (catastrophic backtracking)', () => {
    const policy = clone();
    const unsafe = ['(a+)+$', '^(\\w+\\s?)*!', '(?:[a-z]+\\d*){2,}x', '((ab)*c)+'];
    policy.classification.categoryRules[0]?.patterns.push(...unsafe);
    const issues = issuesOf(policy);
    const advice =
      'repeats a group that already repeats inside, which can take minutes on some posts; let only the group or only its inside repeat';
    expect(issues).toEqual([
      {
        path: expect.stringMatching(/patterns\[\d+\]$/),
        message: `Invalid regular expression: (a+)+ ${advice}`,
      },
      { path: expect.any(String), message: `Invalid regular expression: (\\w+\\s?)* ${advice}` },
      { path: expect.any(String), message: `Invalid regular expression: (?:[a-z]+\\d*){2,} ${advice}` },
      { path: expect.any(String), message: `Invalid regular expression: ((ab)*c)+ ${advice}` },
    ]);
  });

  it('refuses a classification regex over 1,000 characters, which would slow the matching of every post', () => {
    const policy = clone();
    const longest = `(${Array.from({ length: 199 }, (_, index) => `w${index}`).join('|')})`.padEnd(
      1_000,
      'x',
    );
    policy.classification.severityRules[0]?.patterns.push(longest, `${longest}y`);
    expect(issuesOf(policy)).toEqual([
      {
        path: expect.stringMatching(/^classification\.severityRules\[0\]\.patterns\[\d+\]$/),
        message: 'Keep a pattern to 1,000 characters at most: every post is matched against it',
      },
    ]);
  });

  it('takes classification regexes that repeat a group only once, or a fixed group', () => {
    const policy = clone();
    const safe = [
      '\\b(is |keeps )?down\\b',
      '(ha)+',
      '(\\d+|two) days',
      '[(a+)+]',
      '\\(a+\\)+',
      'a{2,3}(b|c)?',
    ];
    policy.classification.categoryRules[0]?.patterns.push(...safe);
    expect(issuesOf(policy)).toEqual([]);
  });

  it('takes classification regexes the classifier compiles without the u flag', () => {
    const policy = clone();
    const patterns = ['\\d{3}\\-\\d{4}', 'refund\\-request', "can\\'t log ?in", 'order \\#\\d+'];
    policy.classification.categoryRules[0]?.patterns.push(...patterns);
    expect(issuesOf(policy)).toEqual([]);
  });

  it('requires one rating per severity and a non-increasing response target', () => {
    const input = minimalPolicy();
    input.ratings = (input.ratings as NonNullable<PolicyInput['ratings']>).slice(0, 3);
    (input.ratings[2] as { level: number }).level = 1;
    input.sla = { firstResponseMinutes: { 1: 60, 2: 120, 3: 30, 4: 15 }, byPlatform: { x: { 4: 90 } } };
    expect(issuesOf(input)).toEqual([
      { path: 'ratings[2].level', message: 'Severity 1 is defined twice' },
      { path: 'ratings', message: 'Define a rating for every severity; missing: 3, 4' },
      {
        path: 'sla.firstResponseMinutes.2',
        message: 'Severity 2 (120 min) must not wait longer than severity 1 (60 min)',
      },
      {
        path: 'sla.byPlatform.x.4',
        message: 'Severity 4 (90 min) must not wait longer than severity 3 (30 min) on x',
      },
    ]);
  });

  it('requires public and private thank-yous when thanking fans is on', () => {
    const policy = clone();
    policy.thankTheFan.templates = policy.thankTheFan.templates.filter(
      (template) => template.visibility === 'public',
    );
    expect(issuesOf(policy)).toEqual([
      {
        path: 'thankTheFan.templates',
        message:
          'Thanking fans is enabled: add at least one private template (thank them publicly and privately)',
      },
    ]);
  });

  it('rejects templates that use a banned phrase', () => {
    const policy = clone();
    const template = policy.templates[0] as Policy['templates'][number];
    template.text = `Please CALM   down, {{customerName}}. {{agentSignature}}`;
    expect(issuesOf(policy)).toEqual([
      { path: 'templates[0].text', message: "Uses the banned phrase 'calm down'" },
    ]);
  });

  it('checks templates for banned phrases as the reply check does: punctuation counts, dashes join words', () => {
    const policy = clone();
    policy.bannedPhrases = [{ phrase: '@everyone' }, { phrase: '100%' }, { phrase: 'self-service' }];
    const template = policy.templates[0] as Policy['templates'][number];
    template.text = `Thanks everyone, {{customerName}}: 100 points are yours. {{agentSignature}}`;
    expect(issuesOf(policy)).toEqual([]);
    template.text = `Our self service page is 100% up, @everyone. {{customerName}} {{agentSignature}}`;
    expect(issuesOf(policy)).toEqual([
      { path: 'templates[0].text', message: "Uses the banned phrase '@everyone'" },
      { path: 'templates[0].text', message: "Uses the banned phrase '100%'" },
      { path: 'templates[0].text', message: "Uses the banned phrase 'self-service'" },
    ]);
  });

  it('counts banned phrases as listed twice only when the reply check cannot tell them apart', () => {
    const policy = clone();
    policy.bannedPhrases = [{ phrase: '#refundgate' }, { phrase: 'refundgate' }, { phrase: 'Self–Service' }];
    expect(issuesOf(policy)).toEqual([]);
    policy.bannedPhrases.push({ phrase: 'self service' });
    expect(issuesOf(policy)).toEqual([
      { path: 'bannedPhrases[3].phrase', message: "'self service' is listed twice" },
    ]);
  });

  it('tells apart banned phrases and template words that differ only in a vowel sign or tone mark', () => {
    const policy = clone();
    policy.bannedPhrases = [{ phrase: 'ไม่' }, { phrase: 'ไม้' }, { phrase: 'कम' }];
    const template = policy.templates[0] as Policy['templates'][number];
    template.text = `यह काम हो गया, {{customerName}}. {{agentSignature}}`;
    expect(issuesOf(policy)).toEqual([]);
    policy.bannedPhrases.push({ phrase: 'ไม่' });
    expect(issuesOf(policy).map((issue) => issue.message)).toEqual(["'ไม่' is listed twice"]);
  });

  it('reports cross-field errors together with field errors in one pass', () => {
    const policy = clone() as unknown as Record<string, unknown>;
    policy.version = 'two';
    const escalationContacts = policy.escalationContacts as Array<{ id: string }>;
    policy.escalationContacts = escalationContacts.filter((contact) => contact.id !== 'support-lead');
    const paths = issuesOf(policy).map((issue) => issue.path);
    expect(paths).toContain('version');
    expect(paths.some((path) => path.endsWith('.contactId'))).toBe(true);
  });
});

describe('templateVariablesIn', () => {
  it('lists distinct placeholder names in order, allowing inner spaces', () => {
    expect(templateVariablesIn('{{ agentName }} for {{customerName}}, {{agentName}}')).toEqual([
      'agentName',
      'customerName',
    ]);
    expect(templateVariablesIn('no placeholders {here}')).toEqual([]);
  });
});

describe('DEFAULT_POLICY (the Acme demo brand)', () => {
  const sampleValues: Record<TemplateVariable, string> = {
    customerName: 'Alexandra Montgomery-Smith',
    agentName: 'Samantha',
    agentSignature: '^Samantha',
    caseReference: 'ACME-104233',
    brandName: DEFAULT_POLICY.brand.name,
    privateChannel: 'email at help@acme.example',
    incidentSummary: 'Checkout in the Acme app is failing for some customers.',
    statusPageUrl: 'https://status.acme.example/incidents/2026-01-15',
  };
  const fill = (text: string) =>
    text.replace(
      /\{\{\s*(\w+)\s*\}\}/g,
      (_match, name: string) => sampleValues[name as TemplateVariable] ?? '',
    );
  const publicTexts = () => [
    ...DEFAULT_POLICY.templates,
    ...DEFAULT_POLICY.thankTheFan.templates.filter((template) => template.visibility === 'public'),
    ...DEFAULT_POLICY.inviteToShareTemplates.filter((template) => template.visibility === 'public'),
    ...DEFAULT_POLICY.crisis.statusTemplates,
  ];
  const appliesTo = (platform: Platform) => (template: { platforms?: Platform[] }) =>
    !template.platforms || template.platforms.includes(platform);

  it('has the brand terms the matcher expects', () => {
    const { brand } = DEFAULT_POLICY;
    expect(brand.names).toEqual(['Acme']);
    expect(brand.aliases).toEqual(['Acme Store', 'Acme App']);
    expect(brand.handles).toEqual(['acme', 'acmehelp', 'acmehelp.bsky.social']);
    expect(brand.domains).toEqual(['acme.example']);
    expect(brand.exclusions).toEqual(expect.arrayContaining(['Acme Brick', 'Acme Markets', 'Acmeville']));
    const helpPlatforms = brand.ownAccounts
      .filter((account) => account.handle.toLowerCase().startsWith('acmehelp'))
      .map((account) => account.platform);
    expect(new Set(helpPlatforms)).toEqual(
      new Set([
        'x',
        'facebook',
        'instagram',
        'linkedin',
        'reddit',
        'youtube',
        'threads',
        'bluesky',
        'mastodon',
      ]),
    );
  });

  it('fits every public text that can be used on X into 280 weighted characters, filled in', () => {
    const tooLong = publicTexts()
      .filter(appliesTo('x'))
      .map((template) => ({
        id: template.id,
        weighted: twitterText.parseTweet(fill(template.text)).weightedLength,
      }))
      .filter((entry) => entry.weighted > 280);
    expect(tooLong).toEqual([]);
    expect(publicTexts().filter(appliesTo('x')).length).toBeGreaterThan(10);
  });

  it('fits Bluesky (300 graphemes) and Threads and Mastodon (500 characters)', () => {
    const graphemes = (text: string) =>
      [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].length;
    for (const template of publicTexts().filter(appliesTo('bluesky'))) {
      expect(graphemes(fill(template.text)), template.id).toBeLessThanOrEqual(300);
    }
    for (const platform of ['threads', 'mastodon'] as const) {
      for (const template of publicTexts().filter(appliesTo(platform))) {
        expect(fill(template.text).length, template.id).toBeLessThanOrEqual(500);
      }
    }
  });

  it('offers several templates per answerable category, for short and long platforms', () => {
    for (const category of ['complaint', 'question', 'praise', 'crisis'] as const) {
      const templates = DEFAULT_POLICY.templates.filter((template) => template.category === category);
      expect(templates.length, category).toBeGreaterThanOrEqual(2);
      expect(templates.some(appliesTo('x')), `${category} on X`).toBe(true);
      expect(templates.some(appliesTo('facebook')), `${category} on Facebook`).toBe(true);
    }
    const fan = DEFAULT_POLICY.thankTheFan.templates;
    expect(fan.filter((template) => template.visibility === 'public').length).toBeGreaterThanOrEqual(3);
    expect(fan.filter((template) => template.visibility === 'private').length).toBeGreaterThanOrEqual(2);
    expect(new Set(DEFAULT_POLICY.handoffScripts.map((script) => script.channel))).toEqual(
      new Set(['dm', 'email', 'phone']),
    );
  });

  it('puts a human face on replies: every public reply and handoff is signed or from a named agent', () => {
    const signed = (text: string) => /\{\{\s*(agentSignature|agentName)\s*\}\}/.test(text);
    const unsigned = [...DEFAULT_POLICY.templates, ...DEFAULT_POLICY.handoffScripts]
      .filter((template) => !signed(template.text))
      .map((template) => template.id);
    expect(unsigned).toEqual([]);
  });

  it('apologises in every complaint and crisis reply', () => {
    const withoutSorry = DEFAULT_POLICY.templates
      .filter((template) => template.category === 'complaint' || template.category === 'crisis')
      .filter((template) => template.caseState !== 'resolved' && template.caseState !== 'awaiting-customer')
      .filter((template) => !/\bsorry\b/i.test(template.text))
      .map((template) => template.id);
    expect(withoutSorry).toEqual([]);
  });

  it('acknowledges publicly first, moves to private with permission, and meets the one-hour expectation', () => {
    for (const rating of DEFAULT_POLICY.ratings) {
      expect(rating.resolution[0]?.type, `severity ${rating.level}`).toBe('acknowledge-publicly');
      if (rating.level >= 2) {
        const moves = rating.resolution.filter((step) => step.type === 'move-to-private');
        expect(moves.length, `severity ${rating.level}`).toBe(1);
        expect(moves.every((step) => step.withPermission)).toBe(true);
        expect(rating.resolution.some((step) => step.type === 'invite-to-share-outcome')).toBe(true);
      }
    }
    for (const level of [2, 3, 4] as const) {
      expect(DEFAULT_POLICY.sla.firstResponseMinutes[level]).toBeLessThanOrEqual(60);
    }
  });

  it('documents every template variable it uses, and uses only known ones', () => {
    const used = new Set(publicTexts().flatMap((template) => templateVariablesIn(template.text)));
    for (const name of used) expect(Object.keys(TEMPLATE_VARIABLES)).toContain(name);
    expect(used.has('customerName')).toBe(true);
  });

  it('gives guidance for each category somewhere in its ratings', () => {
    const covered = new Set(DEFAULT_POLICY.ratings.flatMap((rating) => Object.keys(rating.guidance)));
    for (const category of CATEGORIES.filter((name) => name !== 'neutral' && name !== 'spam')) {
      expect(covered.has(category), category).toBe(true);
    }
  });
});
