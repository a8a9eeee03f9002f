import { type KeyboardEvent, type MouseEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { getDb } from '../../lib/db/instance';
import type { PurgeCounts } from '../../lib/db/retention';
import {
  exportCsv,
  exportJson,
  ImportError,
  ImportInterruptedError,
  type ImportProgress,
  type ImportResult,
  importJson,
} from '../../lib/export';
import { sendFromPage } from '../../lib/ui/send';
import { useBackgroundQuery } from '../../lib/ui/use-background-query';
import { busyWhile, useSingleRun } from '../shared/busy';
import { keepFocusOnRemoval } from '../shared/keep-focus';
import { FieldError, StatusNote } from '../shared/States';
import { dateStamp, downloadChunks, fileTextChunks } from './file-io';

/** Tells open sidebars to re-read after the options page changed the database directly (import). */
function announceDatabaseChange(): void {
  void browser.runtime.sendMessage({ type: 'background:db-changed', payload: {} }).catch(() => undefined);
}

function describeCounts(counts: PurgeCounts): string {
  return `${counts.cases} cases, ${counts.mentions} mentions and ${counts.customers} customers deleted.`;
}

/**
 * Export and import turn their controls off with aria-disabled, not `disabled`: a focused control that
 * becomes disabled drops keyboard focus to the page's body while the work runs.
 */
function ExportPanel() {
  const exporting = useSingleRun();
  const [message, setMessage] = useState<string | null>(null);
  const run = (kind: 'json' | 'mentions' | 'cases') =>
    exporting.run(async () => {
      setMessage(null);
      try {
        const chunks: string[] = [];
        if (kind === 'json') {
          const counts = await exportJson(getDb(), (chunk) => void chunks.push(chunk));
          downloadChunks(chunks, `parley-export-${dateStamp()}.jsonl`, 'application/x-ndjson');
          setMessage(
            `Exported ${counts.customers} customers, ${counts.mentions} mentions and ${counts.cases} cases.`,
          );
        } else {
          const rows = await exportCsv(getDb(), kind, (chunk) => void chunks.push(chunk));
          downloadChunks(chunks, `parley-${kind}-${dateStamp()}.csv`, 'text/csv');
          setMessage(`Exported ${rows} ${kind} as CSV.`);
        }
      } catch (failure) {
        setMessage(`Export failed: ${failure instanceof Error ? failure.message : String(failure)}`);
      }
    });
  return (
    <div className="data-panel">
      <h3>Export</h3>
      <div className="button-row">
        <button
          type="button"
          className="button"
          {...busyWhile(exporting.busy)}
          onClick={() => void run('json')}
        >
          Everything (JSON Lines)
        </button>
        <button
          type="button"
          className="button"
          {...busyWhile(exporting.busy)}
          onClick={() => void run('mentions')}
        >
          Mentions (CSV)
        </button>
        <button
          type="button"
          className="button"
          {...busyWhile(exporting.busy)}
          onClick={() => void run('cases')}
        >
          Cases (CSV)
        </button>
      </div>
      <StatusNote message={message} testId="export-message" />
    </div>
  );
}

function ImportPanel() {
  const inputId = useId();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const importing = useSingleRun();
  const run = (file: File) =>
    importing.run(async () => {
      setError(null);
      setResult(null);
      setProgress({ phase: 'validating', lines: 0, totalLines: null });
      try {
        const imported = await importJson(
          getDb(),
          () => fileTextChunks(file),
          { mode: 'merge' },
          setProgress,
        );
        setResult(imported);
        announceDatabaseChange();
      } catch (failure) {
        // An interrupted import did add rows, and its message says how many: "Nothing was imported" would
        // be wrong there.
        setError(
          failure instanceof ImportInterruptedError
            ? failure.message
            : failure instanceof ImportError
              ? `Nothing was imported. ${failure.message}`
              : `Nothing was imported: ${failure instanceof Error ? failure.message : String(failure)}`,
        );
      } finally {
        setProgress(null);
      }
    });
  const percent =
    progress?.phase === 'writing' && progress.totalLines
      ? Math.round((progress.lines / progress.totalLines) * 100)
      : null;
  return (
    <div className="data-panel">
      <h3>Import</h3>
      <div className="field">
        <label htmlFor={inputId}>
          A Parley export (.jsonl): merged into your data, nothing is overwritten
        </label>
        <input
          id={inputId}
          type="file"
          accept=".jsonl,.ndjson,.json,application/x-ndjson"
          {...busyWhile(importing.busy)}
          data-testid="import-file"
          onClick={(event) => {
            if (importing.busy) event.preventDefault();
          }}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void run(file);
            event.target.value = '';
          }}
        />
      </div>
      {progress ? (
        <div className="progress-line">
          <progress max={100} value={percent ?? undefined} aria-label="Import progress" />
          {/* The counts move many times a second: shown, and read on demand from the bar, not said. */}
          <span className="small" aria-hidden="true">
            {progress.phase === 'validating'
              ? `Checking line ${progress.lines}…`
              : `Writing… ${percent ?? 0}%`}
          </span>
        </div>
      ) : null}
      {/* Always present, empty until an import starts: a live region created with its text already in it
          is not reliably announced. */}
      <span className="visually-hidden" role="status" data-testid="import-progress-said">
        {progress ? (progress.phase === 'validating' ? 'Checking the file…' : 'Importing…') : null}
      </span>
      <FieldError message={error} testId="import-error" />
      <StatusNote
        message={
          result
            ? `Imported ${result.written.customers} customers, ${result.written.mentions} mentions and ${result.written.cases} cases (${result.skipped.mentions} mentions were already here).`
            : null
        }
        testId="import-result"
      />
    </div>
  );
}

/**
 * A deletion in two steps: “Delete…”, then “Yes, delete …” or Cancel. The two steps are different
 * elements (keys), so keyboard focus does not stay on a button that has just turned into the
 * confirmation; focus moves to Cancel, so Enter pressed twice cancels; and the second click of a
 * double click (which lands where “Delete…” was) neither confirms nor cancels.
 */
function ConfirmDelete({
  confirming,
  disabled = false,
  small = false,
  askLabel,
  confirmLabel,
  onAsk,
  onCancel,
  onConfirm,
}: {
  confirming: boolean;
  disabled?: boolean;
  small?: boolean;
  askLabel: string;
  confirmLabel: string;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const askRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(confirming);
  // Layout effect: focus is in place before the next key press is handled.
  useLayoutEffect(() => {
    if (confirming) cancelRef.current?.focus();
    // Back from the confirmation: focus returns to “Delete…” unless the agent has moved on.
    else if (
      wasConfirming.current &&
      (document.activeElement === null || document.activeElement === document.body)
    )
      askRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const size = small ? ' small' : '';
  // event.detail counts the clicks in a row (keyboard activation reports 0): a second one is the rest of
  // a double click begun on “Delete…”, whichever of the two buttons it lands on. It does nothing, and
  // its press does not take focus from Cancel (a following Enter would confirm).
  const notSecondPress = (event: MouseEvent<HTMLButtonElement>) => {
    if (event.detail > 1) event.preventDefault();
  };
  const firstClickOnly = (action: () => void) => (event: MouseEvent<HTMLButtonElement>) => {
    if (event.detail <= 1) action();
  };
  // Escape backs out of the confirmation, as it closes any other question the page asks.
  const cancelOnEscape = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onCancel();
  };
  return confirming ? (
    <span key="confirmation" className="button-row">
      <button
        type="button"
        className={`button${size} danger`}
        disabled={disabled}
        onMouseDown={notSecondPress}
        onKeyDown={cancelOnEscape}
        onClick={firstClickOnly(onConfirm)}
      >
        {confirmLabel}
      </button>
      <button
        ref={cancelRef}
        type="button"
        className={`button${size}`}
        onMouseDown={notSecondPress}
        onKeyDown={cancelOnEscape}
        onClick={firstClickOnly(onCancel)}
      >
        Cancel
      </button>
    </span>
  ) : (
    <button
      key="ask"
      ref={askRef}
      type="button"
      className={`button${size} danger`}
      disabled={disabled}
      onClick={onAsk}
    >
      {askLabel}
    </button>
  );
}

function PurgePanel() {
  const daysId = useId();
  const searchId = useId();
  const [days, setDays] = useState(365);
  const [query, setQuery] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const { data: matches } = useBackgroundQuery('customer-search', { query }, { keepPrevious: true });
  const run = async (name: 'purge-older-than' | 'purge-customer', args: Record<string, unknown>) => {
    setError(null);
    setMessage(null);
    try {
      const counts = (await sendFromPage('sidebar:mutate', { name, args })) as PurgeCounts;
      setMessage(describeCounts(counts));
      setConfirming(null);
      setQuery('');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <div className="data-panel">
      <h3>Delete data</h3>
      <div className="field">
        <label htmlFor={daysId}>Delete cases with no activity for more than … days</label>
        <div className="input-row">
          <input
            id={daysId}
            className="input narrow-input"
            type="number"
            min={1}
            max={36500}
            value={days}
            onChange={(event) => setDays(Number(event.target.value))}
          />
          <ConfirmDelete
            confirming={confirming === 'age'}
            disabled={!Number.isInteger(days) || days < 1 || days > 36_500}
            askLabel="Delete old cases…"
            confirmLabel="Yes, delete them"
            onAsk={() => setConfirming('age')}
            onCancel={() => setConfirming(null)}
            onConfirm={() => void run('purge-older-than', { days })}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={searchId}>Delete everything about one customer (a privacy request)</label>
        <input
          id={searchId}
          ref={searchRef}
          className="input"
          type="search"
          value={query}
          placeholder="Handle or name"
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      {query.trim() !== '' && matches ? (
        matches.length === 0 ? (
          <p className="muted small">No customer matches “{query}”.</p>
        ) : (
          <ul className="host-items" aria-label="Matching customers" data-testid="purge-matches">
            {matches.map(({ customer, identities }) => (
              <li key={customer.id}>
                <span>
                  <strong>{customer.displayName}</strong>{' '}
                  <span className="muted small">
                    {identities.map((identity) => `@${identity.handle}`).join(', ')}
                  </span>
                </span>
                <ConfirmDelete
                  small
                  confirming={confirming === customer.id}
                  askLabel="Delete…"
                  confirmLabel={`Yes, delete all about ${customer.displayName}`}
                  onAsk={() => setConfirming(customer.id)}
                  onCancel={() => setConfirming(null)}
                  onConfirm={() => {
                    // The customer's row goes with the search: back to the search box.
                    keepFocusOnRemoval(() => searchRef.current);
                    void run('purge-customer', { customerId: customer.id });
                  }}
                />
              </li>
            ))}
          </ul>
        )
      ) : null}
      <StatusNote message={message} testId="purge-message" />
      <FieldError message={error} />
    </div>
  );
}

/** The agent's data: export (JSON Lines, CSV), merging import, and deletion by age or by customer. */
export function DataSection() {
  return (
    <section className="options-section" aria-labelledby="data-heading" id="data">
      <h2 id="data-heading">Data</h2>
      <p className="muted">Case history stays in this browser profile. Export it to back it up or move it.</p>
      <ExportPanel />
      <ImportPanel />
      <PurgePanel />
    </section>
  );
}
