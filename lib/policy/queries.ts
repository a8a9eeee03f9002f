import type { Category, Platform, Severity } from '../domain/types';
import { PLATFORM_LABELS } from '../domain/types';
import type {
  EscalationContact,
  Guideline,
  Policy,
  Rating,
  ReplyTemplate,
  ResolutionStep,
  TemplateVariable,
} from './schema';

/** Read-only lookups over a validated policy, shared by the sidebar, reply suggestions and the CLI. */

export function ratingFor(policy: Policy, severity: Severity): Rating | undefined {
  return policy.ratings.find((rating) => rating.level === severity);
}

/** The first-response target in minutes, with the platform's override when it has one. */
export function firstResponseTargetMinutes(
  policy: Pick<Policy, 'sla'>,
  severity: Severity,
  platform?: Platform,
): number {
  const override = platform ? policy.sla.byPlatform[platform]?.[severity] : undefined;
  return override ?? policy.sla.firstResponseMinutes[severity];
}

export function contactById(policy: Policy, id: string): EscalationContact | undefined {
  return policy.escalationContacts.find((contact) => contact.id === id);
}

/** The do's and don'ts that apply to a category (those without categories apply to all). */
export function guidelinesFor(policy: Policy, category: Category): { dos: Guideline[]; donts: Guideline[] } {
  const applies = (guideline: Guideline) => !guideline.categories || guideline.categories.includes(category);
  return { dos: policy.dos.filter(applies), donts: policy.donts.filter(applies) };
}

export interface ReplyTemplateFilter {
  category: Category;
  platform?: Platform;
  severity?: Severity;
  /** Whether the customer has talked to us before. */
  audience?: 'first-contact' | 'repeat';
  caseState?: 'open' | 'awaiting-customer' | 'resolved';
  /** BCP-47; templates in the same primary language match ('pt' matches 'pt-BR'). Default 'en'. */
  language?: string;
}

export type TemplateMismatch = 'category' | 'platform' | 'severity' | 'audience' | 'caseState' | 'language';

const primaryLanguage = (tag: string) => tag.toLowerCase().split('-')[0];

/**
 * What a reply template was written for that this mention is not (none: it suits the mention). The one
 * rule behind both the suggestions and the search's "Written for …".
 */
export function templateMismatches(template: ReplyTemplate, filter: ReplyTemplateFilter): TemplateMismatch[] {
  const mismatches: TemplateMismatch[] = [];
  if (template.category !== filter.category) mismatches.push('category');
  if (filter.platform && template.platforms && !template.platforms.includes(filter.platform)) {
    mismatches.push('platform');
  }
  if (filter.severity && template.severities && !template.severities.includes(filter.severity)) {
    mismatches.push('severity');
  }
  if (filter.audience && template.audience !== 'any' && template.audience !== filter.audience) {
    mismatches.push('audience');
  }
  if (filter.caseState && template.caseState && template.caseState !== filter.caseState) {
    mismatches.push('caseState');
  }
  if (primaryLanguage(template.language) !== primaryLanguage(filter.language ?? 'en')) {
    mismatches.push('language');
  }
  return mismatches;
}

/**
 * Reply templates that suit a mention, most specific first: a template written for this platform,
 * audience, case state or rating ranks above a general one.
 */
export function replyTemplatesFor(policy: Policy, filter: ReplyTemplateFilter): ReplyTemplate[] {
  const suits = (template: ReplyTemplate) => templateMismatches(template, filter).length === 0;
  const specificity = (template: ReplyTemplate) =>
    (template.platforms ? 1 : 0) +
    (template.audience !== 'any' ? 1 : 0) +
    (template.caseState ? 1 : 0) +
    (template.severities ? 1 : 0);
  return policy.templates
    .map((template, index) => ({ template, index }))
    .filter(({ template }) => suits(template))
    .sort((a, b) => specificity(b.template) - specificity(a.template) || a.index - b.index)
    .map(({ template }) => template);
}

/** Values a template can take from the policy itself ({{brandName}}, crisis fields). */
export function policyTemplateValues(policy: Policy): Partial<Record<TemplateVariable, string>> {
  const values: Partial<Record<TemplateVariable, string>> = { brandName: policy.brand.name };
  if (policy.crisis.summary) values.incidentSummary = policy.crisis.summary;
  if (policy.crisis.statusPageUrl) values.statusPageUrl = policy.crisis.statusPageUrl;
  return values;
}

const CHANNEL_WORDS = { dm: 'DM', email: 'email', phone: 'phone' } as const;

/** One resolution step as a sentence for agents, e.g. "Escalate to Priya Shah (Team lead) within 60 min". */
export function describeResolutionStep(step: ResolutionStep, policy?: Policy): string {
  switch (step.type) {
    case 'acknowledge-publicly':
      return 'Acknowledge publicly';
    case 'apologise':
      return 'Apologise';
    case 'move-to-private': {
      const channels = step.channels.map((channel) => CHANNEL_WORDS[channel]);
      const list =
        channels.length > 1
          ? `${channels.slice(0, -1).join(', ')} or ${channels[channels.length - 1]}`
          : channels[0];
      return `Move to ${list}${step.withPermission ? ' (ask permission first)' : ''}`;
    }
    case 'escalate': {
      const contact = policy ? contactById(policy, step.contactId) : undefined;
      const who = contact ? `${contact.name} (${contact.role})` : step.contactId;
      return `Escalate to ${who} within ${step.withinMinutes} min`;
    }
    case 'resolve':
      return 'Resolve';
    case 'invite-to-share-outcome':
      return 'Invite them to share the outcome';
  }
}

/** "X, Facebook" or "all platforms". */
export function describePlatforms(platforms: readonly Platform[] | undefined): string {
  if (!platforms) return 'all platforms';
  return platforms.map((platform) => PLATFORM_LABELS[platform]).join(', ');
}
