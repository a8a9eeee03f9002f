import { type FormEvent, useId, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { type Settings, saveSettings } from '../../lib/background/settings';
import { normalizeHost } from '../../lib/sites/enabled-hosts';
import { keepFocusOnRemoval } from '../shared/keep-focus';
import { reasonOf } from '../shared/reason';
import { FieldError } from '../shared/States';

/**
 * The access one listed host needs. Removing a host must give back exactly what adding it asked for:
 * anything else leaves the granted permission behind.
 */
function originsFor(host: string): string[] {
  return host === 'localhost' ? ['http://localhost/*'] : [`https://${host}/*`];
}

/**
 * Hosts for the host-agnostic adapters (Mastodon instances, other sites). Adding one asks for access to
 * that host only, from the click itself; removing it gives the access back.
 */
export function HostListEditor({
  settings,
  kind,
  label,
  placeholder,
}: {
  settings: Settings;
  kind: 'mastodonHosts' | 'genericHosts';
  label: string;
  placeholder: string;
}) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const hosts = settings[kind];

  const add = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const host = normalizeHost(value);
    if (!host) {
      setError(`'${value}' is not a host name (for example mastodon.social).`);
      return;
    }
    if (hosts.includes(host)) {
      setError(`${host} is already on the list.`);
      return;
    }
    // Requested inside the click's handler: the browser only shows the prompt for a user gesture.
    void browser.permissions
      .request({ origins: originsFor(host) })
      .then(async (granted) => {
        if (!granted) {
          setError(`Parley was not given access to ${host}, so it cannot run there.`);
          return;
        }
        await saveSettings(browser.storage.local, { [kind]: [...hosts, host] });
        setValue('');
      })
      // The typed host stays in the field, to add again.
      .catch((failure: unknown) => setError(`${host} was not added: ${reasonOf(failure)}`));
  };

  const remove = async (host: string) => {
    // The row goes with its host: on to the next host's Remove, else the previous one's, else the input.
    const buttons = [...(listRef.current?.querySelectorAll('button') ?? [])];
    const at = hosts.indexOf(host);
    const neighbour = buttons[at + 1] ?? buttons[at - 1];
    keepFocusOnRemoval(() => neighbour ?? inputRef.current);
    setError(null);
    try {
      await saveSettings(browser.storage.local, { [kind]: hosts.filter((entry) => entry !== host) });
    } catch (failure) {
      // Still listed, so its access stays too: the two never disagree.
      setError(`${host} was not removed: ${reasonOf(failure)}`);
      return;
    }
    await browser.permissions.remove({ origins: originsFor(host) }).catch(() => false);
  };

  return (
    <div className="host-list">
      <form className="field" onSubmit={add}>
        <label htmlFor={inputId}>{label}</label>
        <div className="input-row">
          <input
            id={inputId}
            ref={inputRef}
            className="input"
            value={value}
            placeholder={placeholder}
            onChange={(event) => setValue(event.target.value)}
          />
          <button type="submit" className="button">
            Add
          </button>
        </div>
      </form>
      <FieldError message={error} />
      {hosts.length > 0 ? (
        <ul className="host-items" aria-label={label} ref={listRef}>
          {hosts.map((host) => (
            <li key={host}>
              <span>{host}</span>
              <button
                type="button"
                className="button small quiet"
                aria-label={`Remove ${host}`}
                onClick={() => void remove(host)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
