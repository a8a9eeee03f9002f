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
/** The ids this module registers; any other registered script is someone else's and left alone. */
const OWNED_SCRIPT_IDS = [ENABLED_HOSTS_SCRIPT_ID];

/** The registered script as the browser describes it (Chrome and Firefox both return these fields). */
export interface RegisteredScriptLike {
  id: string;
  matches?: string[];
  js?: string[];
}
export interface ContentScriptSpec {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_idle';
  persistAcrossSessions?: boolean;
}
export interface ScriptingLike {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<RegisteredScriptLike[]>;
  registerContentScripts(scripts: ContentScriptSpec[]): Promise<void>;
  updateContentScripts(scripts: ContentScriptSpec[]): Promise<void>;
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

/**
 * Brings the browser's registry in line with the enabled hosts: registers what is missing, updates what
 * differs, unregisters what is no longer wanted, and touches nothing that is already right. Idempotent,
 * so it can run on every start-up: Chrome may drop runtime-registered scripts on an extension update
 * (or keep them pointing at the old build's files), and only a sync from the stored settings restores
 * them. Not safe to run twice at once (both may see the id missing and register it: "Duplicate script
 * ID"); go through createEnabledHostScriptsSync, which queues the runs.
 */
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
  const wanted: ContentScriptSpec[] = granted.length
    ? [
        {
          id: ENABLED_HOSTS_SCRIPT_ID,
          matches: granted,
          js: [CONTENT_SCRIPT_FILE],
          runAt: 'document_idle',
          persistAcrossSessions: true,
        },
      ]
    : [];
  const wantedIds = new Set(wanted.map(({ id }) => id));
  const registered = await scripting.getRegisteredContentScripts({ ids: OWNED_SCRIPT_IDS });
  const registeredById = new Map(registered.map((script) => [script.id, script]));

  const extras = registered.filter(({ id }) => !wantedIds.has(id)).map(({ id }) => id);
  if (extras.length) await scripting.unregisterContentScripts({ ids: extras });
  const missing = wanted.filter(({ id }) => !registeredById.has(id));
  if (missing.length) await scripting.registerContentScripts(missing);
  // Updated in place rather than unregistered and registered again: no moment without the script.
  const stale = wanted.filter((spec) => {
    const current = registeredById.get(spec.id);
    return current && !(sameItems(current.matches, spec.matches) && sameItems(current.js, spec.js));
  });
  if (stale.length) await scripting.updateContentScripts(stale);
  return granted;
}

function sameItems(current: readonly string[] | undefined, wanted: readonly string[]): boolean {
  if (!current || current.length !== wanted.length) return false;
  const set = new Set(current);
  return wanted.every((item) => set.has(item));
}

/**
 * The one way the background syncs: runs one after another, each reading the hosts when its turn
 * comes. Settings saved twice in quick succession (or a save during the start-up sync) would otherwise
 * interleave their get/register calls and fail with "Duplicate script ID". A failed run rejects its
 * own promise only; the next one still runs.
 */
export function createEnabledHostScriptsSync(scripting: ScriptingLike, permissions: PermissionsLike) {
  let queue: Promise<unknown> = Promise.resolve();
  return (loadHosts: () => Promise<readonly string[]> | readonly string[]): Promise<string[]> => {
    const run = queue.then(async () => syncEnabledHostScripts(await loadHosts(), scripting, permissions));
    queue = run.catch(() => undefined);
    return run;
  };
}
