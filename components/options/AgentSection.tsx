import { type FormEvent, useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { type Settings, saveSettings } from '../../lib/background/settings';
import { defaultSignature } from '../../lib/replies/variables';
import { reasonOf } from '../shared/reason';
import { FieldError, StatusNote } from '../shared/States';

/** Who the agent is: replies are signed by a person, not by the brand. */
export function AgentSection({ settings }: { settings: Settings }) {
  const nameId = useId();
  const signatureId = useId();
  const [name, setName] = useState(settings.agentName);
  const [signature, setSignature] = useState(settings.agentSignature);
  const [saved, setSaved] = useState(false);
  /** Why the last save did not take: storage can refuse it (full), and the fields keep the typing. */
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setName(settings.agentName);
    setSignature(settings.agentSignature);
  }, [settings.agentName, settings.agentSignature]);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await saveSettings(browser.storage.local, { agentName: name.trim(), agentSignature: signature.trim() });
    } catch (failure) {
      setError(`Not saved: ${reasonOf(failure)} Your name and sign-off are still here.`);
      return;
    }
    setSaved(true);
  };
  return (
    <section className="options-section" aria-labelledby="agent-heading" id="agent">
      <h2 id="agent-heading">You</h2>
      <p className="muted">Replies are signed with your name: a real person calms things down.</p>
      <form className="form-grid" onSubmit={(event) => void save(event)}>
        <div className="field">
          <label htmlFor={nameId}>Your name</label>
          <input
            id={nameId}
            className="input"
            value={name}
            maxLength={120}
            autoComplete="name"
            onChange={(event) => {
              setName(event.target.value);
              setSaved(false);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={signatureId}>Sign-off</label>
          <input
            id={signatureId}
            className="input"
            value={signature}
            maxLength={200}
            placeholder={defaultSignature(name) || '– Sam'}
            onChange={(event) => {
              setSignature(event.target.value);
              setSaved(false);
            }}
          />
          <span className="field-hint">
            Used for {'{{agentSignature}}'}; left empty, your first name is used.
          </span>
        </div>
        <div className="button-row">
          <button type="submit" className="button primary">
            Save
          </button>
          <StatusNote message={saved ? 'Saved.' : null} inline />
        </div>
        <FieldError message={error} testId="agent-error" />
      </form>
    </section>
  );
}
