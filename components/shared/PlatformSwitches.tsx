import { useEffect, useState } from 'react';
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
  // The switch follows the click at once; storage confirms a moment later (and then wins).
  const [pending, setPending] = useState<Partial<Record<Platform, boolean>>>({});
  useEffect(() => setPending({}), [settings.disabledPlatforms]);
  const toggle = (platform: Platform, on: boolean) => {
    setPending((current) => ({ ...current, [platform]: on }));
    const disabled = new Set(settings.disabledPlatforms);
    if (on) disabled.delete(platform);
    else disabled.add(platform);
    void saveSettings(area, { disabledPlatforms: PLATFORMS.filter((candidate) => disabled.has(candidate)) });
  };
  return (
    <ul className="switch-list" data-testid="platform-switches">
      {platforms.map((platform) => {
        const on = pending[platform] ?? !settings.disabledPlatforms.includes(platform);
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
