import { useState } from 'react';
import { browser } from 'wxt/browser';
import type { ActivePolicyRecord, PolicySyncStatus } from '../../lib/background/policy-store';
import { formatAgo } from '../../lib/ui/response-clock';
import { sendFromPage } from '../../lib/ui/send';
import { useActivePolicy, usePolicyStatus, useSettings } from '../../lib/ui/use-extension-storage';
import { useNow } from '../../lib/ui/use-now';
import { useThemeAttribute } from '../../lib/ui/use-theme';
import { busyWhile } from '../shared/busy';
import { PlatformSwitches } from '../shared/PlatformSwitches';
import { PolicyNotices } from '../shared/PolicyNotices';
import { FieldError, Loading, StatusNote } from '../shared/States';
import { CurrentSite } from './CurrentSite';
import { TodayStats } from './TodayStats';
import './popup.css';

const SOURCE_WORDS: Record<ActivePolicyRecord['source'], string> = {
  default: 'embedded default',
  url: 'synced',
  file: 'from a file',
  editor: 'edited here',
};

function syncLine(record: ActivePolicyRecord, status: PolicySyncStatus | undefined, now: number): string {
  if (record.unreadable) return 'saved policy unreadable';
  if (status?.lastSuccessAt) return `last synced ${formatAgo(status.lastSuccessAt, now)}`;
  if (record.source === 'default') return 'no policy URL set';
  return `applied ${formatAgo(record.appliedAt, now)}`;
}

/** The toolbar popup: policy and sync state, today's numbers, and Parley on/off per site. */
export function PopupApp() {
  const record = useActivePolicy();
  const status = usePolicyStatus();
  const settings = useSettings();
  const now = useNow(30_000);
  const [syncMessage, setSyncMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [syncing, setSyncing] = useState(false);
  useThemeAttribute(settings?.theme, null);
  const openOptions = () => void browser.runtime.openOptionsPage();
  const syncNow = async () => {
    if (syncing) return;
    setSyncing(true);
    try {
      const result = await sendFromPage('sidebar:sync-policy', {});
      setSyncMessage({ ok: result.ok, text: result.message });
    } catch (failure) {
      setSyncMessage({ ok: false, text: failure instanceof Error ? failure.message : String(failure) });
    } finally {
      setSyncing(false);
    }
  };
  return (
    <main className="popup">
      <header className="popup-header">
        <div className="brand-mark" aria-hidden="true">
          P
        </div>
        <div className="popup-title">
          <h1>Parley</h1>
          {record ? (
            <span className="muted small" data-testid="policy-line">
              {record.policy.brand.name} policy v{record.policy.version} · {SOURCE_WORDS[record.source]} ·{' '}
              {syncLine(record, status, now)}
            </span>
          ) : null}
        </div>
        <button type="button" className="button small" onClick={openOptions}>
          Options
        </button>
      </header>
      <PolicyNotices record={record} status={status} onOpenOptions={openOptions} />
      {!record || !settings ? (
        <Loading />
      ) : (
        <>
          <TodayStats policy={record.policy} />
          <CurrentSite settings={settings} />
          <details className="popup-sites">
            <summary>Sites</summary>
            <PlatformSwitches settings={settings} area={browser.storage.local} />
          </details>
          <div className="button-row">
            <button
              type="button"
              className="button small"
              onClick={() => void syncNow()}
              {...busyWhile(syncing)}
            >
              {syncing ? 'Syncing…' : 'Sync policy now'}
            </button>
            <StatusNote message={syncMessage?.ok ? syncMessage.text : null} testId="sync-message" inline />
          </div>
          <FieldError message={syncMessage?.ok === false ? syncMessage.text : null} testId="sync-error" />
        </>
      )}
    </main>
  );
}
