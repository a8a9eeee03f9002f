import { policyTemplateValues } from '../policy/queries';
import type { HandoffScript, Policy, TemplateVariable } from '../policy/schema';
import { cleanTemplateValue } from './fill';

/**
 * Where each template variable's value comes from for one mention: the mention and customer (page
 * text), the agent's settings, the case, and the policy. Pure, so the sidebar and tests agree.
 */

export type TemplateValues = Partial<Record<TemplateVariable, string>>;

/** What the agent sees next to an input for a variable that still needs a value. */
export const VARIABLE_LABELS: Record<TemplateVariable, string> = {
  customerName: 'Customer name',
  agentName: 'Your name',
  agentSignature: 'Your sign-off',
  caseReference: 'Case reference',
  brandName: 'Brand name',
  privateChannel: 'Private channel',
  incidentSummary: 'What is wrong (one sentence)',
  statusPageUrl: 'Status page link',
};

/** Help under that input: where the value usually comes from, so the agent can fix it for next time. */
export const VARIABLE_HINTS: Record<TemplateVariable, string> = {
  customerName: 'How to address them.',
  agentName: 'Set your name in Parley’s options to fill this in every time.',
  agentSignature: 'e.g. “– Sam”. Set it in Parley’s options to fill this in every time.',
  caseReference: 'The reference the customer can quote back.',
  brandName: 'The policy’s brand name.',
  privateChannel: 'Where you continue privately: DM, email or phone.',
  incidentSummary: 'One plain sentence. Filled in when the policy’s crisis summary is set.',
  statusPageUrl: 'Filled in when the policy sets a status page.',
};

/** The label for any placeholder name, including ones the agent typed that the policy does not know. */
export function variableLabel(name: string): string {
  return Object.hasOwn(VARIABLE_LABELS, name) ? VARIABLE_LABELS[name as TemplateVariable] : name;
}

export function variableHint(name: string): string | null {
  return Object.hasOwn(VARIABLE_HINTS, name) ? VARIABLE_HINTS[name as TemplateVariable] : null;
}

const REFERENCE_SUFFIX_LENGTH = 5;
const REFERENCE_PREFIX_MAX = 8;

/**
 * A short reference a customer can quote back, e.g. 'ACME-7K2QD': the brand's name and the end of the
 * case id. The end of the id is its random part (see lib/db/ids), so references of one customer's cases
 * differ, and the same case always gets the same reference.
 */
export function caseReference(caseId: string, brandName: string): string {
  const letters = (value: string) =>
    value
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9]/g, '')
      .toUpperCase();
  const prefix = letters(brandName).slice(0, REFERENCE_PREFIX_MAX) || 'CASE';
  const suffix = letters(caseId).slice(-REFERENCE_SUFFIX_LENGTH);
  return `${prefix}-${suffix}`;
}

// "@name" (or full-width "＠name", which X reads the same) starting a word of a display name: in the
// brand's public reply it would tag, and notify, whatever account the customer chose to name.
const MENTION_SIGN = /(?<![\p{L}\p{N}_])[@\uFF20]+(?=[\p{L}\p{N}_])/gu;

/** The customer as a reply addresses them: their display name, or their @handle when the page had none. */
export function customerNameFor(
  mention: { authorHandle: string },
  customer: { displayName: string } | null,
): string {
  const handle = mention.authorHandle.replace(/^@+/, '');
  const displayName = customer?.displayName.trim() ?? '';
  if (displayName !== '' && displayName.replace(/^@+/, '').toLowerCase() !== handle.toLowerCase()) {
    // Cleaned first: a brace or bidi control the cleaning drops must not join a sign to a name.
    return cleanTemplateValue(displayName).replace(MENTION_SIGN, '');
  }
  return `@${handle}`;
}

/** "– Sam" from "Sam Lee": the sign-off used when the agent set a name but no sign-off of their own. */
export function defaultSignature(agentName: string): string {
  const first = agentName.trim().split(/\s+/)[0] ?? '';
  return first === '' ? '' : `– ${first}`;
}

const CHANNEL_WORDS: Record<HandoffScript['channel'], string> = { dm: 'DM', email: 'email', phone: 'phone' };

/** How a public reply names a private channel: "continue by DM", "by email", "by phone". */
export function privateChannelWords(channel: HandoffScript['channel']): string {
  return CHANNEL_WORDS[channel];
}

export interface TemplateValueSources {
  policy: Policy;
  settings: { agentName: string; agentSignature: string } | null;
  mention: { authorHandle: string; caseId: string };
  customer: { displayName: string } | null;
  /** Chosen by the agent when the reply moves the conversation to a private channel. */
  privateChannel?: string;
}

/** Every value known for this mention; variables without a value are absent (the sidebar asks for them). */
export function templateValuesFor(sources: TemplateValueSources): TemplateValues {
  const { policy, settings, mention, customer } = sources;
  const values: TemplateValues = {
    ...policyTemplateValues(policy),
    customerName: customerNameFor(mention, customer),
    caseReference: caseReference(mention.caseId, policy.brand.name),
  };
  const agentName = settings?.agentName.trim() ?? '';
  const signature = settings?.agentSignature.trim() || defaultSignature(agentName);
  if (agentName !== '') values.agentName = agentName;
  if (signature !== '') values.agentSignature = signature;
  if (sources.privateChannel?.trim()) values.privateChannel = sources.privateChannel.trim();
  return values;
}
