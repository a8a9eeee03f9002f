import { useId } from 'react';
import { browser } from 'wxt/browser';
import { type Settings, saveSettings } from '../../lib/background/settings';

/** Light, dark, or automatic (the site's theme in the sidebar, the system's elsewhere). */
export function AppearanceSection({ settings }: { settings: Settings }) {
  const selectId = useId();
  return (
    <section className="options-section" aria-labelledby="appearance-heading" id="appearance">
      <h2 id="appearance-heading">Appearance</h2>
      <div className="field narrow">
        <label htmlFor={selectId}>Theme</label>
        <select
          id={selectId}
          className="select"
          value={settings.theme}
          onChange={(event) =>
            void saveSettings(browser.storage.local, { theme: event.target.value as Settings['theme'] })
          }
        >
          <option value="system">Automatic (follow the site or the system)</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </div>
    </section>
  );
}
