/**
 * Telling open pages that what they scan with changed. A page asks for its scan config (brand terms,
 * whether its site is on, the enabled hosts) when it starts, and agents keep a site's tab open all day:
 * without this, a policy synced with new brand terms would never reach that tab, and a site switched off
 * in the popup would go on being scanned and recorded there until the tab is reloaded. The content
 * script answers background:rescan by asking for its config again (lib/content/watcher.ts).
 */
import { deepEqual } from '../policy/diff';
import { POLICY_KEY } from './policy-store';
import { parseSettings, SETTINGS_KEY } from './settings';

export interface StorageChangeLike {
  oldValue?: unknown;
  newValue?: unknown;
}

/**
 * Whether a change in extension storage changes any page's scan config. Not for every settings save:
 * a theme or signature change, or a sync that only refreshed the policy's validators, would restart
 * every open page's scan (and re-record its mentions) for nothing.
 */
export function scanConfigChanged(changes: Record<string, StorageChangeLike>): boolean {
  const settings = changes[SETTINGS_KEY];
  if (settings && !deepEqual(scanSettingsOf(settings.oldValue), scanSettingsOf(settings.newValue)))
    return true;
  const policy = changes[POLICY_KEY];
  // Compared as values: a policy saved again with its keys in another order changes nothing a page reads.
  return policy !== undefined && !deepEqual(brandOf(policy.oldValue), brandOf(policy.newValue));
}

function scanSettingsOf(stored: unknown): unknown {
  const { disabledPlatforms, mastodonHosts, genericHosts } = parseSettings(stored);
  return [disabledPlatforms, mastodonHosts, genericHosts];
}

function brandOf(stored: unknown): unknown {
  return (stored as { policy?: { brand?: unknown } } | null | undefined)?.policy?.brand;
}

/**
 * Asks the top frame of every tab to scan again (`rescan`: the typed background → content send); a tab
 * without our content script just does not answer.
 */
export async function rescanOpenTabs(
  openTabs: () => Promise<Array<{ id?: number }>>,
  rescan: (tabId: number) => Promise<unknown>,
): Promise<void> {
  const open = await openTabs();
  await Promise.all(open.map(({ id }) => (id === undefined ? undefined : rescan(id).catch(() => undefined))));
}
