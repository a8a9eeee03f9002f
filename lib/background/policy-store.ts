/**
 * The active policy and its sync status, in extension storage. The stored policy is re-validated on
 * every load: a corrupted or hand-edited value (or one an update's stricter schema refuses) never
 * reaches the classifier or the sidebar; the embedded default takes over, and `unreadable` says why, so
 * agents see that they are not on their team's policy. Except for classification patterns that an
 * update's stricter check refuses (shapes that backtrack for minutes, very long ones): those alone are
 * set aside, as the classifier skips a pattern that does not compile, so an update never costs a team
 * its brand terms and ratings over one pattern; `setAside` says which.
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
  /** Set when patterns of the saved policy were left out because the check refuses them: why. */
  setAside?: string;
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
  const salvaged = parsed ? withoutRefusedPatterns(stored.policy, parsed.error.issues) : null;
  if (salvaged) return { ...(stored as ActivePolicyRecord), ...salvaged };
  const issue = parsed?.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return {
    ...fallback,
    unreadable: issue ? `${issue.message}${where}` : 'the saved value holds no policy',
  };
}

type Issue = { path: PropertyKey[]; message: string };

/** Where a classification pattern sits: classification.<rules>[rule].patterns[index]. */
function patternAt(path: readonly PropertyKey[]): { rules: string; rule: number; index: number } | null {
  const [top, rules, rule, key, index] = path;
  if (path.length !== 5 || top !== 'classification' || key !== 'patterns') return null;
  if (rules !== 'categoryRules' && rules !== 'severityRules') return null;
  return typeof rule === 'number' && typeof index === 'number' ? { rules, rule, index } : null;
}

/** The saved policy without the patterns the check refuses, when those are its only problems. */
function withoutRefusedPatterns(
  saved: unknown,
  issues: readonly Issue[],
): { policy: Policy; setAside: string } | null {
  const places = issues.map((issue) => patternAt(issue.path));
  if (places.length === 0 || places.some((place) => place === null)) return null;
  const copy = structuredClone(saved) as {
    classification: Record<string, Array<{ patterns: unknown[] }>>;
  };
  const refused = new Set(places.map((place) => `${place?.rules}.${place?.rule}.${place?.index}`));
  for (const rules of ['categoryRules', 'severityRules']) {
    copy.classification[rules]?.forEach((rule, ruleIndex) => {
      rule.patterns = rule.patterns.filter((_, index) => !refused.has(`${rules}.${ruleIndex}.${index}`));
    });
  }
  const parsed = policySchema.safeParse(copy);
  if (!parsed.success) return null;
  const first = issues[0] as Issue;
  const count =
    refused.size === 1 ? 'One classification pattern was' : `${refused.size} classification patterns were`;
  return {
    policy: parsed.data,
    setAside: `${count} left out: ${first.message} at ${first.path.join('.')}`,
  };
}

/**
 * `unreadable` is never stored: it is worked out on load, about the stored value. `setAside` is kept
 * with the policy it describes (the patterns were left out of it), so its notice stays until a policy
 * replaces it.
 */
export async function saveActivePolicy(area: LocalArea, record: ActivePolicyRecord): Promise<void> {
  const { unreadable: _unreadable, ...stored } = record;
  await area.set({ [POLICY_KEY]: stored });
}

export async function loadPolicyStatus(area: LocalArea): Promise<PolicySyncStatus> {
  const stored = (await area.get(POLICY_STATUS_KEY))[POLICY_STATUS_KEY] as PolicySyncStatus | undefined;
  return stored ? { ...EMPTY_STATUS, ...stored } : { ...EMPTY_STATUS };
}

export async function savePolicyStatus(area: LocalArea, status: PolicySyncStatus): Promise<void> {
  await area.set({ [POLICY_STATUS_KEY]: status });
}
