import { browser } from 'wxt/browser';
import type { Settings } from '../../lib/background/settings';
import { PlatformSwitches } from '../shared/PlatformSwitches';
import { HostListEditor } from './HostListEditor';

/** Where Parley runs: each platform on or off, plus Mastodon instances and other sites by host. */
export function SitesSection({ settings }: { settings: Settings }) {
  return (
    <section className="options-section" aria-labelledby="sites-heading" id="sites">
      <h2 id="sites-heading">Sites</h2>
      <p className="muted">
        Switched-off sites are not scanned at all. Open tabs follow a change at once: their marks go when a
        site is switched off and come back when it is switched on.
      </p>
      <PlatformSwitches settings={settings} area={browser.storage.local} />
      <HostListEditor
        settings={settings}
        kind="mastodonHosts"
        label="Mastodon instances"
        placeholder="mastodon.social"
      />
      <HostListEditor
        settings={settings}
        kind="genericHosts"
        label="Other sites"
        placeholder="forum.example.com"
      />
    </section>
  );
}
