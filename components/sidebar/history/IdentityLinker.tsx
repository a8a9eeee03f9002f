import { useEffect, useId, useRef, useState } from 'react';
import type { IdentityRow } from '../../../lib/db/records';
import { PLATFORM_LABELS } from '../../../lib/domain/types';
import { sendFromPage } from '../../../lib/ui/send';
import { useBackgroundQuery } from '../../../lib/ui/use-background-query';
import { FieldError, StatusNote } from '../../shared/States';
import { firstButtonIn, keepFocusOnRemoval } from '../focus-after-action';

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/**
 * One person, several accounts: the customer's identities, and a search to link this account to a
 * customer we already know elsewhere (their histories merge into one timeline).
 */
export function IdentityLinker({
  customerId,
  identityId,
  identities,
}: {
  customerId: string;
  identityId: string;
  identities: IdentityRow[];
}) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = useDebounced(query, 250);
  // Nothing to ask while the search box is empty (results show only for a search).
  const { data: results } = useBackgroundQuery(
    'customer-search',
    { query: search, excludeCustomerId: customerId },
    { skip: search.trim() === '', keepPrevious: true },
  );
  const run = async (
    name: 'link-identity' | 'unlink-identity',
    args: Record<string, string>,
    done: string,
  ) => {
    // The earlier outcome goes: "Linked…" beside a later failure reads as if this one worked too.
    setMessage(null);
    setError(null);
    // The pressed Link goes with the search results: back to the search. An Unlink goes with its
    // account: on to the next account's Unlink, else the search.
    keepFocusOnRemoval(() =>
      name === 'unlink-identity' ? (firstButtonIn(listRef.current) ?? inputRef.current) : inputRef.current,
    );
    try {
      await sendFromPage('sidebar:mutate', { name, args });
      setMessage(done);
      setQuery('');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <div className="identities">
      <h4>Accounts</h4>
      <ul className="identity-list" data-testid="identities" ref={listRef}>
        {identities.map((identity) => (
          <li key={identity.id}>
            <span className="badge">{PLATFORM_LABELS[identity.platform]}</span> @{identity.handle}
            {identity.displayName ? <span className="muted small"> {identity.displayName}</span> : null}
            {identities.length > 1 ? (
              <button
                type="button"
                className="button small quiet"
                aria-label={`Unlink @${identity.handle} on ${PLATFORM_LABELS[identity.platform]}`}
                onClick={() =>
                  void run('unlink-identity', { identityId: identity.id }, `Unlinked @${identity.handle}.`)
                }
              >
                Unlink
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="field">
        <label htmlFor={inputId}>Same person as…</label>
        <input
          id={inputId}
          ref={inputRef}
          className="input"
          type="search"
          value={query}
          placeholder="Handle or name on another site"
          autoComplete="off"
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      {search.trim() !== '' && results ? (
        results.length === 0 ? (
          <p className="muted small">No other customer matches “{search}”.</p>
        ) : (
          <ul className="search-results" aria-label="Matching customers" data-testid="link-results">
            {results.map(({ customer, identities: theirs }) => (
              <li key={customer.id}>
                <div>
                  <strong>{customer.displayName}</strong>
                  <div className="muted small">
                    {theirs
                      .map((identity) => `${PLATFORM_LABELS[identity.platform]} @${identity.handle}`)
                      .join(' · ')}
                  </div>
                </div>
                <button
                  type="button"
                  className="button small"
                  onClick={() =>
                    void run(
                      'link-identity',
                      { identityId, targetCustomerId: customer.id },
                      `Linked: ${customer.displayName}'s history is now one timeline.`,
                    )
                  }
                >
                  Link
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <StatusNote message={message} />
      <FieldError message={error} />
    </div>
  );
}
