import { z } from 'zod';
import { compileRulePattern } from '../classify/policy-rules';
import { categoryRuleSchema, classifierRulesSchema, severityRuleSchema } from '../classify/rules';
import { CATEGORIES, PLATFORMS, SEVERITIES, type Severity } from '../domain/types';
import { compilePhraseFinder, phraseKey } from '../replies/checks/phrases';

/**
 * The shared policy: one file a team lead publishes, which every agent's extension follows.
 * This Zod schema is the single source of truth: the TypeScript types, the parser's errors, the CLI and
 * the editor JSON Schema (docs/policy.schema.json) all come from it.
 *
 * Every object is strict so a typo in a key is an error rather than a silently ignored setting.
 * Cross-field rules (ids that must exist, variables that must appear, regexes that must compile) are in
 * the superRefine at the bottom.
 */

export const categorySchema = z.enum(CATEGORIES);
export const platformSchema = z.enum(PLATFORMS);
export const severitySchema = z.literal(SEVERITIES, { error: 'Must be a severity: 1, 2, 3 or 4' });

/**
 * Placeholders a template may use, written `{{customerName}}`. Any other name is an error, because an
 * unknown placeholder would be inserted into a public reply literally.
 * The value says where the sidebar gets it from.
 */
export const TEMPLATE_VARIABLES = {
  customerName: "The customer's display name (their @handle when the page shows no name), from the mention.",
  agentName: "The agent's name as set in the extension's options (a human face: replies are signed).",
  agentSignature: "The agent's sign-off as set in the options, e.g. '^Sam'.",
  caseReference: "The case's reference, e.g. 'ACME-1042', from the case record.",
  brandName: 'brand.name from this policy.',
  privateChannel:
    "Where the conversation continues privately, e.g. 'a DM' or 'help@acme.example', chosen by the agent.",
  incidentSummary:
    "crisis.summary from this policy: one plain sentence on what is wrong, e.g. 'Checkout in the Acme app is failing for some customers.'",
  statusPageUrl: 'crisis.statusPageUrl from this policy (crisis templates).',
} as const;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;
export const TEMPLATE_VARIABLE_NAMES = Object.keys(TEMPLATE_VARIABLES) as TemplateVariable[];

/** Matches one `{{ name }}` placeholder; group 1 is the name. Global: reset lastIndex or use matchAll. */
export const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** The distinct placeholder names in a template text, in order of first use. */
export function templateVariablesIn(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1] as string;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

const text = z.string().trim().min(1, 'Must not be empty');
const untrimmedTerm = z
  .string()
  .min(1, 'Must not be empty')
  .regex(/^\S(?:[\s\S]*\S)?$/, 'Remove the spaces at the start or end');
const idSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/,
    "Use lowercase letters, digits and dashes (e.g. 'refund-delay-x')",
  );
const minutes = z.number().int('Must be a whole number of minutes').positive('Must be more than 0');
const languageSchema = z
  .string()
  .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "Use a BCP-47 language tag such as 'en' or 'pt-BR'")
  .default('en')
  .describe("BCP-47 language tag of the text; 'en' when omitted.");
const variableNameSchema = z.enum(TEMPLATE_VARIABLE_NAMES as [TemplateVariable, ...TemplateVariable[]]);
const platformsSchema = z
  .array(platformSchema)
  .min(1, 'List at least one platform, or omit the key for all platforms')
  .optional()
  .describe('Platforms this applies to; all platforms when omitted.');
const templateText = z
  .string()
  .trim()
  .min(1, 'Must not be empty')
  .max(5000, 'Keep it under 5,000 characters')
  .describe('The text, with {{variable}} placeholders. A guide to tailor, not a script to paste.');
const requiredVariablesSchema = z
  .array(variableNameSchema)
  .default([])
  .describe('Placeholders the agent must fill before the text can be inserted.');

/** What every kind of template shares. */
const templateBase = {
  id: idSchema.describe('Unique among all templates in the policy; stable across versions.'),
  name: text.describe('What agents see in the template picker.'),
  platforms: platformsSchema,
  language: languageSchema,
  text: templateText,
  requiredVariables: requiredVariablesSchema,
};

// ---------------------------------------------------------------------------------------------- brand

const handleSchema = untrimmedTerm.regex(/^[^@#\s]/, 'Write handles without the leading @');
const hashtagSchema = untrimmedTerm.regex(/^[^#\s]\S*$/, 'Write hashtags without the # and without spaces');
// Both cases spelled out rather than the i flag: docs/policy.schema.json keeps a pattern, not its flags.
const domainSchema = z
  .string()
  .regex(
    /^(?!-)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/,
    "Write a bare domain, without https:// or a path (e.g. 'acme.example')",
  );

const phoneSchema = z
  .string()
  .trim()
  .regex(
    /^\+?[\d\s().-]+$/,
    "Write a phone number with digits, spaces and + ( ) . - only (e.g. '+1 800 555 0100')",
  )
  .refine((value) => value.replace(/\D/g, '').length >= 7, 'A phone number has at least 7 digits');

const emailSchema = z.email({
  error: "Write an e-mail address such as 'help@acme.example', without mailto:",
});

export const ownAccountSchema = z.strictObject({
  platform: platformSchema,
  handle: handleSchema,
});

export const brandSchema = z
  .strictObject({
    name: text.describe('The brand name shown to agents and used for {{brandName}}.'),
    names: z
      .array(untrimmedTerm)
      .min(1, 'List at least one name to detect')
      .describe('Names matched as whole words, case- and accent-insensitively.'),
    aliases: z.array(untrimmedTerm).default([]).describe('Product names and other names of the brand.'),
    handles: z.array(handleSchema).default([]).describe('Social handles without @ (Mastodon: user@domain).'),
    hashtags: z.array(hashtagSchema).default([]).describe('Hashtags without #.'),
    domains: z.array(domainSchema).default([]).describe('Web domains whose links count as mentions.'),
    phones: z
      .array(phoneSchema)
      .default([])
      .describe(
        "The brand's public phone lines: replies may give them out in public (not matched in posts).",
      ),
    emails: z
      .array(emailSchema)
      .default([])
      .describe(
        "The brand's public e-mail addresses: replies may give them out in public. Shared inboxes (support@, help@…) on the brand's domains need not be listed.",
      ),
    misspellings: z.array(untrimmedTerm).default([]).describe('Common misspellings, matched like names.'),
    exclusions: z
      .array(untrimmedTerm)
      .default([])
      .describe('Phrases that contain a name but are not the brand (e.g. another company).'),
    ownAccounts: z
      .array(ownAccountSchema)
      .default([])
      .describe("The brand's own accounts: their posts are never treated as customer mentions."),
  })
  .describe('What the matcher looks for.');

// --------------------------------------------------------------------------------------- classification

/** The classifier's rules, made strict here so that typos in the policy file are reported. */
export const policyClassificationSchema = classifierRulesSchema
  .extend({
    categoryRules: z.array(categoryRuleSchema.strict()).default([]),
    severityRules: z.array(severityRuleSchema.strict()).default([]),
  })
  .strict();

// -------------------------------------------------------------------------------------------- ratings

export const PRIVATE_CHANNELS = ['dm', 'email', 'phone'] as const;
export type PrivateChannel = (typeof PRIVATE_CHANNELS)[number];
const privateChannelSchema = z.enum(PRIVATE_CHANNELS);
const stepNote = z.string().trim().min(1).optional().describe('Extra advice shown with this step.');

export const resolutionStepSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('acknowledge-publicly'), note: stepNote }),
  z.strictObject({ type: z.literal('apologise'), note: stepNote }),
  z.strictObject({
    type: z.literal('move-to-private'),
    channels: z.array(privateChannelSchema).min(1, 'List at least one channel: dm, email or phone'),
    withPermission: z
      .boolean()
      .default(true)
      .describe("Ask the customer first (always for phone calls: 'would you mind if we called you?')."),
    note: stepNote,
  }),
  z.strictObject({
    type: z.literal('escalate'),
    contactId: idSchema.describe('The id of an entry in escalationContacts.'),
    withinMinutes: minutes.describe('Escalate no later than this many minutes after the mention.'),
    note: stepNote,
  }),
  z.strictObject({ type: z.literal('resolve'), note: stepNote }),
  z.strictObject({ type: z.literal('invite-to-share-outcome'), note: stepNote }),
]);

const guidanceList = z.array(text).optional();
export const categoryGuidanceSchema = z
  .strictObject({
    complaint: guidanceList,
    question: guidanceList,
    praise: guidanceList,
    crisis: guidanceList,
    spam: guidanceList,
    neutral: guidanceList,
  })
  .describe('Advice for this rating, per category.');

export const ratingSchema = z.strictObject({
  level: severitySchema.describe('1 = lowest, 4 = highest.'),
  name: text.describe("Short label, e.g. 'Critical'."),
  description: text.describe('When a mention earns this rating.'),
  resolution: z
    .array(resolutionStepSchema)
    .min(1, 'List at least one resolution step')
    .describe('The known path to resolution, in order.'),
  guidance: categoryGuidanceSchema.prefault({}),
});

// ------------------------------------------------------------------------------------------------ SLA

export const severityMinutesSchema = z.strictObject({ 1: minutes, 2: minutes, 3: minutes, 4: minutes });

export const slaSchema = z
  .strictObject({
    firstResponseMinutes: severityMinutesSchema.describe('First-response target per severity (1–4).'),
    byPlatform: z
      .partialRecord(platformSchema, severityMinutesSchema.partial())
      .default({})
      .describe('Per-platform overrides of firstResponseMinutes.'),
  })
  .describe('Service-level targets.');

// ------------------------------------------------------------------------------------- dos and don'ts

export const guidelineSchema = z.strictObject({
  text: text,
  categories: z
    .array(categorySchema)
    .min(1)
    .optional()
    .describe('Categories this applies to; all when omitted.'),
  reason: z.string().trim().min(1).optional().describe('Why: shown to agents on request.'),
});

export const bannedPhraseSchema = z.strictObject({
  phrase: untrimmedTerm.describe(
    "Matched as whole words in the agent's draft and in the policy's templates, in any case; a hyphen or dash between words matches a space.",
  ),
  reason: z.string().trim().min(1).optional(),
  suggestion: z.string().trim().min(1).optional().describe('What to say instead.'),
});

// ------------------------------------------------------------------------------------------ templates

export const AUDIENCES = ['first-contact', 'repeat', 'any'] as const;
export const CASE_STATES = ['open', 'awaiting-customer', 'resolved'] as const;

export const replyTemplateSchema = z.strictObject({
  ...templateBase,
  category: categorySchema,
  severities: z
    .array(severitySchema)
    .min(1)
    .optional()
    .describe('Ratings this template suits; all when omitted.'),
  audience: z
    .enum(AUDIENCES)
    .default('any')
    .describe("'first-contact' for customers new to us, 'repeat' for customers with history."),
  caseState: z.enum(CASE_STATES).optional().describe('Case state this template suits; any when omitted.'),
});

export const handoffScriptSchema = z.strictObject({
  ...templateBase,
  channel: privateChannelSchema.describe('The private channel this script moves the conversation to.'),
});

export const VISIBILITIES = ['public', 'private'] as const;
export const visibilityTemplateSchema = z.strictObject({
  ...templateBase,
  visibility: z.enum(VISIBILITIES).describe("'public' reply in the thread, or 'private' message."),
});

export const thankTheFanSchema = z.strictObject({
  enabled: z.boolean().default(false).describe('Suggest thank-yous for praise and for loyal fans.'),
  loyalFanMinPraises: z
    .number()
    .int()
    .min(1)
    .default(3)
    .describe('Praise mentions from one customer before the sidebar suggests thanking them as a loyal fan.'),
  templates: z.array(visibilityTemplateSchema).default([]).describe('Public and private thank-yous.'),
});

export const CRISIS_PHASES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const crisisStatusTemplateSchema = z.strictObject({
  ...templateBase,
  phase: z.enum(CRISIS_PHASES),
});

export const crisisSchema = z.strictObject({
  active: z.boolean().default(false).describe('Turn on during an outage or incident: agents see a banner.'),
  summary: z.string().trim().min(1).optional().describe('One plain sentence on what is wrong.'),
  statusPageUrl: z.url({ protocol: /^https?$/ }).optional(),
  updateEveryMinutes: minutes.default(30).describe('How often to post a status update while active.'),
  statusTemplates: z.array(crisisStatusTemplateSchema).default([]),
  contacts: z.array(idSchema).default([]).describe('Ids of escalationContacts to alert in a crisis.'),
});

export const CONTACT_CHANNELS = ['email', 'phone', 'chat', 'pager', 'other'] as const;
export const escalationContactSchema = z.strictObject({
  id: idSchema,
  name: text,
  role: text,
  channel: z.enum(CONTACT_CHANNELS),
  address: text.describe('Email address, phone number, chat channel or other address.'),
  when: text.describe('When to contact them.'),
});

// ------------------------------------------------------------------------------------------- the policy

const policyObjectSchema = z.strictObject({
  $schema: z.string().optional().describe('Editor hint; ignored.'),
  version: z
    .number()
    .int('Must be a whole number')
    .min(1)
    .describe('Raise it with every published change; agents never go back to a lower version.'),
  updatedAt: z.iso
    .datetime({ offset: true, message: "Use an ISO 8601 date and time, e.g. '2026-03-01T09:00:00Z'" })
    .describe('When this version was written (ISO 8601).'),
  brand: brandSchema,
  classification: policyClassificationSchema.prefault({}),
  ratings: z
    .array(ratingSchema)
    .describe('Exactly one entry for each severity level 1–4, with its path to resolution.'),
  sla: slaSchema,
  dos: z.array(guidelineSchema).default([]),
  donts: z.array(guidelineSchema).default([]),
  bannedPhrases: z.array(bannedPhraseSchema).default([]),
  templates: z.array(replyTemplateSchema).default([]).describe('Public reply templates.'),
  handoffScripts: z
    .array(handoffScriptSchema)
    .default([])
    .describe('Scripts that move to DM, email or phone.'),
  thankTheFan: thankTheFanSchema.prefault({}),
  inviteToShareTemplates: z
    .array(visibilityTemplateSchema)
    .default([])
    .describe('After a resolution: invite the customer to share the happy outcome.'),
  crisis: crisisSchema.prefault({}),
  escalationContacts: z.array(escalationContactSchema).default([]),
});

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

/*
 * Cross-field checks. They also run when other parts of the file are invalid, so that one `policy check`
 * reports every error at once; each therefore reads the data defensively (anything malformed was already
 * reported by the field schemas and is skipped here).
 */

type Loose = Record<string, unknown>;
const listAt = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const objectAt = (value: unknown): Loose =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : {};
const isString = (value: unknown): value is string => typeof value === 'string';

function checkRatings(policy: Loose, report: Report): void {
  if (!Array.isArray(policy.ratings)) return;
  const seen = new Set<unknown>();
  policy.ratings.forEach((rating, index) => {
    const level = objectAt(rating).level;
    if (!SEVERITIES.includes(level as Severity)) return;
    if (seen.has(level)) report(['ratings', index, 'level'], `Severity ${level} is defined twice`);
    seen.add(level);
  });
  const missing = SEVERITIES.filter((level) => !seen.has(level));
  if (missing.length > 0)
    report(['ratings'], `Define a rating for every severity; missing: ${missing.join(', ')}`);
}

function checkContacts(policy: Loose, report: Report): void {
  const contacts = listAt(policy.escalationContacts).map(objectAt);
  const ids = new Set<string>();
  contacts.forEach((contact, index) => {
    if (!isString(contact.id)) return;
    if (ids.has(contact.id))
      report(['escalationContacts', index, 'id'], `Contact id '${contact.id}' is used twice`);
    ids.add(contact.id);
  });
  // A contact whose id is itself broken would make every reference to it look wrong: report that once.
  if (contacts.some((contact) => !isString(contact.id))) return;
  const known = [...ids].map((id) => `'${id}'`).join(', ') || 'none';
  const checkReference = (contactId: unknown, path: Path) => {
    if (isString(contactId) && !ids.has(contactId)) {
      report(path, `No escalation contact has id '${contactId}' (known: ${known})`);
    }
  };
  listAt(policy.ratings).forEach((rating, ratingIndex) => {
    listAt(objectAt(rating).resolution).forEach((step, stepIndex) => {
      const { type, contactId } = objectAt(step);
      if (type === 'escalate')
        checkReference(contactId, ['ratings', ratingIndex, 'resolution', stepIndex, 'contactId']);
    });
  });
  listAt(objectAt(policy.crisis).contacts).forEach((contactId, index) => {
    checkReference(contactId, ['crisis', 'contacts', index]);
  });
}

/** Every template-like list in the policy, with its path, for the checks that treat them alike. */
function templateLists(policy: Loose): Array<{ path: Path; items: unknown[] }> {
  return [
    { path: ['templates'], items: listAt(policy.templates) },
    { path: ['handoffScripts'], items: listAt(policy.handoffScripts) },
    { path: ['thankTheFan', 'templates'], items: listAt(objectAt(policy.thankTheFan).templates) },
    { path: ['inviteToShareTemplates'], items: listAt(policy.inviteToShareTemplates) },
    { path: ['crisis', 'statusTemplates'], items: listAt(objectAt(policy.crisis).statusTemplates) },
  ];
}

function checkTemplates(policy: Loose, report: Report): void {
  const firstUse = new Map<string, string>();
  const bannedPhrases = listAt(policy.bannedPhrases)
    .map((entry) => objectAt(entry).phrase)
    .filter(isString);
  // The reply check's own finder: a template fails here exactly when the check would flag it in a draft.
  const bannedFinder = compilePhraseFinder(bannedPhrases, (phrase) => phrase);
  for (const list of templateLists(policy)) {
    list.items.forEach((item, index) => {
      const template = objectAt(item);
      const path = [...list.path, index];
      if (isString(template.id)) {
        const where = firstUse.get(template.id);
        if (where !== undefined)
          report([...path, 'id'], `Template id '${template.id}' is already used at ${where}`);
        else firstUse.set(template.id, formatPath(path));
      }
      if (!isString(template.text)) return;
      const used = templateVariablesIn(template.text);
      for (const name of used) {
        if (!(name in TEMPLATE_VARIABLES)) {
          report(
            [...path, 'text'],
            `Unknown variable {{${name}}}; known: ${TEMPLATE_VARIABLE_NAMES.join(', ')}`,
          );
        }
      }
      const leftover = template.text.replace(PLACEHOLDER_PATTERN, '');
      if (leftover.includes('{{') || leftover.includes('}}')) {
        report([...path, 'text'], 'Malformed placeholder: write variables as {{customerName}}');
      }
      listAt(template.requiredVariables).forEach((name, variableIndex) => {
        if (isString(name) && !used.includes(name)) {
          report(
            [...path, 'requiredVariables', variableIndex],
            `Required variable '${name}' does not appear in the text as {{${name}}}`,
          );
        }
      });
      const bannedInText = new Set(bannedFinder.find(template.text).map((hit) => hit.entry));
      for (const phrase of bannedPhrases) {
        if (bannedInText.has(phrase)) report([...path, 'text'], `Uses the banned phrase '${phrase}'`);
      }
    });
  }
}

/**
 * The engine's reason without its own "Invalid regular expression: /source/flags:" in front: the message
 * says what it is, the path says which pattern, and the flags are the classifier's choice, not the lead's.
 */
function regExpProblem(error: unknown, source: string): string {
  let problem = (error instanceof Error ? error.message : String(error)).replace(
    /^Invalid regular expression:\s*/i,
    '',
  );
  const echoed = `/${source}/`;
  if (problem.startsWith(echoed)) problem = problem.slice(echoed.length).replace(/^[a-z]*:\s*/, '');
  return problem;
}

function checkPatterns(policy: Loose, report: Report): void {
  const classification = objectAt(policy.classification);
  for (const rulesKey of ['categoryRules', 'severityRules'] as const) {
    listAt(classification[rulesKey]).forEach((rule, ruleIndex) => {
      listAt(objectAt(rule).patterns).forEach((pattern, index) => {
        if (!isString(pattern)) return;
        try {
          compileRulePattern(pattern);
        } catch (error) {
          report(
            ['classification', rulesKey, ruleIndex, 'patterns', index],
            `Invalid regular expression: ${regExpProblem(error, pattern)}`,
          );
        }
      });
    });
  }
}

function checkSla(policy: Loose, report: Report): void {
  const sla = objectAt(policy.sla);
  const base = objectAt(sla.firstResponseMinutes);
  // A more serious mention must never be allowed to wait longer than a less serious one.
  const checkOrder = (
    targets: Loose,
    pathFor: (level: Severity) => Path,
    where: string,
    concerns: (level: Severity) => boolean = () => true,
  ) => {
    for (const level of [2, 3, 4] as const) {
      const lower = targets[level - 1];
      const target = targets[level];
      if (!concerns(level)) continue;
      if (typeof lower === 'number' && typeof target === 'number' && target > lower) {
        report(
          pathFor(level),
          `Severity ${level} (${target} min) must not wait longer than severity ${level - 1} (${lower} min)${where}`,
        );
      }
    }
  };
  checkOrder(base, (level) => ['sla', 'firstResponseMinutes', String(level)], '');
  for (const [platform, value] of Object.entries(objectAt(sla.byPlatform))) {
    const overrides = objectAt(value);
    const pathFor = (level: Severity): Path =>
      level in overrides ? ['sla', 'byPlatform', platform, String(level)] : ['sla', 'byPlatform', platform];
    // Only pairs involving an override: the general targets were checked above.
    const concerns = (level: Severity) => level in overrides || level - 1 in overrides;
    checkOrder({ ...base, ...overrides }, pathFor, ` on ${platform}`, concerns);
  }
}

function checkThankTheFan(policy: Loose, report: Report): void {
  const thankTheFan = objectAt(policy.thankTheFan);
  if (thankTheFan.enabled !== true) return;
  const visibilities = listAt(thankTheFan.templates).map((template) => objectAt(template).visibility);
  for (const visibility of VISIBILITIES) {
    if (!visibilities.includes(visibility)) {
      report(
        ['thankTheFan', 'templates'],
        `Thanking fans is enabled: add at least one ${visibility} template (thank them publicly and privately)`,
      );
    }
  }
}

function checkBannedPhrases(policy: Loose, report: Report): void {
  const seen = new Set<string>();
  listAt(policy.bannedPhrases).forEach((entry, index) => {
    const phrase = objectAt(entry).phrase;
    if (!isString(phrase)) return;
    const key = phraseKey(phrase);
    if (seen.has(key)) report(['bannedPhrases', index, 'phrase'], `'${phrase}' is listed twice`);
    seen.add(key);
  });
}

/** `templates[3].text` style, as the CLI prints paths. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[\w$-]+$/.test(segment)) {
      out += out === '' ? segment : `.${segment}`;
    } else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out === '' ? '(root)' : out;
}

const CROSS_FIELD_CHECKS = [
  checkRatings,
  checkContacts,
  checkTemplates,
  checkPatterns,
  checkSla,
  checkThankTheFan,
  checkBannedPhrases,
];

export const policySchema = policyObjectSchema.superRefine(
  (policy, context) => {
    const report: Report = (path, message) => context.addIssue({ code: 'custom', path, message });
    for (const check of CROSS_FIELD_CHECKS) {
      try {
        check(objectAt(policy), report);
      } catch {
        // Data too malformed for this check; the field schemas have already reported why.
      }
    }
  },
  // Run even when fields are invalid, so every error is reported in one pass.
  { when: (payload) => payload.value !== null && typeof payload.value === 'object' },
);

export type Policy = z.infer<typeof policySchema>;
/** What a policy file may omit (defaults filled in by the schema). */
export type PolicyInput = z.input<typeof policySchema>;
export type BrandTerms = Policy['brand'];
export type Rating = Policy['ratings'][number];
export type ResolutionStep = z.infer<typeof resolutionStepSchema>;
export type ReplyTemplate = z.infer<typeof replyTemplateSchema>;
export type HandoffScript = z.infer<typeof handoffScriptSchema>;
export type VisibilityTemplate = z.infer<typeof visibilityTemplateSchema>;
export type CrisisStatusTemplate = z.infer<typeof crisisStatusTemplateSchema>;
export type EscalationContact = z.infer<typeof escalationContactSchema>;
export type Guideline = z.infer<typeof guidelineSchema>;
export type BannedPhrase = z.infer<typeof bannedPhraseSchema>;
export type SeverityMinutes = z.infer<typeof severityMinutesSchema>;
