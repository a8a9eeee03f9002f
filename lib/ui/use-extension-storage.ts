import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  type ActivePolicyRecord,
  loadActivePolicy,
  loadPolicyStatus,
  POLICY_KEY,
  POLICY_STATUS_KEY,
  type PolicySyncStatus,
} from '../background/policy-store';
import { loadSettings, SETTINGS_KEY, type Settings } from '../background/settings';

/**
 * Extension storage (chrome.storage) is the extension's own in every context, embedded frames included,
 * so policy, sync status and settings are read directly and kept live through storage.onChanged.
 */
function useStorageValue<T>(keys: readonly string[], load: () => Promise<T>): T | undefined {
  const [value, setValue] = useState<T>();
  const keysKey = keys.join('|');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is stable per call site; keys drive reloads
  useEffect(() => {
    let cancelled = false;
    const refresh = () => void load().then((next) => !cancelled && setValue(next));
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && keysKey.split('|').some((key) => key in changes)) refresh();
    };
    browser.storage.onChanged.addListener(listener);
    refresh();
    return () => {
      cancelled = true;
      browser.storage.onChanged.removeListener(listener);
    };
  }, [keysKey]);
  return value;
}

export function useActivePolicy(): ActivePolicyRecord | undefined {
  return useStorageValue([POLICY_KEY], () => loadActivePolicy(browser.storage.local));
}

export function usePolicyStatus(): PolicySyncStatus | undefined {
  return useStorageValue([POLICY_STATUS_KEY], () => loadPolicyStatus(browser.storage.local));
}

export function useSettings(): Settings | undefined {
  return useStorageValue([SETTINGS_KEY], () => loadSettings(browser.storage.local));
}
