/**
 * Keeps the active policy in step with the team's published file. Any failure leaves the last good
 * policy in place and records the exact error (shown in options, popup and sidebar); a policy is only
 * ever replaced whole, after it parsed and validated completely.
 */
import { syncPolicy } from '../policy/sync';
import {
  type ActivePolicyRecord,
  loadActivePolicy,
  loadPolicyStatus,
  type PolicySyncStatus,
  saveActivePolicy,
  savePolicyStatus,
} from './policy-store';
import { type LocalArea, loadSettings } from './settings';

/** At most this many fetches in one run while the URL keeps changing under it; the next call starts afresh. */
const MAX_RUNS = 3;

export class PolicySyncService {
  private running: Promise<{ ok: boolean; message: string }> | null = null;

  constructor(
    private readonly area: LocalArea,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  /** One sync at a time: a second caller shares the first's result. */
  syncNow(): Promise<{ ok: boolean; message: string }> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<{ ok: boolean; message: string }> {
    for (let attempt = 1; ; attempt++) {
      const { policyUrl } = await loadSettings(this.area);
      if (!policyUrl) return { ok: true, message: 'No policy URL set: using the active policy.' };
      const result = await this.syncFrom(policyUrl, async () => {
        // The agent saved another URL while this one was being fetched (its own sync call shares this
        // run): what this URL answered is no longer what they asked for, so fetch theirs instead.
        return attempt < MAX_RUNS && (await loadSettings(this.area)).policyUrl !== policyUrl;
      });
      if (result !== null) return result;
    }
  }

  /** One sync from `policyUrl`; null (nothing saved) when `superseded` says the URL changed meanwhile. */
  private async syncFrom(
    policyUrl: string,
    superseded: () => Promise<boolean>,
  ): Promise<{ ok: boolean; message: string } | null> {
    const active = await loadActivePolicy(this.area);
    const status = await loadPolicyStatus(this.area);
    const now = new Date().toISOString();
    const outcome = await syncPolicy({
      url: policyUrl,
      active: {
        policy: active.policy,
        sourceUrl: active.source === 'url' ? (active.url ?? null) : null,
        etag: active.source === 'url' ? active.etag : undefined,
        lastModified: active.source === 'url' ? active.lastModified : undefined,
      },
      fetchImpl: this.fetchImpl,
    });
    if (await superseded()) return null;
    const next: PolicySyncStatus = { ...status, lastAttemptAt: now };
    if (outcome.status === 'rejected') {
      next.error = { code: outcome.error.code, message: outcome.error.message };
      await savePolicyStatus(this.area, next);
      return { ok: false, message: outcome.error.message };
    }
    if (outcome.status === 'applied') {
      // Why: the fetch can take seconds, and meanwhile the agent may save a policy (editor, file) or
      // another policy URL. The fetched file was checked against what was stored when the sync began,
      // so saving it now would silently replace their newer choice. Storage has no transactions: the
      // record and URL are read again right before the write, leaving the smallest window we can.
      const [current, { policyUrl: wanted }] = await Promise.all([
        loadActivePolicy(this.area),
        loadSettings(this.area),
      ]);
      const conflict = changedSince(active, current)
        ? 'A newer policy was saved while this sync ran; kept it.'
        : wanted !== policyUrl
          ? `The policy URL changed while ${policyUrl} was being fetched; kept the active policy. Sync again to fetch the new URL.`
          : null;
      if (conflict !== null) {
        // Nothing was applied: the last good policy, success time and update notice stay as they were.
        await savePolicyStatus(this.area, next);
        return { ok: false, message: conflict };
      }
      next.error = null;
      next.lastSuccessAt = now;
      await saveActivePolicy(this.area, {
        policy: outcome.policy,
        source: 'url',
        url: outcome.sourceUrl,
        etag: outcome.etag,
        lastModified: outcome.lastModified,
        appliedAt: now,
      });
      next.lastUpdate = { version: outcome.policy.version, summary: outcome.summary, at: now };
      await savePolicyStatus(this.area, next);
      return { ok: true, message: outcome.headline };
    }
    next.error = null;
    next.lastSuccessAt = now;
    await this.recordSource(active, outcome);
    await savePolicyStatus(this.area, next);
    return { ok: true, message: `Policy v${active.policy.version} is current.` };
  }

  /**
   * The URL answered with the active policy: it is now that policy's source, with the validators it
   * sent. Why: kept from an earlier URL (or the default), the next sync would not count as the same
   * source, so it would send no conditional request and would accept a lower version from this URL;
   * and stale validators make every sync download the whole file again.
   */
  private async recordSource(
    active: ActivePolicyRecord,
    outcome: { sourceUrl: string; etag?: string; lastModified?: string },
  ): Promise<void> {
    const { sourceUrl, etag, lastModified } = outcome;
    if (
      active.source === 'url' &&
      active.url === sourceUrl &&
      active.etag === etag &&
      active.lastModified === lastModified
    )
      return;
    // Saved only over the record this sync compared with: a policy the agent saved meanwhile stays.
    const current = await loadActivePolicy(this.area);
    if (changedSince(active, current)) return;
    await saveActivePolicy(this.area, { ...current, source: 'url', url: sourceUrl, etag, lastModified });
  }
}

/**
 * Whether the stored policy record is no longer the one a sync started from: someone saved a policy
 * (another `appliedAt`, source, URL, or policy version/`updatedAt`) while it ran.
 */
function changedSince(started: ActivePolicyRecord, current: ActivePolicyRecord): boolean {
  return (
    current.appliedAt !== started.appliedAt ||
    current.source !== started.source ||
    current.url !== started.url ||
    current.policy.version !== started.policy.version ||
    current.policy.updatedAt !== started.policy.updatedAt
  );
}
