import type { ActivePolicyRecord, PolicySyncStatus } from '../../lib/background/policy-store';

const SOURCE_WORDS: Record<ActivePolicyRecord['source'], string> = {
  default: 'Embedded default (Acme demo)',
  url: 'Synced from the policy URL',
  file: 'Imported from a file',
  editor: 'Edited on this page',
};

function when(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const time = Date.parse(iso);
  return Number.isNaN(time) || time === 0 ? 'never' : new Date(time).toLocaleString();
}

/** The active policy: version, where it came from, the last sync and its exact error. */
export function PolicyStatusCard({
  record,
  status,
}: {
  record: ActivePolicyRecord;
  status: PolicySyncStatus | undefined;
}) {
  return (
    <dl className="status-card" data-testid="policy-status">
      <dt>Active policy</dt>
      <dd data-testid="policy-version">
        {record.policy.brand.name}, version {record.policy.version}
      </dd>
      <dt>Source</dt>
      <dd data-testid="policy-source">
        {SOURCE_WORDS[record.source]}
        {record.url ? <span className="muted small"> {record.url}</span> : null}
      </dd>
      <dt>Applied</dt>
      <dd>{when(record.source === 'default' ? null : record.appliedAt)}</dd>
      <dt>Last sync</dt>
      <dd>
        {when(status?.lastSuccessAt)}
        {status?.lastAttemptAt && status.lastAttemptAt !== status.lastSuccessAt ? (
          <span className="muted small"> (last attempt {when(status.lastAttemptAt)})</span>
        ) : null}
      </dd>
      {status?.error ? (
        <>
          <dt>Error</dt>
          <dd className="field-error" data-testid="policy-status-error">
            {status.error.message} <span className="muted small">({status.error.code})</span>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
