/**
 * What "the database is consistent" means for Parley, checked over a full dump of its tables: after a
 * write the worker did not finish, an upgrade, an import or two tabs editing at once. Runs in Node (unit
 * tests, e2e assertions on readTable dumps) and inside extension pages (bundled into the test kit).
 *
 * Each rule is one the repository code maintains on every write; a rule that fails names the row.
 */
import { readableDraft } from '../../../lib/db/drafts';
import type { EventRow } from '../../../lib/db/records';
import { deriveCase } from '../../../lib/db/timeline';

export interface TableDump {
  customers: Array<{ id: string; praiseCount: number; complaintCount: number }>;
  identities: Array<{ id: string; customerId: string }>;
  mentions: Array<{
    id: string;
    customerId: string;
    caseId: string;
    identityId: string;
    isOwnReply: boolean;
    category: string;
  }>;
  cases: Array<{ id: string; customerId: string }>;
  events: EventRow[];
  thanks: Array<{ postKey: string; customerId: string }>;
  /** Unknown shape: version-1 drafts keep their v1 fields on disk (the upgrade leaves drafts as they are). */
  drafts: Array<{ postKey?: unknown }>;
}

export function consistencyProblems(dump: TableDump): string[] {
  const problems: string[] = [];
  const customers = new Map(dump.customers.map((row) => [row.id, row]));
  const identities = new Map(dump.identities.map((row) => [row.id, row]));
  const cases = new Map(dump.cases.map((row) => [row.id, row]));
  const mentions = new Map(dump.mentions.map((row) => [row.id, row]));

  for (const identity of dump.identities) {
    if (!customers.has(identity.customerId))
      problems.push(`identity ${identity.id}: customer ${identity.customerId} is missing`);
  }

  const detections = new Map<string, number>();
  const eventsByCase = new Map<string, EventRow[]>();
  for (const event of dump.events) {
    if (!customers.has(event.customerId))
      problems.push(`event ${event.id}: customer ${event.customerId} is missing`);
    if (event.caseId !== null) {
      if (!cases.has(event.caseId)) problems.push(`event ${event.id}: case ${event.caseId} is missing`);
      const list = eventsByCase.get(event.caseId) ?? [];
      list.push(event);
      eventsByCase.set(event.caseId, list);
    }
    if (event.type === 'detected') {
      const mentionId = event.data.mentionId;
      if (!mentions.has(mentionId)) problems.push(`event ${event.id}: mention ${mentionId} is missing`);
      detections.set(mentionId, (detections.get(mentionId) ?? 0) + 1);
    }
  }

  const tally = new Map<string, { praise: number; complaints: number }>();
  for (const mention of dump.mentions) {
    if (!customers.has(mention.customerId))
      problems.push(`mention ${mention.id}: customer ${mention.customerId} is missing`);
    const caseRow = cases.get(mention.caseId);
    if (!caseRow) problems.push(`mention ${mention.id}: case ${mention.caseId} is missing`);
    else if (caseRow.customerId !== mention.customerId)
      problems.push(`mention ${mention.id}: its case belongs to another customer`);
    if (mention.isOwnReply) continue;
    if (!identities.has(mention.identityId))
      problems.push(`mention ${mention.id}: identity ${mention.identityId} is missing`);
    const seen = detections.get(mention.id) ?? 0;
    if (seen !== 1) problems.push(`mention ${mention.id}: ${seen} detection events (expected 1)`);
    const counts = tally.get(mention.customerId) ?? { praise: 0, complaints: 0 };
    if (mention.category === 'praise') counts.praise += 1;
    if (mention.category === 'complaint' || mention.category === 'crisis') counts.complaints += 1;
    tally.set(mention.customerId, counts);
  }

  for (const customer of dump.customers) {
    const counts = tally.get(customer.id) ?? { praise: 0, complaints: 0 };
    if (customer.praiseCount !== counts.praise || customer.complaintCount !== counts.complaints)
      problems.push(
        `customer ${customer.id}: counts ${customer.praiseCount}/${customer.complaintCount}, mentions say ${counts.praise}/${counts.complaints}`,
      );
  }

  for (const caseRow of dump.cases) {
    if (!customers.has(caseRow.customerId))
      problems.push(`case ${caseRow.id}: customer ${caseRow.customerId} is missing`);
    const timeline = eventsByCase.get(caseRow.id) ?? [];
    if (timeline.length === 0) {
      problems.push(`case ${caseRow.id}: no events`);
      continue;
    }
    const derived = deriveCase({ id: caseRow.id, customerId: caseRow.customerId }, timeline);
    if (JSON.stringify(sortKeys(derived)) !== JSON.stringify(sortKeys(caseRow)))
      problems.push(`case ${caseRow.id}: stored row differs from its timeline`);
  }

  for (const thanks of dump.thanks) {
    if (!customers.has(thanks.customerId))
      problems.push(`thanks ${thanks.postKey}: customer ${thanks.customerId} is missing`);
  }
  for (const draft of dump.drafts) {
    if (readableDraft(draft) === null)
      problems.push(`draft ${String(draft.postKey)}: holds no readable text`);
  }
  return problems;
}

function sortKeys(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}
