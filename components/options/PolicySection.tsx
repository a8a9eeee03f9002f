import type { ActivePolicyRecord, PolicySyncStatus } from '../../lib/background/policy-store';
import type { Settings } from '../../lib/background/settings';
import { PolicyEditor } from './PolicyEditor';
import { PolicyStatusCard } from './PolicyStatusCard';
import { PolicyUrlForm } from './PolicyUrlForm';

/** The team's policy: where it comes from, its state, and editing it here. */
export function PolicySection({
  settings,
  record,
  status,
}: {
  settings: Settings;
  record: ActivePolicyRecord;
  status: PolicySyncStatus | undefined;
}) {
  return (
    <section className="options-section" aria-labelledby="policy-heading" id="policy">
      <h2 id="policy-heading">Brand policy</h2>
      <p className="muted">
        The policy says how your team answers: ratings, paths to resolution, templates and contacts. Publish
        it at a URL so every agent follows the same version.
      </p>
      <PolicyStatusCard record={record} status={status} />
      <PolicyUrlForm settings={settings} />
      <PolicyEditor record={record} policyUrl={settings.policyUrl || null} />
    </section>
  );
}
