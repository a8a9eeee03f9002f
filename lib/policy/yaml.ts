import { Document, isCollection, isMap, isScalar, visit } from 'yaml';
import { DEFAULT_POLICY } from './default-policy';
import { type Policy, TEMPLATE_VARIABLES } from './schema';

/**
 * Renders a policy as YAML a team lead can read and edit: section comments, severity keys written as
 * plain numbers, and `language: en` left out (it is the default). Kept apart from default-policy.ts so
 * bundles that only need the data do not pull in the YAML writer.
 */

const SECTION_COMMENTS: Record<string, string> = {
  version: [
    'Raise the version with every change you publish. Agents never go back to a lower version; a file',
    'with the same version is applied only when its updatedAt is newer.',
  ].join('\n'),
  brand: [
    'What the extension looks for in posts. Names, aliases and misspellings are matched as whole words,',
    'case- and accent-insensitively. Handles without @, hashtags without #, domains without https://.',
    'phones and emails: your public support lines and addresses, which a public reply may give out (they',
    'are not matched in posts). Shared inboxes on your domains (support@, help@…) need no listing.',
    'Exclusions are phrases that contain a name but are not you. ownAccounts are your own accounts: their',
    'posts are never treated as customer mentions.',
  ].join('\n'),
  classification: [
    'Tune detection without retraining. categoryRules: keywords or regular expressions that "force" a',
    'category or "boost" it. severityRules: raise a mention to a rating when its keywords appear.',
  ].join('\n'),
  ratings: [
    'Every mention is rated 1 (low) to 4 (critical). Each rating has a known path to resolution, in order:',
    '  acknowledge-publicly, apologise, move-to-private (channels: dm, email, phone; withPermission),',
    '  escalate (contactId from escalationContacts, withinMinutes), resolve, invite-to-share-outcome.',
    'guidance: advice the sidebar shows for this rating, per category.',
  ].join('\n'),
  sla: 'First-response targets in minutes per severity; byPlatform overrides them for one platform.',
  dos: "Do's and don'ts shown to agents; categories limits one to those categories (all when omitted).",
  bannedPhrases: [
    'Phrases the reply check flags in a draft and the policy check in the templates below (whole words,',
    'any case; a hyphen between words matches a space), with why and what to say instead.',
  ].join('\n'),
  templates: [
    'Public reply templates: a guide to tailor, never a script to paste. Placeholders:',
    ...Object.entries(TEMPLATE_VARIABLES).map(([name, description]) => `  {{${name}}}: ${description}`),
    'requiredVariables must be filled before the text can be inserted. platforms: all when omitted.',
    "language: a BCP-47 tag, 'en' when omitted. audience: first-contact, repeat or any.",
    'caseState (open, awaiting-customer, resolved) and severities narrow when a template is suggested.',
    'Keep X replies within 280 characters.',
  ].join('\n'),
  handoffScripts: 'What to say when the conversation moves to DM, email or phone.',
  thankTheFan: [
    'Thank fans publicly and privately. A customer with loyalFanMinPraises praise mentions is a loyal fan;',
    'keep several templates of each visibility so thank-yous vary.',
  ].join('\n'),
  inviteToShareTemplates: 'After a resolution: invite the customer to share the happy outcome.',
  crisis: [
    'Set active: true during an outage or incident: agents see a banner and the status templates.',
    'summary fills {{incidentSummary}}; post an update every updateEveryMinutes, even with no news.',
    'contacts: ids from escalationContacts to alert.',
  ].join('\n'),
  escalationContacts: 'Who to escalate to, how (channel: email, phone, chat, pager, other) and when.',
};

export interface RenderPolicyOptions {
  /** Add the section comments (default true). */
  comments?: boolean;
  /** A comment block at the top of the file. */
  header?: string;
}

export function renderPolicyYaml(policy: Policy, options: RenderPolicyOptions = {}): string {
  // Shared arrays in the data (platform lists) must not turn into YAML anchors and aliases.
  const document = new Document(toRenderable(policy), { aliasDuplicateObjects: false });
  visit(document, {
    Seq(_key, node) {
      // Short lists of words read best on one line: `channels: [dm, email, phone]`.
      const words = node.items.every(
        (item) => isScalar(item) && /^[\w.@-]+$/.test(String(item.value)) && typeof item.value !== 'boolean',
      );
      const length = node.items.reduce<number>(
        (total, item) => total + String(isScalar(item) ? item.value : '').length + 2,
        0,
      );
      if (words && length <= 60) node.flow = true;
    },
  });
  if (options.header) document.commentBefore = options.header.replace(/^/gm, ' ');
  if (options.comments !== false && isMap(document.contents)) {
    document.contents.items.forEach((pair, index) => {
      if (!isScalar(pair.key)) return;
      const comment = SECTION_COMMENTS[String(pair.key.value)];
      if (index > 0 && (comment || isCollection(pair.value))) pair.key.spaceBefore = true;
      if (comment) pair.key.commentBefore = comment.replace(/^/gm, ' ');
    });
  }
  return document.toString({ lineWidth: 0 });
}

/** The commented YAML of the embedded Acme policy. */
export function defaultPolicyYaml(): string {
  return renderPolicyYaml(DEFAULT_POLICY, {
    header: 'Parley policy: the embedded demo policy for Acme.',
  });
}

function starterUpdatedAt(now: Date): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

/** What `parley policy init FILE.json` writes: the starter's data, without the comments JSON cannot hold. */
export function starterPolicyJson(now: Date = new Date()): string {
  return `${JSON.stringify({ ...DEFAULT_POLICY, updatedAt: starterUpdatedAt(now) }, null, 2)}\n`;
}

/** What `parley policy init` writes: the Acme policy as a commented starting point, dated now. */
export function starterPolicyYaml(now: Date = new Date()): string {
  const updatedAt = starterUpdatedAt(now);
  return renderPolicyYaml(
    { ...DEFAULT_POLICY, updatedAt },
    {
      header: [
        "Parley policy: one file your team publishes at a URL; every agent's extension follows it.",
        'This starter is the demo brand Acme: replace the brand, contacts and templates with your own.',
        'Check it with `npx parley policy check FILE` before you publish, and raise `version` each time.',
        'Editor support: point your YAML language server at docs/policy.schema.json from the Parley repo.',
      ].join('\n'),
    },
  );
}

/** Plain data for the YAML writer: severity maps get number keys, default languages are left out. */
function toRenderable(policy: Policy): Record<string, unknown> {
  const severityMap = (minutes: Record<string, number | undefined>) =>
    new Map(
      Object.entries(minutes)
        .filter((entry): entry is [string, number] => entry[1] !== undefined)
        .map(([level, value]) => [Number(level), value]),
    );
  const withoutDefaultLanguage = <T extends { language: string }>(items: T[]) =>
    items.map(({ language, ...rest }) => (language === 'en' ? rest : { ...rest, language }));

  return {
    ...policy,
    sla: {
      firstResponseMinutes: severityMap(policy.sla.firstResponseMinutes),
      byPlatform: Object.fromEntries(
        Object.entries(policy.sla.byPlatform).map(([platform, minutes]) => [
          platform,
          severityMap(minutes ?? {}),
        ]),
      ),
    },
    templates: withoutDefaultLanguage(policy.templates),
    handoffScripts: withoutDefaultLanguage(policy.handoffScripts),
    thankTheFan: { ...policy.thankTheFan, templates: withoutDefaultLanguage(policy.thankTheFan.templates) },
    inviteToShareTemplates: withoutDefaultLanguage(policy.inviteToShareTemplates),
    crisis: { ...policy.crisis, statusTemplates: withoutDefaultLanguage(policy.crisis.statusTemplates) },
  };
}
