/**
 * Hosts where the host-agnostic adapters (Mastodon, generic) are switched on. Their hosts are not known
 * when the extension is built: the agent enables them at runtime (optional host permission), and the
 * content script passes the list in here before picking adapters.
 */

export type EnabledHostKind = 'mastodon' | 'generic';

export interface EnabledHosts {
  mastodon?: Iterable<string>;
  generic?: Iterable<string>;
}

const enabled: Record<EnabledHostKind, Set<string>> = { mastodon: new Set(), generic: new Set() };

/** Replaces the enabled hosts of each kind given (kinds left out keep their current list). */
export function setEnabledHosts(hosts: EnabledHosts): void {
  for (const kind of ['mastodon', 'generic'] as const) {
    const list = hosts[kind];
    if (list === undefined) continue;
    const normalized = new Set<string>();
    for (const entry of list) {
      const host = normalizeHost(entry);
      if (host) normalized.add(host);
    }
    enabled[kind] = normalized;
  }
}

export function isHostEnabled(kind: EnabledHostKind, hostname: string): boolean {
  const host = normalizeHost(hostname);
  return host !== null && enabled[kind].has(host);
}

export function enabledHosts(kind: EnabledHostKind): string[] {
  return [...enabled[kind]];
}

/** 'https://Mastodon.Social/' or 'mastodon.social.' → 'mastodon.social'; null when not a host. */
export function normalizeHost(entry: string): string | null {
  const trimmed = entry.trim();
  if (!trimmed) return null;
  let host: string;
  try {
    host = new URL(trimmed.includes('://') ? trimmed : `https://${trimmed}`).hostname.replace(/\.$/, '');
  } catch {
    return null;
  }
  return host.includes('.') || host === 'localhost' ? host : null;
}
