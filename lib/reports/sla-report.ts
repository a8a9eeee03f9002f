import { platformOfMentionKey } from '../db/ids';
import type { CaseRow } from '../db/records';
import { caseMetrics } from '../db/timeline';
import { PLATFORMS, type Platform, SEVERITIES, type Severity } from '../domain/types';
import { firstResponseTargetMinutes } from '../policy/queries';
import type { Policy } from '../policy/schema';

/**
 * The response report: how the agent did against the policy's first-response targets over a period.
 * Pure, over case rows, so the background (which reads the rows) and the tests compute the same thing.
 *
 * Definitions. They are chosen so that the figures add up, and agree with what the rest of Parley
 * shows for the same case (the response clock, the cases CSV):
 *
 * - **The period** is [from, to). A case belongs to it when it opened in it: its `openedAt`, the time
 *   of the customer's first post of the case. What happened to those cases afterwards counts, up to
 *   `now`: a case opened on the period's last evening and answered the next morning is answered, with
 *   its real wait. A report run again later can therefore show more answers for the same period.
 * - **Spam** needs no reply (the response clock shows "No reply needed" for it), so a case whose
 *   category is spam (as it is now, after any recategorization) is counted in `opened` and `spam` and
 *   left out of every other figure.
 * - **First response** is the case's first reply (`firstResponseAt`, derived from its timeline): the
 *   moment it was inserted into the site's reply box, marked as sent or seen posted in the thread,
 *   whichever came first. Parley cannot see the site's send button, so a reply inserted and never sent
 *   counts, as it does on the response clock (telling them apart would mean reading every case's
 *   events). A case the customer wrote to again, or that was resolved and reopened, keeps its first
 *   response; later replies are not first responses. The wait runs from `openedAt`; a reply recorded before it (a post
 *   whose estimated time lands after the reply) counts as a wait of 0, as `caseMetrics` has it.
 * - **The target** is the policy's first-response target for the case's severity (its most serious
 *   post, as rated now) on the platform of its first post (named by the post's key, `platform:postId`),
 *   with the policy's override for that platform when it has one. A case whose first post is not
 *   known (one carried over from Parley's first database version without it) gets the policy's
 *   general target and is grouped under an unknown platform (`platform: null`).
 * - **Within target**: answered in at most the target (a reply at the deadline is on time).
 * - **Waiting**: no reply yet and still open. **Past target**: waiting for longer than the target at
 *   `now`, timed from `openedAt` like the first response. (The sidebar's clock restarts when a case
 *   is reopened; this does not: the customer has had no answer since their first post.)
 * - **Closed without a reply**: no reply, but resolved or set to wait on the customer by the agent (a
 *   case taken to a private channel, or one that needed no public answer). For every group,
 *   `needingReply = answered + waiting + closedWithoutReply`.
 * - **Resolved**: resolved now. The time to resolve runs from `openedAt` to the latest resolution (a
 *   case resolved, reopened and resolved again counts its last resolution; one reopened and not
 *   resolved again is not resolved).
 * - **Median**: the middle value, or the mean of the two middle ones. **90th percentile**: the
 *   nearest rank, i.e. the wait that 90% of answered cases did not exceed.
 */

/** The longest period one report covers: a year, leap day included. */
export const MAX_REPORT_DAYS = 366;

export type SlaCaseRow = Pick<
  CaseRow,
  'openedAt' | 'firstResponseAt' | 'resolvedAt' | 'status' | 'severity' | 'category' | 'firstMentionId'
>;

export interface SlaFigures {
  /** Cases opened in the period, spam included. */
  opened: number;
  spam: number;
  /** `opened` without the spam: the cases every figure below is about. */
  needingReply: number;
  /** Cases with a first response. */
  answered: number;
  /** Answered cases whose first response came within their target. */
  withinTarget: number;
  firstResponseMedianMs: number | null;
  firstResponseP90Ms: number | null;
  /** Open, with no reply yet. */
  waiting: number;
  /** Waiting, and already past their target at `now`. */
  waitingPastTarget: number;
  /** No reply, but resolved or set to wait on the customer. */
  closedWithoutReply: number;
  resolved: number;
  resolveMedianMs: number | null;
}

export interface SlaReport {
  from: string;
  to: string;
  /** The moment the report describes: waits of unanswered cases are measured up to it. */
  now: string;
  total: SlaFigures;
  /** Platforms with cases, most cases first (ties in the usual platform order); unknown last. */
  byPlatform: Array<{ platform: Platform | null; figures: SlaFigures }>;
  /** Severities with cases, most severe first. */
  bySeverity: Array<{ severity: Severity; figures: SlaFigures }>;
}

export interface SlaReportInput {
  cases: readonly SlaCaseRow[];
  /** Only the targets are read. */
  policy: Pick<Policy, 'sla'>;
  period: { from: string; to: string };
  now: string;
}

const MINUTE_MS = 60_000;

interface Tally {
  opened: number;
  spam: number;
  answered: number;
  withinTarget: number;
  firstResponses: number[];
  waiting: number;
  waitingPastTarget: number;
  closedWithoutReply: number;
  resolves: number[];
}

function emptyTally(): Tally {
  return {
    opened: 0,
    spam: 0,
    answered: 0,
    withinTarget: 0,
    firstResponses: [],
    waiting: 0,
    waitingPastTarget: 0,
    closedWithoutReply: 0,
    resolves: [],
  };
}

/** Where one case lands, worked out once and added to each group it belongs to. */
type Outcome =
  | { spam: true }
  | {
      spam: false;
      firstResponseMs: number | null;
      withinTarget: boolean;
      waiting: boolean;
      pastTarget: boolean;
      resolveMs: number | null;
    };

function add(tally: Tally, outcome: Outcome): void {
  tally.opened += 1;
  if (outcome.spam) {
    tally.spam += 1;
    return;
  }
  if (outcome.firstResponseMs !== null) {
    tally.answered += 1;
    tally.firstResponses.push(outcome.firstResponseMs);
    if (outcome.withinTarget) tally.withinTarget += 1;
  } else if (outcome.waiting) {
    tally.waiting += 1;
    if (outcome.pastTarget) tally.waitingPastTarget += 1;
  } else {
    tally.closedWithoutReply += 1;
  }
  if (outcome.resolveMs !== null) tally.resolves.push(outcome.resolveMs);
}

/** Sorted ascending, non-empty. */
function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Nearest rank: the smallest value that at least `percent`% of the values do not exceed. */
function percentile(sorted: readonly number[], percent: number): number {
  // In whole numbers: 0.9 * 70 is 63.00000000000001 in floating point, which would round up a rank.
  const rank = Math.max(1, Math.ceil((percent * sorted.length) / 100));
  return sorted[rank - 1] as number;
}

function figuresOf(tally: Tally): SlaFigures {
  const responses = [...tally.firstResponses].sort((a, b) => a - b);
  const resolves = [...tally.resolves].sort((a, b) => a - b);
  return {
    opened: tally.opened,
    spam: tally.spam,
    needingReply: tally.opened - tally.spam,
    answered: tally.answered,
    withinTarget: tally.withinTarget,
    firstResponseMedianMs: responses.length > 0 ? median(responses) : null,
    firstResponseP90Ms: responses.length > 0 ? percentile(responses, 90) : null,
    waiting: tally.waiting,
    waitingPastTarget: tally.waitingPastTarget,
    closedWithoutReply: tally.closedWithoutReply,
    resolved: resolves.length,
    resolveMedianMs: resolves.length > 0 ? median(resolves) : null,
  };
}

function outcomeOf(
  row: SlaCaseRow,
  platform: Platform | null,
  policy: Pick<Policy, 'sla'>,
  nowMs: number,
): Outcome {
  if (row.category === 'spam') return { spam: true };
  const targetMs = firstResponseTargetMinutes(policy, row.severity, platform ?? undefined) * MINUTE_MS;
  const { firstResponseMs, resolutionMs } = caseMetrics(row);
  const waiting = firstResponseMs === null && row.status === 'open';
  return {
    spam: false,
    firstResponseMs,
    withinTarget: firstResponseMs !== null && firstResponseMs <= targetMs,
    waiting,
    pastTarget: waiting && nowMs - Date.parse(row.openedAt) > targetMs,
    resolveMs: row.status === 'resolved' ? resolutionMs : null,
  };
}

export function slaReport(input: SlaReportInput): SlaReport {
  const { period, policy } = input;
  const fromMs = Date.parse(period.from);
  const toMs = Date.parse(period.to);
  const nowMs = Date.parse(input.now);
  const total = emptyTally();
  const byPlatform = new Map<Platform | null, Tally>();
  const bySeverity = new Map<Severity, Tally>();
  for (const row of input.cases) {
    const openedMs = Date.parse(row.openedAt);
    // Times are compared as instants: the caller's bounds need not be in the stored canonical form.
    if (!(openedMs >= fromMs && openedMs < toMs)) continue;
    const platform = platformOfMentionKey(row.firstMentionId);
    const outcome = outcomeOf(row, platform, policy, nowMs);
    add(total, outcome);
    const ofPlatform = byPlatform.get(platform) ?? emptyTally();
    byPlatform.set(platform, ofPlatform);
    add(ofPlatform, outcome);
    const ofSeverity = bySeverity.get(row.severity) ?? emptyTally();
    bySeverity.set(row.severity, ofSeverity);
    add(ofSeverity, outcome);
  }
  const platformOrder = (platform: Platform | null) =>
    platform === null ? PLATFORMS.length : PLATFORMS.indexOf(platform);
  return {
    from: period.from,
    to: period.to,
    now: input.now,
    total: figuresOf(total),
    byPlatform: [...byPlatform]
      .sort(
        ([a, first], [b, second]) =>
          (a === null ? 1 : 0) - (b === null ? 1 : 0) ||
          second.opened - first.opened ||
          platformOrder(a) - platformOrder(b),
      )
      .map(([platform, tally]) => ({ platform, figures: figuresOf(tally) })),
    bySeverity: [...SEVERITIES].reverse().flatMap((severity) => {
      const tally = bySeverity.get(severity);
      return tally ? [{ severity, figures: figuresOf(tally) }] : [];
    }),
  };
}
