import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  type ActivePolicyRecord,
  type PolicySource,
  saveActivePolicy,
} from '../../lib/background/policy-store';
import { type PolicyParseResult, parsePolicyText } from '../../lib/policy/parse';
import { DEFAULT_MAX_POLICY_BYTES, formatBytes } from '../../lib/policy/sync';
import { renderPolicyYaml } from '../../lib/policy/yaml';
import { reasonOf } from '../shared/reason';
import { FieldError, StatusNote } from '../shared/States';

const SOURCE_WORDS: Record<PolicySource, string> = {
  default: 'the built-in policy',
  url: 'synced from the policy URL',
  file: 'imported from a file',
  editor: 'saved from another editor',
};

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/**
 * The active policy as YAML, editable with live validation (every error with its line and column).
 * Save applies only a policy that validated completely; a policy file can be loaded the same way.
 *
 * With a policy URL set, the team's file wins: the next sync replaces a policy saved here whatever its
 * version (agents follow the published file). The editor says so before and after saving, so an edit
 * is not lost without warning.
 */
export function PolicyEditor({
  record,
  policyUrl = null,
}: {
  record: ActivePolicyRecord;
  policyUrl?: string | null;
}) {
  const editorId = useId();
  const fileId = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const activeYaml = useMemo(() => renderPolicyYaml(record.policy), [record.policy]);
  const [text, setText] = useState(activeYaml);
  const [dirty, setDirty] = useState(false);
  /** The active policy the edits started from: a sync or import since then is news to the editor. */
  const [editedFrom, setEditedFrom] = useState(record.appliedAt);
  const [message, setMessage] = useState<string | null>(null);
  /** Why the last save or import did not take: storage can refuse it (full), and the edits stay. */
  const [saveError, setSaveError] = useState<string | null>(null);
  const [fileErrors, setFileErrors] = useState<PolicyParseResult | null>(null);
  useEffect(() => {
    if (dirty) return;
    setText(activeYaml);
    setEditedFrom(record.appliedAt);
  }, [activeYaml, dirty, record.appliedAt]);
  const checked = useDebounced(text, 150);
  const result = useMemo(() => parsePolicyText(checked, 'editor'), [checked]);
  const pending = checked !== text;
  const changedUnderEdits = dirty && record.appliedAt !== editedFrom;
  const canSave = dirty && !pending && result.ok;
  const discard = () => {
    setText(activeYaml);
    setDirty(false);
    setEditedFrom(record.appliedAt);
    setSaveError(null);
  };

  /** `failed` says what did not happen and why, when storage refuses the policy. */
  const apply = async (
    policyResult: PolicyParseResult,
    source: PolicySource,
    done: string,
    failed: (reason: string) => string,
  ) => {
    if (!policyResult.ok) return;
    setSaveError(null);
    try {
      await saveActivePolicy(browser.storage.local, {
        policy: policyResult.policy,
        source,
        appliedAt: new Date().toISOString(),
      });
    } catch (failure) {
      setMessage(null);
      setSaveError(failed(reasonOf(failure)));
      return;
    }
    setDirty(false);
    setMessage(
      policyUrl
        ? `${done} The next sync from the policy URL (within 30 minutes) replaces it with the published file.`
        : done,
    );
  };

  const importFile = async (file: File) => {
    setMessage(null);
    setSaveError(null);
    // The limit a sync holds the published file to; checked first, as reading a file holds all of it.
    if (file.size > DEFAULT_MAX_POLICY_BYTES) {
      setFileErrors(null);
      setSaveError(
        `${file.name} was not applied: it is ${formatBytes(file.size)}; the limit is ${formatBytes(DEFAULT_MAX_POLICY_BYTES)}.`,
      );
      return;
    }
    let content: string;
    try {
      content = await file.text();
    } catch (failure) {
      setSaveError(`${file.name} could not be read: ${reasonOf(failure)}`);
      return;
    }
    const parsed = parsePolicyText(content, file.name);
    setFileErrors(parsed.ok ? null : parsed);
    if (parsed.ok)
      await apply(
        parsed,
        'file',
        `Applied ${file.name}: version ${parsed.policy.version}.`,
        (reason) => `${file.name} was not applied: ${reason}`,
      );
  };

  const jumpTo = (line: number, column: number) => {
    const area = textRef.current;
    if (!area) return;
    const lines = text.split('\n');
    const offset =
      lines.slice(0, line - 1).reduce((sum, current) => sum + current.length + 1, 0) + column - 1;
    area.focus();
    area.setSelectionRange(offset, offset);
  };

  return (
    <div className="policy-editor">
      <div className="field">
        <label htmlFor={fileId}>Import a policy file (YAML or JSON)</label>
        <input
          id={fileId}
          type="file"
          accept=".yaml,.yml,.json,application/json,text/yaml"
          data-testid="policy-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void importFile(file);
            event.target.value = '';
          }}
        />
      </div>
      {fileErrors && !fileErrors.ok ? (
        <div className="banner error" role="alert" data-testid="policy-file-errors">
          <p className="banner-title">That file is not a valid policy; nothing was changed.</p>
          <ul>
            {fileErrors.errors.slice(0, 20).map((error) => (
              <li key={`${error.line}:${error.column}:${error.path}:${error.message}`}>
                {error.source}:{error.line}:{error.column} {error.path} {error.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={editorId}>Edit the active policy</label>
        <textarea
          id={editorId}
          ref={textRef}
          className="textarea code"
          spellCheck={false}
          rows={22}
          value={text}
          aria-invalid={!result.ok}
          aria-describedby={`${editorId}-status`}
          data-testid="policy-editor"
          onChange={(event) => {
            setText(event.target.value);
            setDirty(true);
            setMessage(null);
          }}
        />
      </div>
      {policyUrl ? (
        <p className="muted small" data-testid="policy-editor-synced">
          This browser follows the policy at <code>{policyUrl}</code>: what you save or import here applies
          until the next sync (every 30 minutes), which brings the published file back. To change the
          team&rsquo;s policy, publish your edited file at that URL with a higher version.
        </p>
      ) : null}
      {changedUnderEdits ? (
        <div className="banner warning" role="alert" data-testid="policy-editor-changed">
          <p className="banner-title">
            The active policy changed while you were editing (now version {record.policy.version},{' '}
            {SOURCE_WORDS[record.source]}).
          </p>
          <p className="small">
            Saving replaces it with your text. To keep the new policy, discard your changes and edit it again.
          </p>
        </div>
      ) : null}
      {/* Said once the check settles, in one line: the full list below is read on demand. Not blanked
          while checking: refilled after every pause in typing, the same words would be said again. */}
      <p className="visually-hidden" aria-live="polite" data-testid="policy-editor-summary">
        {editorSummary(result)}
      </p>
      <div id={`${editorId}-status`} data-testid="policy-editor-status">
        {pending ? (
          <p className="muted small">Checking…</p>
        ) : result.ok ? (
          <p className="small ok-text">
            Valid policy, version {result.policy.version}.
            {result.policy.version <= record.policy.version && dirty
              ? ' Raise the version so every agent picks up the change.'
              : ''}
          </p>
        ) : (
          <ul className="error-list" data-testid="policy-editor-errors">
            {result.errors.slice(0, 50).map((error) => (
              <li key={`${error.line}:${error.column}:${error.path}:${error.message}`}>
                <button
                  type="button"
                  className="button small quiet"
                  onClick={() => jumpTo(error.line, error.column)}
                >
                  {error.line}:{error.column}
                </button>{' '}
                <code>{error.path}</code> {error.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      {/* aria-disabled, not disabled: both turn off once pressed, and a focused button that becomes
          disabled drops keyboard focus to the page's body. */}
      <div className="button-row">
        <button
          type="button"
          className="button primary"
          aria-disabled={!canSave}
          onClick={() => {
            if (canSave)
              void apply(
                result,
                'editor',
                'Saved: the edited policy is active.',
                (reason) => `The policy was not saved: ${reason} Your edits are still here.`,
              );
          }}
        >
          Save policy
        </button>
        <button
          type="button"
          className="button"
          aria-disabled={!dirty}
          onClick={() => {
            if (dirty) discard();
          }}
        >
          Discard changes
        </button>
        <StatusNote message={message} testId="policy-editor-message" inline />
      </div>
      <FieldError message={saveError} testId="policy-editor-error" />
    </div>
  );
}

/** What a screen reader hears when the editor's check settles: valid, or how many errors and the first. */
function editorSummary(result: PolicyParseResult): string {
  if (result.ok) return `Valid policy, version ${result.policy.version}.`;
  const [first] = result.errors;
  const count = result.errors.length === 1 ? '1 error' : `${result.errors.length} errors`;
  return first ? `${count}. First, line ${first.line}: ${first.message}` : count;
}
