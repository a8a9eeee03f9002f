import type { Category, Platform, Severity } from '../domain/types';
import { firstResponseTargetMinutes } from '../policy/queries';
import type { Policy } from '../policy/schema';

/**
 * The first-response clock of a mention against the policy's target. A case waits on the agent while it
 * is open; the clock runs from when it last started waiting (its status change), so a customer who writes
 * again after a reply gets a fresh target rather than an instantly overdue one.
 */

export type ClockState =
  /** Waiting on us, comfortably inside the target. */
  | 'on-time'
  /** Waiting on us, in the last stretch of the target. */
  | 'due-soon'
  /** Waiting on us, past the target. */
  | 'overdue'
  /** We replied; the customer has the next move. */
  | 'waiting-on-customer'
  | 'resolved'
  /** Spam: the policy says not to reply, so there is nothing to time. */
  | 'no-reply-needed';

export interface ResponseClock {
  state: ClockState;
  /** When the clock started (null when no clock runs). */
  startedAt: string | null;
  dueAtMs: number | null;
  /** Negative once overdue; null when no clock runs. */
  remainingMs: number | null;
  targetMinutes: number | null;
}

export interface ClockMention {
  category: Category;
  severity: Severity;
  platform: Platform;
  /** The post's time (posted, else detected). */
  at: string;
}

export interface ClockCase {
  status: 'open' | 'awaiting-customer' | 'resolved';
  statusChangedAt: string;
}

const MINUTE_MS = 60_000;

/**
 * How long before the deadline a clock turns amber: the last quarter of the target, but never less than
 * five minutes (or half the target, for very short targets), so a 15-minute target warns in time to act.
 */
export function dueSoonThresholdMs(targetMs: number): number {
  return Math.max(0.25 * targetMs, Math.min(5 * MINUTE_MS, 0.5 * targetMs));
}

export function isWaitingOnUs(state: ClockState): boolean {
  return state === 'on-time' || state === 'due-soon' || state === 'overdue';
}

export function responseClock(
  mention: ClockMention,
  caseRow: ClockCase | null,
  policy: Policy,
  nowMs: number,
): ResponseClock {
  const idle = (state: ClockState): ResponseClock => ({
    state,
    startedAt: null,
    dueAtMs: null,
    remainingMs: null,
    targetMinutes: null,
  });
  if (mention.category === 'spam') return idle('no-reply-needed');
  if (caseRow?.status === 'resolved') return idle('resolved');
  if (caseRow?.status === 'awaiting-customer') return idle('waiting-on-customer');
  const startedAt = caseRow?.statusChangedAt ?? mention.at;
  const targetMinutes = firstResponseTargetMinutes(policy, mention.severity, mention.platform);
  const targetMs = targetMinutes * MINUTE_MS;
  const startedMs = Date.parse(startedAt);
  const dueAtMs = (Number.isNaN(startedMs) ? nowMs : startedMs) + targetMs;
  const remainingMs = dueAtMs - nowMs;
  const state: ClockState =
    remainingMs < 0 ? 'overdue' : remainingMs <= dueSoonThresholdMs(targetMs) ? 'due-soon' : 'on-time';
  return { state, startedAt, dueAtMs, remainingMs, targetMinutes };
}

/** "45s", "12m", "1h 05m", "3d 4h": compact enough for a queue row. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.floor(Math.abs(ms) / 1000);
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) return `${totalMinutes}m`;
  const hours = Math.floor(totalMinutes / 60);
  if (hours < 48) return `${hours}h ${String(totalMinutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** The clock as a short label: "12m left", "overdue 1h 05m", "Replied", … */
export function clockLabel(clock: ResponseClock): string {
  switch (clock.state) {
    case 'on-time':
    case 'due-soon':
      return `${formatDuration(clock.remainingMs ?? 0)} left`;
    case 'overdue':
      return `overdue ${formatDuration(clock.remainingMs ?? 0)}`;
    case 'waiting-on-customer':
      return 'Replied';
    case 'resolved':
      return 'Resolved';
    case 'no-reply-needed':
      return 'No reply needed';
  }
}

/** "just now", "5m ago", "3h ago", "2d ago". */
export function formatAgo(iso: string, nowMs: number): string {
  const ms = nowMs - Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  if (ms < 45_000) return 'just now';
  const label = formatDuration(ms).split(' ')[0];
  return `${label} ago`;
}
