import type { Category, Severity } from '../domain/types';
import type { CaseRow, CaseStatus, EventRow } from './records';

/**
 * A case row is a cache of its timeline: every field below `customerId` is derived from the case's
 * events by `deriveCase`, and the repository re-derives after each change. Keeping the timeline
 * the single source of truth is what makes first-response and resolution times trustworthy, and
 * what lets an import that merges two timelines of the same case recompute a consistent row.
 */

/** Timeline order: by time, ties by id (ids sort by creation order, see newId). */
export function compareEvents(a: EventRow, b: EventRow): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/**
 * Each post's rating on a timeline: from its detection, then from the agent's recategorizations of it
 * (a question relabelled a complaint is rated as one; a false crisis is not one any more). `at` is
 * when the post was detected on the timeline.
 */
export function postRatings(events: readonly EventRow[]): Map<string, { severity: Severity; at: string }> {
  const ratings = new Map<string, { severity: Severity; at: string }>();
  for (const event of [...events].sort(compareEvents)) {
    if (event.type === 'detected') {
      const known = ratings.get(event.data.mentionId);
      const severity = Math.max(known?.severity ?? 1, event.data.severity) as Severity;
      ratings.set(event.data.mentionId, { severity, at: known?.at ?? event.at });
    } else if (event.type === 'recategorized' && event.data.severity !== undefined) {
      const known = ratings.get(event.data.mentionId);
      if (known) ratings.set(event.data.mentionId, { ...known, severity: event.data.severity });
    }
  }
  return ratings;
}

export function deriveCase(
  identity: { id: string; customerId: string },
  events: readonly EventRow[],
): CaseRow {
  const ordered = [...events].sort(compareEvents);
  const first = ordered[0];
  if (!first) throw new Error(`Case ${identity.id} has no events to derive it from`);

  let status: CaseStatus = 'open';
  let openedAt: string | null = null;
  let firstMentionId: string | null = null;
  let firstResponseAt: string | null = null;
  let resolvedAt: string | null = null;
  let reopenedCount = 0;
  let statusChangedAt: string | null = null;
  let updatedAt = first.at;
  const categoryByMention = new Map<string, Category>();
  let fallbackCategory: Category = 'neutral';

  for (const event of ordered) {
    if (event.at > updatedAt) updatedAt = event.at;
    switch (event.type) {
      case 'detected':
        if (!categoryByMention.has(event.data.mentionId)) {
          categoryByMention.set(event.data.mentionId, event.data.category);
        }
        if (firstMentionId === null) {
          firstMentionId = event.data.mentionId;
          openedAt = event.at;
          fallbackCategory = event.data.category;
        }
        break;
      case 'recategorized':
        categoryByMention.set(event.data.mentionId, event.data.to);
        break;
      case 'replied':
        if (firstResponseAt === null) firstResponseAt = event.at;
        break;
      case 'status-changed':
        if (status === 'resolved' && event.data.to !== 'resolved') {
          reopenedCount += 1;
          resolvedAt = null;
        }
        if (event.data.to === 'resolved') resolvedAt = event.at;
        status = event.data.to;
        statusChangedAt = event.at;
        break;
      default:
        break;
    }
  }

  // The case is as serious as its most serious post, each as rated now.
  let severity: Severity = 1;
  for (const rating of postRatings(ordered).values())
    if (rating.severity > severity) severity = rating.severity;
  const opened = openedAt ?? first.at;
  const category =
    (firstMentionId === null ? undefined : categoryByMention.get(firstMentionId)) ?? fallbackCategory;
  return {
    id: identity.id,
    customerId: identity.customerId,
    status,
    openedAt: opened,
    firstMentionId,
    firstResponseAt,
    resolvedAt,
    reopenedCount,
    statusChangedAt: statusChangedAt ?? opened,
    updatedAt,
    severity,
    category,
  };
}

export interface CaseMetrics {
  /** From the customer's first post in the case to the brand's first reply; null before any reply. */
  firstResponseMs: number | null;
  /** From the first post to the (latest) resolution; null while the case is not resolved. */
  resolutionMs: number | null;
}

function elapsed(from: string, to: string | null): number | null {
  if (to === null) return null;
  // Estimated post times can land after the reply; a negative wait is noise, not information.
  return Math.max(0, Date.parse(to) - Date.parse(from));
}

export function caseMetrics(
  caseRow: Pick<CaseRow, 'openedAt' | 'firstResponseAt' | 'resolvedAt'>,
): CaseMetrics {
  return {
    firstResponseMs: elapsed(caseRow.openedAt, caseRow.firstResponseAt),
    resolutionMs: elapsed(caseRow.openedAt, caseRow.resolvedAt),
  };
}

/** Metrics straight from a case's events, for callers that hold a timeline rather than a row. */
export function caseMetricsFromTimeline(events: readonly EventRow[]): CaseMetrics {
  return caseMetrics(deriveCase({ id: 'timeline', customerId: 'timeline' }, events));
}
