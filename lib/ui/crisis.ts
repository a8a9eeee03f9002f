import { contactById } from '../policy/queries';
import type { CrisisStatusTemplate, EscalationContact, Policy } from '../policy/schema';
import { CRISIS_PHASES } from '../policy/schema';
import type { UiMemory } from './ui-memory';

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

/**
 * Where the banner's status-update rhythm stands. Customers told nothing during an outage assume nobody
 * is on it, so the policy asks for an update every `updateEveryMinutes`, even without news: the banner
 * counts from the last update an agent said they posted.
 */
export type StatusUpdateTimer =
  | { state: 'none' }
  | { state: 'due'; sinceMinutes: number; dueInMinutes: number }
  | { state: 'overdue'; sinceMinutes: number; overdueMinutes: number };

/**
 * An update recorded this long ago belongs to an earlier incident whose end no open sidebar saw (an
 * open sidebar forgets the record an hour or so after the crisis ends, see crisisMemoryChange): a new
 * crisis starts with no update recorded, not "overdue by 3 days". Longer than a shift, so a long
 * incident whose updates lapsed still reads overdue.
 */
const STATUS_UPDATE_FORGET_AFTER_MINUTES = 12 * 60;

/**
 * How long a crisis has to stay over before its recorded update is forgotten: at least the spike's
 * window, since a spike blinks off whenever one crisis mention leaves the hour and back on with the
 * next, and at least one update interval, since a crisis back within it is still the same incident.
 */
export function crisisQuietMinutes(updateEveryMinutes: number): number {
  return Math.max(CRISIS_SPIKE.windowMinutes, updateEveryMinutes);
}

export type CrisisMemory = Pick<UiMemory, 'crisisUpdatePostedAt' | 'crisisOverSince'>;

/**
 * What the shared UI memory should say about the last status update, given whether the banner shows
 * now; null when it should stay as it is. The first sidebar to see the crisis over notes since when;
 * the record is forgotten once the crisis has been over for `quietMinutes`, whether a sidebar sees that
 * moment pass or sees the crisis come back after it. A crisis back sooner keeps its update.
 */
export function crisisMemoryChange(
  memory: CrisisMemory,
  crisis: 'shown' | 'over',
  nowMs: number,
  quietMinutes: number,
): CrisisMemory | null {
  const { crisisUpdatePostedAt: postedAt, crisisOverSince: overSince } = memory;
  // Nothing to protect or forget.
  if (postedAt === null)
    return overSince === null ? null : { crisisUpdatePostedAt: null, crisisOverSince: null };
  if (overSince === null)
    return crisis === 'over'
      ? { crisisUpdatePostedAt: postedAt, crisisOverSince: new Date(nowMs).toISOString() }
      : null;
  if (nowMs - Date.parse(overSince) >= quietMinutes * 60_000)
    return { crisisUpdatePostedAt: null, crisisOverSince: null };
  return crisis === 'shown' ? { crisisUpdatePostedAt: postedAt, crisisOverSince: null } : null;
}

export function nextStatusUpdate(
  lastPostedMs: number | null,
  everyMinutes: number,
  nowMs: number,
): StatusUpdateTimer {
  if (lastPostedMs === null || Number.isNaN(lastPostedMs)) return { state: 'none' };
  // A record a moment ahead of a clock that reads the time rounded down counts as just posted.
  const elapsedMs = Math.max(0, nowMs - lastPostedMs);
  if (elapsedMs > STATUS_UPDATE_FORGET_AFTER_MINUTES * 60_000) return { state: 'none' };
  const sinceMinutes = Math.floor(elapsedMs / 60_000);
  const remainingMs = everyMinutes * 60_000 - elapsedMs;
  // Rounded up, so "posted 14 min ago · next due in 16 min" adds up to the rhythm's 30.
  if (remainingMs > 0) return { state: 'due', sinceMinutes, dueInMinutes: Math.ceil(remainingMs / 60_000) };
  return { state: 'overdue', sinceMinutes, overdueMinutes: sinceMinutes - everyMinutes };
}

/** "45 min", "2 h", "2 h 5 min". */
function minutesLabel(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** The banner's line for the timer, e.g. "Last update posted 14 min ago · next due in 16 min". */
export function statusUpdateLine(timer: StatusUpdateTimer): string {
  if (timer.state === 'none') return 'No update recorded yet: post the first one now';
  const posted = timer.sinceMinutes === 0 ? 'just now' : `${minutesLabel(timer.sinceMinutes)} ago`;
  if (timer.state === 'due')
    return `Last update posted ${posted} · next due in ${minutesLabel(timer.dueInMinutes)}`;
  const overdue =
    timer.overdueMinutes === 0 ? 'Update due now' : `Update overdue by ${minutesLabel(timer.overdueMinutes)}`;
  return `${overdue} · last one posted ${posted}`;
}
