import type { Platform } from '../domain/types';
import { type HandoffScript, type Policy, templateVariablesIn } from '../policy/schema';
import type { RankedTemplate } from './suggest';

/**
 * "Move to private" (a public reply that would carry personal data): the public reply becomes a short
 * invitation to continue privately, and the policy's handoff script for that channel is prepared as the
 * first private message. Acknowledge publicly, resolve privately (seeds 001, 002 #4).
 */

export type HandoffChannel = HandoffScript['channel'];

/**
 * Used when none of the mention's suggestions asks to continue by {{privateChannel}}. Deliberately
 * plain so the template-unchanged nudge still asks the agent to make it their own.
 */
export const FALLBACK_PUBLIC_HANDOFF =
  "Hi {{customerName}}, I'd like to sort this out with you, and your details are safer away from a public thread. Could we continue by {{privateChannel}}? {{agentSignature}}";

const CHANNEL_ORDER: readonly HandoffChannel[] = ['dm', 'email', 'phone'];

function primaryLanguage(tag: string): string {
  return tag.toLowerCase().split('-')[0] ?? '';
}

/** The policy's handoff scripts usable here, one per channel (the first the policy lists), DM first. */
export function handoffScriptsFor(
  policy: Policy,
  where: { platform: Platform; language: string },
): HandoffScript[] {
  const byChannel = new Map<HandoffChannel, HandoffScript>();
  for (const script of policy.handoffScripts) {
    if (script.platforms && !script.platforms.includes(where.platform)) continue;
    if (primaryLanguage(script.language) !== primaryLanguage(where.language)) continue;
    if (!byChannel.has(script.channel)) byChannel.set(script.channel, script);
  }
  return CHANNEL_ORDER.flatMap((channel) => byChannel.get(channel) ?? []);
}

/** The public reply that moves the conversation: the best suggestion written for it, or the fallback. */
export function publicHandoffTemplate(suggestions: readonly RankedTemplate[]): {
  text: string;
  templateId: string | null;
} {
  const written = suggestions.find(({ template }) =>
    templateVariablesIn(template.text).includes('privateChannel'),
  );
  return written
    ? { text: written.template.text, templateId: written.template.id }
    : { text: FALLBACK_PUBLIC_HANDOFF, templateId: null };
}
