import { useEffect, useMemo, useState } from 'react';
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
 *
 * Each key's value is read (and, for the policy, validated) once per page and shared by every
 * component that uses it. Why: the reply panel mounts afresh for every mention the agent opens, and
 * reading and validating the policy again each time cost every marker click a few milliseconds and a
 * second render of the panel once the policy arrived.
 */
interface SharedValue {
  value: unknown;
  loaded: boolean;
  /** Counts reads; only the newest read's answer is kept (storage can change while one is running). */
  reads: number;
  subscribers: Set<(value: unknown) => void>;
}

const shared = new Map<string, SharedValue>();

function sharedValue(keys: readonly string[], load: () => Promise<unknown>): SharedValue {
  const keysKey = keys.join('|');
  let entry = shared.get(keysKey);
  if (entry) return entry;
  const created: SharedValue = { value: undefined, loaded: false, reads: 0, subscribers: new Set() };
  entry = created;
  shared.set(keysKey, created);
  const refresh = () => {
    const read = ++created.reads;
    void load().then(
      (next) => {
        if (read !== created.reads) return;
        created.value = next;
        created.loaded = true;
        for (const subscriber of created.subscribers) subscriber(next);
      },
      () => {
        // Unreadable now: the last value stays; the next change reads again.
      },
    );
  };
  // For the life of the page: the value is kept for the next component that needs it.
  browser.storage.onChanged.addListener((changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && keys.some((key) => key in changes)) refresh();
  });
  refresh();
  return created;
}

function useStorageValue<T>(keys: readonly string[], load: () => Promise<T>): T | undefined {
  const keysKey = keys.join('|');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is stable per call site; keys decide
  const entry = useMemo(() => sharedValue(keys, load), [keysKey]);
  const [value, setValue] = useState<T | undefined>(() => entry.value as T | undefined);
  useEffect(() => {
    const subscriber = (next: unknown) => setValue(next as T);
    entry.subscribers.add(subscriber);
    // A read that finished between the first render and now.
    if (entry.loaded) setValue(entry.value as T);
    return () => {
      entry.subscribers.delete(subscriber);
    };
  }, [entry]);
  return value;
}

/** For tests: forget every shared value (each test starts with its own storage). */
export function forgetStorageValues(): void {
  shared.clear();
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
