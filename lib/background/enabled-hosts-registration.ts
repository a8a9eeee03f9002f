/**
 * Mastodon instances and other sites the agent enabled are not known at build time, so the content
 * script is registered for them at runtime. Only hosts the agent has granted permission for are
 * registered: the options page asks for each host's permission when it is added.
 */
import { CONTENT_SCRIPT_FILE } from '../content/files';
import { normalizeHost } from '../sites/enabled-hosts';
import { SUPPORTED_SITE_MATCHES } from '../sites/matches';

/**
 * The manifest already runs the content script on these: registering it again would run it twice in
 * the same page (two sentries, a reply inserted twice), e.g. when the agent enables www.reddit.com
 * as a generic site.
 */
const DECLARED: ReadonlySet<string> = new Set(SUPPORTED_SITE_MATCHES);

export const ENABLED_HOSTS_SCRIPT_ID = 'parley-enabled-hosts';

export interface ScriptingLike {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<Array<{ id: string }>>;
  registerContentScripts(
    scripts: Array<{
      id: string;
      matches: string[];
      js: string[];
      runAt: 'document_idle';
      persistAcrossSessions?: boolean;
    }>,
  ): Promise<void>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
}
export interface PermissionsLike {
  contains(permissions: { origins: string[] }): Promise<boolean>;
}

/** Match patterns for the given hosts (deduplicated, normalised, https only). */
export function matchPatternsFor(hosts: readonly string[]): string[] {
  const patterns = new Set<string>();
  for (const entry of hosts) {
    const host = normalizeHost(entry);
    if (host) patterns.add(`https://${host}/*`);
  }
  return [...patterns];
}

export async function syncEnabledHostScripts(
  hosts: readonly string[],
  scripting: ScriptingLike,
  permissions: PermissionsLike,
): Promise<string[]> {
  const granted: string[] = [];
  for (const pattern of matchPatternsFor(hosts)) {
    if (DECLARED.has(pattern)) continue;
    if (await permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  const existing = await scripting.getRegisteredContentScripts({ ids: [ENABLED_HOSTS_SCRIPT_ID] });
  if (existing.length) await scripting.unregisterContentScripts({ ids: [ENABLED_HOSTS_SCRIPT_ID] });
  if (granted.length) {
    await scripting.registerContentScripts([
      {
        id: ENABLED_HOSTS_SCRIPT_ID,
        matches: granted,
        js: [CONTENT_SCRIPT_FILE],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  }
  return granted;
}
