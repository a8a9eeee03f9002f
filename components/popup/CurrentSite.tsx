import { useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { type Settings, saveSettings } from '../../lib/background/settings';
import { PLATFORM_LABELS, type Platform } from '../../lib/domain/types';
import { platformForHost } from '../../lib/ui/site';

/**
 * Platforms whose sites the agent adds by host. Their switch, like the options page's, turns off the
 * platform: every host on its list, not only this tab's. To stop one host, it is removed from the list.
 */
const SHARED_SWITCHES: Partial<Record<Platform, { name: string; others: string }>> = {
  mastodon: { name: 'every Mastodon instance you added', others: 'Mastodon instance' },
  web: { name: 'every other site you added', others: 'site under Other sites' },
};

/** The active tab's site and its on/off switch (the tab's URL is only visible on sites Parley may run on). */
export function CurrentSite({ settings }: { settings: Settings }) {
  const [host, setHost] = useState<string | null | undefined>(undefined);
  // The switch follows the click at once; once storage reports the change, the stored value rules again.
  const [pending, setPending] = useState<{ basis: Settings; on: boolean } | null>(null);
  const scopeId = useId();
  useEffect(() => {
    void browser.tabs
      .query({ active: true, lastFocusedWindow: true })
      .then(([tab]) => {
        try {
          const url = tab?.url ? new URL(tab.url) : null;
          setHost(url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.hostname : null);
        } catch {
          setHost(null);
        }
      })
      .catch(() => setHost(null));
  }, []);
  if (host === undefined) return null;
  const platform = host ? platformForHost(host, settings) : null;
  if (!host || !platform) {
    return (
      <p className="muted small" data-testid="current-site">
        Parley is not set up for this page. Add other sites in the options.
      </p>
    );
  }
  const on =
    pending && pending.basis === settings ? pending.on : !settings.disabledPlatforms.includes(platform);
  const toggle = (next: boolean) => {
    setPending({ basis: settings, on: next });
    const disabled = new Set(settings.disabledPlatforms);
    if (next) disabled.delete(platform);
    else disabled.add(platform);
    void saveSettings(browser.storage.local, { disabledPlatforms: [...disabled] });
  };
  const shared = SHARED_SWITCHES[platform];
  return (
    <div className="current-site" data-testid="current-site">
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          aria-checked={on}
          checked={on}
          aria-describedby={shared ? scopeId : undefined}
          onChange={(event) => toggle(event.target.checked)}
        />
        {shared ? (
          <span>
            Parley on <strong>{shared.name}</strong>
          </span>
        ) : (
          <span>
            Parley on <strong>{host}</strong> ({PLATFORM_LABELS[platform]})
          </span>
        )}
      </label>
      {shared ? (
        <span id={scopeId} className="muted small">
          This switch covers {host} and every other {shared.others}. To stop Parley on {host} alone, remove it
          under Sites in the options.
        </span>
      ) : null}
    </div>
  );
}
