import { contactById } from '../policy/queries';
import type { CrisisStatusTemplate, EscalationContact, Policy } from '../policy/schema';
import { CRISIS_PHASES } from '../policy/schema';

/**
 * When the sidebar shows the crisis banner: the team lead switched crisis mode on in the policy, or
 * crisis mentions are arriving faster than normal (a spike is often the first sign of an outage, before
 * anyone has updated the policy).
 */

export const CRISIS_SPIKE = { mentions: 3, windowMinutes: 60 } as const;

export type CrisisPhase = (typeof CRISIS_PHASES)[number];

/** Whether at least `mentions` crisis mentions fall within the window ending now. */
export function isCrisisSpike(
  crisisTimes: readonly string[],
  nowMs: number,
  spike: { mentions: number; windowMinutes: number } = CRISIS_SPIKE,
): boolean {
  const since = nowMs - spike.windowMinutes * 60_000;
  let count = 0;
  for (const time of crisisTimes) {
    const ms = Date.parse(time);
    if (!Number.isNaN(ms) && ms >= since && ms <= nowMs + 60_000) count += 1;
  }
  return count >= spike.mentions;
}

export interface CrisisBanner {
  reason: 'policy' | 'spike';
  /** Crisis mentions in the last window (shown as the spike's evidence). */
  recentCount: number;
  summary: string | null;
  statusPageUrl: string | null;
  updateEveryMinutes: number;
  contacts: EscalationContact[];
}

export function crisisBanner(
  policy: Policy,
  crisisTimes: readonly string[],
  nowMs: number,
): CrisisBanner | null {
  const since = nowMs - CRISIS_SPIKE.windowMinutes * 60_000;
  const recentCount = crisisTimes.filter((time) => Date.parse(time) >= since).length;
  const reason = policy.crisis.active ? 'policy' : isCrisisSpike(crisisTimes, nowMs) ? 'spike' : null;
  if (!reason) return null;
  const contacts = policy.crisis.contacts
    .map((id) => contactById(policy, id))
    .filter((contact): contact is EscalationContact => contact !== undefined);
  return {
    reason,
    recentCount,
    summary: policy.crisis.summary ?? null,
    statusPageUrl: policy.crisis.statusPageUrl ?? null,
    updateEveryMinutes: policy.crisis.updateEveryMinutes,
    contacts,
  };
}

/** Phases that have a status template, in incident order. */
export function phasesWithTemplates(policy: Policy): CrisisPhase[] {
  return CRISIS_PHASES.filter((phase) => policy.crisis.statusTemplates.some((t) => t.phase === phase));
}

/** The status-update template for a phase, preferring one written for this platform. */
export function statusTemplateFor(
  policy: Policy,
  phase: CrisisPhase,
  platform?: string,
): CrisisStatusTemplate | null {
  const candidates = policy.crisis.statusTemplates.filter((template) => template.phase === phase);
  const forPlatform = candidates.find(
    (template) =>
      platform !== undefined &&
      template.platforms?.includes(platform as NonNullable<typeof template.platforms>[number]),
  );
  const general = candidates.find((template) => !template.platforms);
  return forPlatform ?? general ?? candidates[0] ?? null;
}
