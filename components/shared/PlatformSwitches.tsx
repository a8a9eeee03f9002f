import { useState } from 'react';
import { type LocalArea, type Settings, saveSettings } from '../../lib/background/settings';
import { PLATFORM_LABELS, PLATFORMS, type Platform } from '../../lib/domain/types';

/** Per-platform on/off (settings.disabledPlatforms): off means Parley does not scan that site at all. */
export function PlatformSwitches({
  settings,
  area,
  platforms = PLATFORMS,
}: {
  settings: Settings;
  area: LocalArea;
  platforms?: readonly Platform[];
}) {
  // The switch follows the click at once; once storage reports the change (the settings it was based on
  // are replaced), the stored value rules again.
  const [pending, setPending] = useState<{ basis: Settings; values: Partial<Record<Platform, boolean>> }>({
    basis: settings,
    values: {},
  });
  const overrides = pending.basis === settings ? pending.values : {};
  const toggle = (platform: Platform, on: boolean) => {
    const values = { ...overrides, [platform]: on };
    setPending({ basis: settings, values });
    // Saved from what the switches show, not from the stored settings alone: a switch pressed before
    // storage reported the previous press would otherwise write that press back.
    void saveSettings(area, {
      disabledPlatforms: PLATFORMS.filter(
        (candidate) => !(values[candidate] ?? !settings.disabledPlatforms.includes(candidate)),
      ),
    });
  };
  return (
    <ul className="switch-list" data-testid="platform-switches">
      {platforms.map((platform) => {
        const on = overrides[platform] ?? !settings.disabledPlatforms.includes(platform);
        return (
          <li key={platform}>
            <label className="switch">
              <input
                type="checkbox"
                role="switch"
                aria-checked={on}
                checked={on}
                data-platform={platform}
                onChange={(event) => toggle(platform, event.target.checked)}
              />
              <span>{PLATFORM_LABELS[platform]}</span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}
