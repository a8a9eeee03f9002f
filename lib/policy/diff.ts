import { CATEGORIES, PLATFORM_LABELS, type Platform, SEVERITIES } from '../domain/types';
import { describePlatforms, describeResolutionStep } from './queries';
import type { Guideline, Policy, Rating } from './schema';

/**
 * What changed between two policies, as sentences an agent understands at a glance ("Crisis mode turned
 * on", "Banned phrase 'calm down' added"). Most urgent first: crisis, response targets, what not to say,
 * then guidance, templates, contacts, brand terms and detection rules.
 */

export interface PolicyDiff {
  summary: string[];
}

export function diffPolicies(old: Policy, next: Policy): PolicyDiff {
  const summary: string[] = [];
  diffCrisis(old, next, summary);
  diffSla(old, next, summary);
  diffBannedPhrases(old, next, summary);
  diffGuidelines(old.dos, next.dos, 'do', summary);
  diffGuidelines(old.donts, next.donts, "don't", summary);
  diffRatings(old, next, summary);
  diffTemplates(old.templates, next.templates, 'Template', summary);
  diffTemplates(old.handoffScripts, next.handoffScripts, 'Handoff script', summary);
  diffThankTheFan(old, next, summary);
  diffTemplates(
    old.inviteToShareTemplates,
    next.inviteToShareTemplates,
    'Share-the-outcome template',
    summary,
  );
  diffContacts(old, next, summary);
  diffBrand(old, next, summary);
  diffClassification(old, next, summary);
  return { summary };
}

/**
 * Why a changed copy of the active policy, from the same published file, would not replace it: a lower
 * version never does (an old cached copy must not roll agents back), and the same version does only when
 * its updatedAt is later (a lead who fixed a typo without raising the version still reaches agents; an
 * older or undated copy, a stale mirror, never wins). Null when it would replace it. Sync refuses such
 * a copy, and `policy diff` warns a lead with the same rule before publishing it.
 */
export function staleness(current: Policy, next: Policy): 'lower-version' | 'same-version-not-newer' | null {
  if (next.version < current.version) return 'lower-version';
  if (next.version === current.version && !(Date.parse(next.updatedAt) > Date.parse(current.updatedAt))) {
    return 'same-version-not-newer';
  }
  return null;
}

/** The headline an agent sees when a new policy applies, e.g. "Policy updated to v4". */
export function policyUpdateHeadline(next: Policy): string {
  return `Policy updated to v${next.version}`;
}

// ---------------------------------------------------------------------------------------------- crisis

function diffCrisis(old: Policy, next: Policy, out: string[]): void {
  const before = old.crisis;
  const after = next.crisis;
  if (!before.active && after.active) {
    out.push(after.summary ? `Crisis mode turned on: ${after.summary}` : 'Crisis mode turned on');
  } else if (before.active && !after.active) {
    out.push('Crisis mode turned off');
  } else if (after.active && before.summary !== after.summary && after.summary) {
    out.push(`Crisis summary changed: ${after.summary}`);
  }
  if (before.statusPageUrl !== after.statusPageUrl) {
    out.push(after.statusPageUrl ? `Status page is now ${after.statusPageUrl}` : 'Status page removed');
  }
  if (before.updateEveryMinutes !== after.updateEveryMinutes) {
    out.push(
      `Crisis status updates now every ${after.updateEveryMinutes} minutes (was ${before.updateEveryMinutes})`,
    );
  }
  if (!deepEqual(before.contacts, after.contacts)) {
    out.push(`Crisis contacts changed to ${after.contacts.join(', ') || 'none'}`);
  }
  diffTemplates(before.statusTemplates, after.statusTemplates, 'Crisis status template', out);
}

// ------------------------------------------------------------------------------------------------- SLA

function diffSla(old: Policy, next: Policy, out: string[]): void {
  for (const level of SEVERITIES) {
    const before = old.sla.firstResponseMinutes[level];
    const after = next.sla.firstResponseMinutes[level];
    if (before !== after) {
      out.push(`First-response target for severity ${level} changed from ${before} to ${after} minutes`);
    }
  }
  const platforms = new Set([...Object.keys(old.sla.byPlatform), ...Object.keys(next.sla.byPlatform)]);
  for (const platform of platforms as Set<Platform>) {
    const label = PLATFORM_LABELS[platform] ?? platform;
    for (const level of SEVERITIES) {
      const before = old.sla.byPlatform[platform]?.[level];
      const after = next.sla.byPlatform[platform]?.[level];
      if (before === after) continue;
      if (before === undefined) {
        out.push(`First-response target for severity ${level} on ${label} set to ${after} minutes`);
      } else if (after === undefined) {
        out.push(
          `First-response target for severity ${level} on ${label} now follows the general target (${next.sla.firstResponseMinutes[level]} minutes)`,
        );
      } else {
        out.push(
          `First-response target for severity ${level} on ${label} changed from ${before} to ${after} minutes`,
        );
      }
    }
  }
}

// ------------------------------------------------------------------------------- what not to say, do's

function diffBannedPhrases(old: Policy, next: Policy, out: string[]): void {
  const key = (phrase: string) => phrase.toLowerCase();
  const before = new Map(old.bannedPhrases.map((entry) => [key(entry.phrase), entry]));
  const after = new Map(next.bannedPhrases.map((entry) => [key(entry.phrase), entry]));
  for (const [phraseKey, entry] of after) {
    const previous = before.get(phraseKey);
    if (!previous) out.push(`Banned phrase '${entry.phrase}' added`);
    else if (!deepEqual(previous, entry)) out.push(`Banned phrase '${entry.phrase}' changed`);
  }
  for (const [phraseKey, entry] of before) {
    if (!after.has(phraseKey)) out.push(`Banned phrase '${entry.phrase}' removed`);
  }
}

function diffGuidelines(old: Guideline[], next: Guideline[], kind: 'do' | "don't", out: string[]): void {
  const label = kind === 'do' ? 'Do' : "Don't";
  const before = new Map(old.map((guideline) => [guideline.text, guideline]));
  const after = new Map(next.map((guideline) => [guideline.text, guideline]));
  for (const [text, guideline] of after) {
    const previous = before.get(text);
    if (!previous) out.push(`New ${kind}: '${text}'`);
    else if (!deepEqual(previous, guideline)) out.push(`${label} '${text}' changed`);
  }
  for (const text of before.keys()) {
    if (!after.has(text)) out.push(`${label} removed: '${text}'`);
  }
}

// --------------------------------------------------------------------------------------------- ratings

function diffRatings(old: Policy, next: Policy, out: string[]): void {
  for (const level of SEVERITIES) {
    const before = old.ratings.find((rating) => rating.level === level);
    const after = next.ratings.find((rating) => rating.level === level);
    if (!before || !after || deepEqual(before, after)) continue;
    const name = `severity ${level} (${after.name})`;
    if (before.name !== after.name)
      out.push(`Severity ${level} renamed from '${before.name}' to '${after.name}'`);
    if (before.description !== after.description) out.push(`Description of ${name} changed`);
    if (!deepEqual(before.resolution, after.resolution)) {
      const path = after.resolution.map((step) => describeResolutionStep(step, next)).join(' → ');
      out.push(`Resolution path for ${name} changed: ${path}`);
    }
    diffGuidance(before, after, name, out);
  }
}

function diffGuidance(before: Rating, after: Rating, name: string, out: string[]): void {
  for (const category of CATEGORIES) {
    const was = before.guidance[category];
    const now = after.guidance[category];
    if (deepEqual(was, now)) continue;
    // The advice itself, quoted: "Guidance changed" alone would send every agent off to find out what.
    const added = (now ?? []).filter((line) => !(was ?? []).includes(line));
    const removed = (was ?? []).filter((line) => !(now ?? []).includes(line));
    const quoted = (lines: string[]) => lines.map((line) => `'${line}'`).join('; ');
    if (!was) out.push(`Guidance for ${category} at ${name} added: ${quoted(added)}`);
    else if (!now) out.push(`Guidance for ${category} at ${name} removed`);
    else {
      const parts = [
        ...(added.length > 0 ? [`added ${quoted(added)}`] : []),
        ...(removed.length > 0 ? [`removed ${quoted(removed)}`] : []),
      ];
      out.push(`Guidance for ${category} at ${name} changed: ${parts.join('; ') || 'reordered'}`);
    }
  }
}

// ------------------------------------------------------------------------------------------- templates

const FIELD_LABELS: Record<string, string> = {
  text: 'text',
  requiredVariables: 'required variables',
  platforms: 'platforms',
  language: 'language',
  category: 'category',
  severities: 'ratings',
  audience: 'audience',
  caseState: 'case state',
  channel: 'channel',
  visibility: 'visibility',
  phase: 'phase',
};

interface TemplateLike {
  id: string;
  name: string;
  platforms?: Platform[];
}

function diffTemplates<T extends TemplateLike>(old: T[], next: T[], label: string, out: string[]): void {
  const before = new Map(old.map((template) => [template.id, template]));
  const after = new Map(next.map((template) => [template.id, template]));
  for (const [id, template] of after) {
    const previous = before.get(id);
    if (!previous) {
      out.push(`${label} '${template.name}' added (${describePlatforms(template.platforms)})`);
      continue;
    }
    if (deepEqual(previous, template)) continue;
    const fields = Object.keys(FIELD_LABELS)
      .filter((field) => !deepEqual(fieldOf(previous, field), fieldOf(template, field)))
      .map((field) => FIELD_LABELS[field]);
    const renamed = previous.name !== template.name ? ` (was '${previous.name}')` : '';
    const what = fields.length > 0 ? `changed: ${fields.join(', ')}` : 'renamed';
    out.push(`${label} '${template.name}'${renamed} ${what}`);
  }
  for (const [id, template] of before) {
    if (!after.has(id)) out.push(`${label} '${template.name}' removed`);
  }
}

function fieldOf(value: object, field: string): unknown {
  return (value as Record<string, unknown>)[field];
}

function diffThankTheFan(old: Policy, next: Policy, out: string[]): void {
  const before = old.thankTheFan;
  const after = next.thankTheFan;
  if (before.enabled !== after.enabled) {
    out.push(after.enabled ? 'Thanking loyal fans turned on' : 'Thanking loyal fans turned off');
  }
  if (before.loyalFanMinPraises !== after.loyalFanMinPraises) {
    out.push(
      `A loyal fan is now someone with ${after.loyalFanMinPraises} praise mentions (was ${before.loyalFanMinPraises})`,
    );
  }
  diffTemplates(before.templates, after.templates, 'Thank-you template', out);
}

// -------------------------------------------------------------------------------------------- contacts

function diffContacts(old: Policy, next: Policy, out: string[]): void {
  const before = new Map(old.escalationContacts.map((contact) => [contact.id, contact]));
  const after = new Map(next.escalationContacts.map((contact) => [contact.id, contact]));
  for (const [id, contact] of after) {
    const previous = before.get(id);
    if (!previous) {
      out.push(`Escalation contact '${contact.name}' (${contact.role}) added`);
    } else if (!deepEqual(previous, contact)) {
      const fields = (['name', 'role', 'channel', 'address', 'when'] as const).filter(
        (field) => previous[field] !== contact[field],
      );
      out.push(`Escalation contact '${contact.name}' changed: ${fields.join(', ')}`);
    }
  }
  for (const [id, contact] of before) {
    if (!after.has(id)) out.push(`Escalation contact '${contact.name}' removed`);
  }
}

// ----------------------------------------------------------------------------------------------- brand

const BRAND_LISTS = [
  ['names', 'Brand name'],
  ['aliases', 'Brand alias'],
  ['handles', 'Handle'],
  ['hashtags', 'Hashtag'],
  ['domains', 'Domain'],
  ['phones', 'Phone line'],
  ['emails', 'E-mail address'],
  ['misspellings', 'Misspelling'],
  ['exclusions', 'Exclusion'],
] as const;

function diffBrand(old: Policy, next: Policy, out: string[]): void {
  if (old.brand.name !== next.brand.name) {
    out.push(`Brand name changed from '${old.brand.name}' to '${next.brand.name}'`);
  }
  const shown = (field: string, term: string) =>
    field === 'handles' ? `@${term}` : field === 'hashtags' ? `#${term}` : term;
  for (const [field, label] of BRAND_LISTS) {
    const before = new Set(old.brand[field]);
    const after = new Set(next.brand[field]);
    for (const term of after) if (!before.has(term)) out.push(`${label} '${shown(field, term)}' added`);
    for (const term of before) if (!after.has(term)) out.push(`${label} '${shown(field, term)}' removed`);
  }
  const account = (entry: { platform: Platform; handle: string }) =>
    `@${entry.handle} on ${PLATFORM_LABELS[entry.platform]}`;
  const before = new Set(old.brand.ownAccounts.map(account));
  const after = new Set(next.brand.ownAccounts.map(account));
  for (const entry of after) if (!before.has(entry)) out.push(`Own account ${entry} added`);
  for (const entry of before) if (!after.has(entry)) out.push(`Own account ${entry} removed`);
}

// -------------------------------------------------------------------------------------- classification

function diffClassification(old: Policy, next: Policy, out: string[]): void {
  const before = old.classification;
  const after = next.classification;
  const counts = (was: unknown[], now: unknown[]) => {
    const remaining = was.map((rule) => stableStringify(rule));
    let added = 0;
    for (const rule of now) {
      const index = remaining.indexOf(stableStringify(rule));
      if (index >= 0) remaining.splice(index, 1);
      else added += 1;
    }
    return { added, removed: remaining.length };
  };
  const parts: string[] = [];
  const describe = (noun: string, change: { added: number; removed: number }) => {
    if (change.added > 0)
      parts.push(`${change.added} ${noun}${change.added === 1 ? '' : 's'} added or changed`);
    if (change.removed > 0)
      parts.push(`${change.removed} ${noun}${change.removed === 1 ? '' : 's'} removed or replaced`);
  };
  describe('category rule', counts(before.categoryRules, after.categoryRules));
  describe('severity rule', counts(before.severityRules, after.severityRules));
  if (parts.length > 0) out.push(`Detection rules changed: ${parts.join(', ')}`);
  if (before.complaintThreshold !== after.complaintThreshold) {
    out.push(
      `Complaint threshold changed from ${before.complaintThreshold ?? 'the default'} to ${after.complaintThreshold ?? 'the default'}`,
    );
  }
}

// ------------------------------------------------------------------------------------------- equality

/** Structural equality for parsed policy data (plain objects, arrays, scalars), ignoring key order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      return Object.fromEntries(
        Object.entries(inner as Record<string, unknown>)
          .filter(([, entry]) => entry !== undefined)
          .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)),
      );
    }
    return inner;
  });
}
