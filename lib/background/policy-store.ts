/**
 * The active policy and its sync status, in extension storage. The stored policy is re-validated on
 * every load: a corrupted or hand-edited value (or one an update's stricter schema refuses) never
 * reaches the classifier or the sidebar; the embedded default takes over, and `unreadable` says why, so
 * agents see that they are not on their team's policy.
 */
import { DEFAULT_POLICY } from '../policy/default-policy';
import { type Policy, policySchema } from '../policy/schema';
import type { LocalArea } from './settings';

export type PolicySource = 'default' | 'url' | 'file' | 'editor';

export interface ActivePolicyRecord {
  policy: Policy;
  source: PolicySource;
  url?: string;
  etag?: string;
  lastModified?: string;
  appliedAt: string;
  /** Set when a saved policy could not be used and the default stands in: the first problem found. */
  unreadable?: string;
}

export interface PolicySyncStatus {
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  /** The exact reason the last attempt didn't apply a policy; null when it did (or nothing was tried). */
  error: { code: string; message: string } | null;
  /** Shown once to agents: "policy updated to vN" with what changed. */
  lastUpdate: { version: number; summary: string[]; at: string } | null;
}

export const POLICY_KEY = 'policy.active';
export const POLICY_STATUS_KEY = 'policy.status';

export const EMPTY_STATUS: PolicySyncStatus = {
  lastAttemptAt: null,
  lastSuccessAt: null,
  error: null,
  lastUpdate: null,
};

export async function loadActivePolicy(area: LocalArea): Promise<ActivePolicyRecord> {
  const stored = (await area.get(POLICY_KEY))[POLICY_KEY] as Partial<ActivePolicyRecord> | undefined;
  const fallback: ActivePolicyRecord = {
    policy: DEFAULT_POLICY,
    source: 'default',
    appliedAt: new Date(0).toISOString(),
  };
  if (stored === undefined) return fallback;
  const parsed = stored?.policy ? policySchema.safeParse(stored.policy) : null;
  if (parsed?.success) return { ...(stored as ActivePolicyRecord), policy: parsed.data };
  const issue = parsed?.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return {
    ...fallback,
    unreadable: issue ? `${issue.message}${where}` : 'the saved value holds no policy',
  };
}

export async function saveActivePolicy(area: LocalArea, record: ActivePolicyRecord): Promise<void> {
  await area.set({ [POLICY_KEY]: record });
}

export async function loadPolicyStatus(area: LocalArea): Promise<PolicySyncStatus> {
  const stored = (await area.get(POLICY_STATUS_KEY))[POLICY_STATUS_KEY] as PolicySyncStatus | undefined;
  return stored ? { ...EMPTY_STATUS, ...stored } : { ...EMPTY_STATUS };
}

export async function savePolicyStatus(area: LocalArea, status: PolicySyncStatus): Promise<void> {
  await area.set({ [POLICY_STATUS_KEY]: status });
}
