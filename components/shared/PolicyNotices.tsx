import type { MouseEvent, ReactNode } from 'react';
import type { ActivePolicyRecord, PolicySyncStatus } from '../../lib/background/policy-store';
import { unseenPolicyUpdate } from '../../lib/ui/ui-memory';
import { useUiMemory } from '../../lib/ui/use-ui-memory';
import { keepFocusOnRemoval, nextFocusableAfter } from './keep-focus';

/**
 * The policy's health where agents work: the exact sync error (the last good policy stays in use), and
 * a one-time "Policy updated to vN" notice with what changed.
 */
export function PolicyNotices({
  record,
  status,
  onOpenOptions,
}: {
  record: ActivePolicyRecord | undefined;
  status: PolicySyncStatus | undefined;
  onOpenOptions?: () => void;
}) {
  const { memory, markPolicyUpdateSeen } = useUiMemory();
  const update = unseenPolicyUpdate(status, memory);
  return (
    <>
      {record?.unreadable ? (
        <PolicyErrorBanner
          testId="policy-unreadable"
          title="The saved policy could not be used"
          message={record.unreadable}
          onOpenOptions={onOpenOptions}
        >
          Using the built-in default policy (brand “{record.policy.brand.name}”) until a valid policy is
          synced or imported.
        </PolicyErrorBanner>
      ) : null}
      {record?.setAside ? (
        <PolicyErrorBanner
          testId="policy-set-aside"
          title="Part of the policy is not in use"
          message={record.setAside}
          onOpenOptions={onOpenOptions}
        >
          The rest of policy v{record.policy.version} is in use. Rewrite the pattern in the policy file, and
          <code>parley policy check</code> will confirm it.
        </PolicyErrorBanner>
      ) : null}
      {status?.error ? (
        <PolicyErrorBanner
          testId="policy-sync-error"
          title="Policy sync failed"
          message={status.error.message}
          onOpenOptions={onOpenOptions}
        >
          Still using policy v{record?.policy.version ?? '?'}
          {record?.source === 'url' ? ' from the last good sync' : ''}.
        </PolicyErrorBanner>
      ) : null}
      {update ? (
        <div className="banner info" role="status" data-testid="policy-update-notice">
          <p className="banner-title">Policy updated to v{update.version}</p>
          {update.summary.length > 0 ? (
            <ul>
              {update.summary.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
          <div className="button-row">
            <button
              type="button"
              className="button small"
              onClick={(event: MouseEvent<HTMLElement>) => {
                // The notice goes with its button: on to what follows it on the page.
                const notice = event.currentTarget.closest('.banner');
                const next = notice ? nextFocusableAfter(notice) : null;
                keepFocusOnRemoval(() => next);
                void markPolicyUpdateSeen(update.at);
              }}
            >
              Got it
            </button>
          </div>
        </div>
      ) : null}
    </>
  );
}

/** A policy problem: what went wrong, which policy is in use meanwhile, and a way to the settings. */
function PolicyErrorBanner({
  testId,
  title,
  message,
  onOpenOptions,
  children,
}: {
  testId: string;
  title: string;
  message: string;
  onOpenOptions?: () => void;
  children: ReactNode;
}) {
  return (
    <div className="banner error" role="alert" data-testid={testId}>
      <p className="banner-title">{title}</p>
      <p>{message}</p>
      <p className="small">{children}</p>
      {onOpenOptions ? (
        <div className="button-row">
          <button type="button" className="button small" onClick={onOpenOptions}>
            Policy settings
          </button>
        </div>
      ) : null}
    </div>
  );
}
