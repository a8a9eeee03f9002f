import type { Policy, TemplateVariable, VisibilityTemplate } from '../policy/schema';
import { fillTemplate, removePlaceholder } from '../replies/fill';
import type { TemplateValues } from '../replies/variables';

/**
 * Choosing thank-you texts so they never read like a bot: each post gets a template picked from a hash of
 * its key (stable across reloads: the agent sees the same suggestion each time), and fans on the same page
 * get different templates while there are enough to go round.
 */

/** 32-bit FNV-1a: small, stable and well spread for short keys. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Assigns each key one of `options`, deterministically for the same set of keys, and different options
 * to different keys until every option has been used once.
 */
export function assignVaried<T>(keys: readonly string[], options: readonly T[]): Map<string, T> {
  const assigned = new Map<string, T>();
  if (options.length === 0) return assigned;
  const ordered = [...new Set(keys)].sort((a, b) => stableHash(a) - stableHash(b) || (a < b ? -1 : 1));
  let used = new Set<number>();
  for (const key of ordered) {
    if (used.size === options.length) used = new Set();
    let index = stableHash(key) % options.length;
    while (used.has(index)) index = (index + 1) % options.length;
    used.add(index);
    assigned.set(key, options[index] as T);
  }
  return assigned;
}

/**
 * Templates written for loyal fans (their id or name says "loyal") would sound odd to someone praising us
 * for the first time, so they are kept for loyal fans, who get them first.
 */
function isLoyalTemplate(template: VisibilityTemplate): boolean {
  return /loyal/i.test(template.id) || /loyal/i.test(template.name);
}

export function thanksTemplatesFor(
  policy: Policy,
  options: { visibility: 'public' | 'private'; loyal: boolean; platform?: string; language?: string },
): VisibilityTemplate[] {
  const language = (options.language ?? 'en').toLowerCase().split('-')[0];
  const suitable = policy.thankTheFan.templates.filter(
    (template) =>
      template.visibility === options.visibility &&
      template.language.toLowerCase().split('-')[0] === language &&
      (!options.platform ||
        !template.platforms ||
        template.platforms.includes(options.platform as (typeof template.platforms)[number])),
  );
  const loyal = suitable.filter(isLoyalTemplate);
  const general = suitable.filter((template) => !isLoyalTemplate(template));
  if (options.loyal) return loyal.length > 0 ? loyal : general;
  return general.length > 0 ? general : suitable;
}

export interface ThanksChoice {
  publicTemplate: VisibilityTemplate | null;
  privateTemplate: VisibilityTemplate | null;
}

/**
 * The public thanks and private note for one praise post. `pageKeys` are the other praise posts in view
 * (the sidebar's queue), so neighbours get different wording.
 */
export function pickThanks(
  policy: Policy,
  input: { postKey: string; pageKeys: readonly string[]; loyal: boolean; platform?: string },
): ThanksChoice {
  const keys = [input.postKey, ...input.pageKeys];
  const pick = (visibility: 'public' | 'private') => {
    const templates = thanksTemplatesFor(policy, {
      visibility,
      loyal: input.loyal,
      platform: input.platform,
    });
    return assignVaried(keys, templates).get(input.postKey) ?? null;
  };
  return { publicTemplate: pick('public'), privateTemplate: pick('private') };
}

/** Invite-to-share templates (after a resolution), public first. */
export function inviteToShareTemplates(
  policy: Policy,
  platform?: string,
): { publicTemplate: VisibilityTemplate | null; privateTemplate: VisibilityTemplate | null } {
  const suits = (template: VisibilityTemplate) =>
    !platform ||
    !template.platforms ||
    template.platforms.includes(platform as (typeof template.platforms)[number]);
  const list = policy.inviteToShareTemplates.filter(suits);
  return {
    publicTemplate: list.find((template) => template.visibility === 'public') ?? null,
    privateTemplate: list.find((template) => template.visibility === 'private') ?? null,
  };
}

/**
 * A thank-you or invitation ready to use: placeholders the template does not require (a sign-off the
 * agent has not set) are taken out rather than inserted literally; required ones stay visible.
 */
export function fillPromptTemplate(template: VisibilityTemplate, values: TemplateValues): string {
  const filled = fillTemplate(template.text, values);
  let text = filled.text;
  for (const name of filled.missing) {
    if (!template.requiredVariables.includes(name as TemplateVariable)) text = removePlaceholder(text, name);
  }
  return text.trim();
}
