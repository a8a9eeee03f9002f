import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { loadMastodonLimits, MASTODON_LIMITS_KEY, mastodonLimitFor } from '../background/mastodon-limits';
import {
  type ActivePolicyRecord,
  loadActivePolicy,
  loadPolicyStatus,
  POLICY_KEY,
  POLICY_STATUS_KEY,
  type PolicySyncStatus,
} from '../background/policy-store';
import { loadSettings, SETTINGS_KEY, type Settings } from '../background/settings';
import type { Platform } from '../domain/types';

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
  /** The last read failed: the next component that needs the value reads again. */
  failed: boolean;
  /** Reads started, and the newest whose answer was kept: an older read finishing late is dropped. */
  reads: number;
  applied: number;
  refresh: () => void;
  listener: (changes: Record<string, unknown>, area: string) => void;
  subscribers: Set<(value: unknown) => void>;
}

const shared = new Map<string, SharedValue>();

function sharedValue(keys: readonly string[], load: () => Promise<unknown>): SharedValue {
  const keysKey = keys.join('|');
  const existing = shared.get(keysKey);
  if (existing) return existing;
  const entry: SharedValue = {
    value: undefined,
    loaded: false,
    failed: false,
    reads: 0,
    applied: 0,
    refresh: () => {
      const read = ++entry.reads;
      load().then(
        (next) => {
          if (read < entry.applied) return;
          entry.applied = read;
          entry.value = next;
          entry.loaded = true;
          entry.failed = false;
          for (const subscriber of entry.subscribers) subscriber(next);
        },
        (error: unknown) => {
          // The last value stays on screen; the next change, or the next component, reads again.
          entry.failed = true;
          console.warn('Parley: could not read extension storage', error);
        },
      );
    },
    // For the life of the page: the value is kept for the next component that needs it.
    listener: (changes, area) => {
      if (area === 'local' && keys.some((key) => key in changes)) entry.refresh();
    },
    subscribers: new Set(),
  };
  shared.set(keysKey, entry);
  browser.storage.onChanged.addListener(entry.listener);
  entry.refresh();
  return entry;
}

// A page restored from the back/forward cache may have missed changes while it was stored.
if (typeof window !== 'undefined')
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) for (const entry of shared.values()) entry.refresh();
  });

function useStorageValue<T>(keys: readonly string[], load: () => Promise<T>): T | undefined {
  const keysKey = keys.join('|');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is stable per call site; keys decide
  const entry = useMemo(() => sharedValue(keys, load), [keysKey]);
  const [value, setValue] = useState<T | undefined>(() => entry.value as T | undefined);
  useEffect(() => {
    const subscriber = (next: unknown) => setValue(next as T);
    entry.subscribers.add(subscriber);
    // A read that finished between the first render and now, or one that failed: read again.
    if (entry.loaded) setValue(entry.value as T);
    if (entry.failed) entry.refresh();
    return () => {
      entry.subscribers.delete(subscriber);
    };
  }, [entry]);
  return value;
}

/**
 * For tests: forget every shared value and its storage listener (call it with the fake browser's
 * reset, so each test starts from its own storage).
 */
export function forgetStorageValues(): void {
  for (const entry of shared.values()) browser.storage.onChanged.removeListener(entry.listener);
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

/**
 * The length limit of the instance a reply to this post goes to, when it differs by instance (Mastodon)
 * and the background has learnt it; undefined means the site's own limit.
 */
export function useReplyLengthLimit(post: {
  platform: Platform;
  permalink: string | null;
}): number | undefined {
  const limits = useStorageValue([MASTODON_LIMITS_KEY], () => loadMastodonLimits(browser.storage.local));
  return post.platform === 'mastodon' ? mastodonLimitFor(post.permalink, limits) : undefined;
}
