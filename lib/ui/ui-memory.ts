import type { PolicySyncStatus } from '../background/policy-store';

/**
 * Small things the agent dismissed, remembered in extension storage so they stay dismissed across
 * reloads, tabs and the popup: the "policy updated" notice (shown once per update) and the thank-the-fan
 * and invite-to-share prompts (per post, per case). Also when the agent last posted a crisis status
 * update, so every tab's banner counts to the next one from the same moment.
 */

export const UI_MEMORY_KEY = 'ui.memory';
const MAX_REMEMBERED = 500;

export interface UiMemory {
  /** `lastUpdate.at` of the policy update the agent has seen. */
  seenPolicyUpdateAt: string | null;
  dismissedThanks: string[];
  dismissedInvites: string[];
  /** When the agent said they posted a status update in the current crisis (ISO). */
  crisisUpdatePostedAt: string | null;
  /** When a sidebar first saw the crisis over while an update was recorded (ISO); see ./crisis. */
  crisisOverSince: string | null;
}

export const EMPTY_UI_MEMORY: UiMemory = {
  seenPolicyUpdateAt: null,
  dismissedThanks: [],
  dismissedInvites: [],
  crisisUpdatePostedAt: null,
  crisisOverSince: null,
};

export function parseUiMemory(stored: unknown): UiMemory {
  if (typeof stored !== 'object' || stored === null) return { ...EMPTY_UI_MEMORY };
  const value = stored as Partial<Record<keyof UiMemory, unknown>>;
  const strings = (list: unknown) =>
    Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
  const time = (at: unknown) => (typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? at : null);
  return {
    seenPolicyUpdateAt: typeof value.seenPolicyUpdateAt === 'string' ? value.seenPolicyUpdateAt : null,
    dismissedThanks: strings(value.dismissedThanks).slice(-MAX_REMEMBERED),
    dismissedInvites: strings(value.dismissedInvites).slice(-MAX_REMEMBERED),
    crisisUpdatePostedAt: time(value.crisisUpdatePostedAt),
    crisisOverSince: time(value.crisisOverSince),
  };
}

/** Adds a key to a bounded list (oldest dropped first). */
export function remember(list: readonly string[], key: string): string[] {
  return [...list.filter((item) => item !== key), key].slice(-MAX_REMEMBERED);
}

/** The "Policy updated to vN" notice to show, or null once the agent has seen this update. */
export function unseenPolicyUpdate(
  status: Pick<PolicySyncStatus, 'lastUpdate'> | undefined,
  memory: Pick<UiMemory, 'seenPolicyUpdateAt'> | undefined,
): PolicySyncStatus['lastUpdate'] {
  const update = status?.lastUpdate ?? null;
  if (!update || !memory) return null;
  return update.at === memory.seenPolicyUpdateAt ? null : update;
}
