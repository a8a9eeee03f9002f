import type { CustomerRow } from '../db/records';

/**
 * What the agent should know about an author at a glance, from their history with us: a loyal fan
 * (thank them as one) or someone who has had to complain before (don't make them repeat themselves).
 */

export type CustomerBadge = 'loyal-fan' | 'repeat-complainer' | 'returning' | 'first-contact';

export interface CustomerHistoryCounts {
  /** Every post of theirs we have seen, on every platform. */
  mentionCount: number;
  caseCount: number;
  /** Cases that were complaints or crises: separate occasions they had to complain. */
  complaintCaseCount: number;
}

/** Complaints on this many separate cases make a repeat complainer. */
export const REPEAT_COMPLAINT_CASES = 2;

export function isLoyalFan(customer: Pick<CustomerRow, 'praiseCount'> | null, minPraises: number): boolean {
  return customer !== null && customer.praiseCount >= minPraises;
}

/** Whether we have talked with this customer before (selects 'repeat' reply templates). */
export function isRepeatCustomer(counts: CustomerHistoryCounts | null): boolean {
  return counts !== null && (counts.mentionCount > 1 || counts.caseCount > 1);
}

export function customerBadges(
  customer: Pick<CustomerRow, 'praiseCount'> | null,
  counts: CustomerHistoryCounts | null,
  options: { loyalFanMinPraises: number },
): CustomerBadge[] {
  const badges: CustomerBadge[] = [];
  if (isLoyalFan(customer, options.loyalFanMinPraises)) badges.push('loyal-fan');
  if (counts && counts.complaintCaseCount >= REPEAT_COMPLAINT_CASES) badges.push('repeat-complainer');
  if (badges.length === 0) badges.push(isRepeatCustomer(counts) ? 'returning' : 'first-contact');
  return badges;
}

export const BADGE_LABELS: Record<CustomerBadge, string> = {
  'loyal-fan': 'Loyal fan',
  'repeat-complainer': 'Repeat complainer',
  returning: 'Returning',
  'first-contact': 'First contact',
};

export const BADGE_DESCRIPTIONS: Record<CustomerBadge, string> = {
  'loyal-fan': 'Has praised us many times: thank them publicly and privately.',
  'repeat-complainer': 'Has complained on more than one occasion: read the history first.',
  returning: 'Has written to us before.',
  'first-contact': 'The first time we have seen this customer.',
};
