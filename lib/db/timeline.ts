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
  /** Each post's rating: from its detection, then from the agent's recategorizations of it. */
  const severityByMention = new Map<string, Severity>();
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
        severityByMention.set(
          event.data.mentionId,
          Math.max(severityByMention.get(event.data.mentionId) ?? 1, event.data.severity) as Severity,
        );
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
        // The agent's category re-rates the post: a question relabelled a complaint is routed as one,
        // and a false crisis stops demanding escalation.
        if (event.data.severity !== undefined)
          severityByMention.set(event.data.mentionId, event.data.severity);
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

  let severity: Severity = 1;
  for (const rated of severityByMention.values()) if (rated > severity) severity = rated;
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
