import { type FormEvent, useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { type Settings, saveSettings } from '../../lib/background/settings';
import { validatePolicyUrl } from '../../lib/policy/sync';
import { sendFromPage } from '../../lib/ui/send';
import { originPatternFor } from '../../lib/ui/site';
import { busyWhile } from '../shared/busy';
import { reasonOf } from '../shared/reason';
import { FieldError, StatusNote } from '../shared/States';

/**
 * Where the team publishes its policy. Saving asks for permission to fetch from that host only (an
 * optional host permission requested from the click itself, as browsers require), then syncs.
 */
export function PolicyUrlForm({ settings }: { settings: Settings }) {
  const inputId = useId();
  const [url, setUrl] = useState(settings.policyUrl);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setUrl(settings.policyUrl), [settings.policyUrl]);

  const syncNow = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const result = await sendFromPage('sidebar:sync-policy', {});
      setMessage(result.message);
      if (!result.ok) setError(result.message);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setMessage(null);
    if (url.trim() === '') {
      void saveSettings(browser.storage.local, { policyUrl: '' }).then(
        () => setMessage('Policy URL removed: the active policy stays in use.'),
        (failure: unknown) => setError(`The policy URL was not removed: ${reasonOf(failure)}`),
      );
      return;
    }
    const checked = validatePolicyUrl(url);
    if (!checked.ok) {
      setError(checked.error.message);
      return;
    }
    const host = checked.url.hostname;
    // Requested synchronously inside the click's handler: browsers only show the prompt for a user gesture.
    const granted = browser.permissions.request({ origins: [originPatternFor(checked.url)] });
    void (async () => {
      let ok: boolean;
      try {
        ok = await granted;
      } catch (failure) {
        setError(`Parley could not ask for permission to read ${host}: ${reasonOf(failure)}`);
        return;
      }
      if (!ok) {
        setError(`Parley needs permission to read ${host} to fetch the policy.`);
        return;
      }
      try {
        await saveSettings(browser.storage.local, { policyUrl: checked.url.href });
      } catch (failure) {
        setError(`The policy URL was not saved: ${reasonOf(failure)}`);
        return;
      }
      await syncNow();
    })();
  };

  return (
    <form className="form-grid" onSubmit={save} noValidate>
      <div className="field">
        <label htmlFor={inputId}>Policy URL</label>
        <div className="input-row">
          <input
            id={inputId}
            className="input"
            type="url"
            inputMode="url"
            value={url}
            placeholder="https://support.example.com/parley-policy.yaml"
            aria-invalid={error !== null}
            aria-describedby={`${inputId}-hint`}
            onChange={(event) => setUrl(event.target.value)}
          />
          <button type="submit" className="button primary" {...busyWhile(busy)}>
            Save
          </button>
          <button type="button" className="button" {...busyWhile(busy)} onClick={() => void syncNow()}>
            {busy ? 'Syncing…' : 'Sync now'}
          </button>
        </div>
        <span className="field-hint" id={`${inputId}-hint`}>
          https:// only (http:// for localhost). Parley checks it every 30 minutes and keeps the last good
          policy if a fetch fails.
        </span>
      </div>
      <FieldError message={error} testId="policy-url-error" />
      <StatusNote message={error ? null : message} testId="policy-url-message" />
    </form>
  );
}
