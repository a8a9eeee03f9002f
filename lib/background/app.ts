/**
 * The background's behaviour, built from plain modules: message handlers, page state, policy sync,
 * commands. The entrypoint only registers listeners and forwards to this.
 */
import { browser } from 'wxt/browser';
import { rateAsCategory } from '../classify';
import { CONTENT_ENGINE_FILE } from '../content/files';
import { sidebarLayoutKey } from '../content/sidebar-layout';
import { recategorize } from '../db/cases';
import { getDb } from '../db/instance';
import { compileBrandMatcher } from '../detect';
import type { BrandTermsInput } from '../detect/brand-matcher';
import { screenRegExpSources } from '../detect/screen-regexp';
import { type CompiledScreen, compileScreen } from '../detect/text-screen';
import { HISTORY_PAGE } from '../domain/history-page';
import type { Platform } from '../domain/types';
import {
  type BackgroundToContent,
  type BackgroundToSidebar,
  type PayloadOf,
  postKeyOf,
} from '../messaging/protocol';
import type { MessageSenderLike } from '../messaging/sender';
import { adaptersForUrl } from '../sites/registry';
import { screenableSiteFor } from '../sites/screenable';
import { createEnabledHostScriptsSync, type ScriptingLike } from './enabled-hosts-registration';
import { createMastodonLimitsRefresh } from './mastodon-limits';
import { MentionWarmer } from './mention-warmer';
import { PageScreenCache } from './page-screen-cache';
import { PageStateStore } from './page-state';
import { loadActivePolicy } from './policy-store';
import { PolicySyncService } from './policy-sync-service';
import { recordReportedPosts } from './record-reports';
import { reportFilter } from './report-origin';
import { rescanOpenTabs, type StorageChangeLike, scanConfigChanged } from './rescan';
import { createMessageRouter } from './router';
import { loadSettings, SETTINGS_KEY } from './settings';
import { changedBy, runSidebarMutation, runSidebarQuery } from './sidebar-api';

const SYNC_ALARM = 'policy-sync';
const MASTODON_LIMITS_ALARM = 'mastodon-limits';

export function createBackgroundApp() {
  const local = browser.storage.local;
  const pages = new PageStateStore(browser.storage.session);
  const pageScreens = new PageScreenCache(browser.storage.session, (brand) =>
    screenRegExpSources(compileBrandMatcher(brand).screenPatterns),
  );
  const policySync = new PolicySyncService(local);
  const syncEnabledHosts = createEnabledHostScriptsSync(
    browser.scripting as unknown as ScriptingLike,
    browser.permissions,
  );
  // Queued, and the hosts read when the run's turn comes, so the last saved settings win.
  const resyncEnabledHosts = () =>
    syncEnabledHosts(async () => {
      const settings = await loadSettings(local);
      return [...settings.mastodonHosts, ...settings.genericHosts];
    }).catch((error: unknown) => console.error('Parley: could not register enabled hosts', error));
  const refreshMastodonLimits = createMastodonLimitsRefresh({
    area: local,
    permissions: browser.permissions,
    fetchImpl: (input, init) => fetch(input, init),
  });
  const refreshEnabledMastodonLimits = (options?: { everyHost?: boolean }) =>
    refreshMastodonLimits(async () => {
      const settings = await loadSettings(local);
      return settings.disabledPlatforms.includes('mastodon') ? [] : settings.mastodonHosts;
    }, options);
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;

  const sendToTab = <K extends keyof BackgroundToContent>(
    tabId: number,
    type: K,
    payload: PayloadOf<BackgroundToContent, K>,
  ) => browser.tabs.sendMessage(tabId, { type, payload }, { frameId: 0 });
  // The mention a marker click opens, read while the sidebar hears of the click and asks for it.
  const warmer = new MentionWarmer((postKey, historyLimit) =>
    runSidebarQuery(getDb(), 'mention-with-history', { postKey, historyLimit }),
  );
  const broadcastToPages = <K extends keyof BackgroundToSidebar>(
    type: K,
    payload: PayloadOf<BackgroundToSidebar, K>,
  ) => {
    if (type === 'background:db-changed') warmer.clear();
    return browser.runtime.sendMessage({ type, payload }).catch(() => undefined); // no page open: nobody to tell
  };

  const sidebarLeftOpen = async (url: string): Promise<boolean> => {
    try {
      const key = sidebarLayoutKey(new URL(url).host);
      const layout = (await local.get(key))[key] as { state?: unknown } | undefined;
      return layout?.state === 'open' || layout?.state === 'collapsed';
    } catch {
      return false;
    }
  };

  // Both content-script stages ask for their config when a page starts (a load, an SPA navigation, a
  // rescan): the tab's mentions so far are forgotten.
  const startPage = async (tabId: number, url: string) => {
    await pages.reset(tabId, url);
    void broadcastToPages('background:page-mentions-changed', { tabId });
    const [{ policy }, settings] = await Promise.all([loadActivePolicy(local), loadSettings(local)]);
    return { policy, settings };
  };

  const route = createMessageRouter({
    ownId: browser.runtime.id,
    extensionOrigin,
    content: {
      'content:get-page-screen': async ({ url }, sender) => {
        const { policy, settings } = await startPage(sender.tabId, url);
        return {
          enabled: !isDisabledFor(url, settings.disabledPlatforms),
          postSelector: screenablePostSelector(url),
          screen: await pageScreens.sourcesFor(policy.brand),
          sidebarOpen: await sidebarLeftOpen(url),
        };
      },
      'content:get-scan-config': async ({ url }, sender) => {
        const { policy, settings } = await startPage(sender.tabId, url);
        const platformOff = settings.disabledPlatforms;
        return {
          enabled: !isDisabledFor(url, platformOff),
          brand: policy.brand,
          mastodonHosts: platformOff.includes('mastodon') ? [] : settings.mastodonHosts,
          genericHosts: platformOff.includes('web') ? [] : settings.genericHosts,
          screen: compiledScreenFor(policy.brand),
          // Only a faster path for the full watcher's walk: without it, it screens with the automaton.
          regExpScreen: await pageScreens.sourcesFor(policy.brand).catch(() => null),
          sidebarOpen: await sidebarLeftOpen(url),
        };
      },
      'content:load-engine': async (_payload, sender) => {
        // Our own file, into the top frame of the tab whose content script asked (the router checked
        // that sender); it runs in that content script's isolated world.
        await browser.scripting.executeScript({
          target: { tabId: sender.tabId, frameIds: [0] },
          files: [`/${CONTENT_ENGINE_FILE}`],
        });
        return { ok: true };
      },
      'content:report-posts': async ({ url, posts }, sender) => {
        const db = getDb();
        const [{ policy }, corrections, settings] = await Promise.all([
          loadActivePolicy(local),
          db.corrections.toArray(),
          loadSettings(local),
        ]);
        const mayReport = reportFilter(sender.url, settings);
        const allowed: typeof posts = [];
        const refused: string[] = [];
        for (const reported of posts) {
          if (mayReport(reported.post)) allowed.push(reported);
          else refused.push(postKeyOf(reported.post));
        }
        const results = await recordReportedPosts(db, allowed, {
          policy,
          corrections,
          detectedAt: new Date().toISOString(),
        });
        await pages.addKeys(
          sender.tabId,
          url,
          results.map((result) => result.postKey),
        );
        void broadcastToPages('background:page-mentions-changed', { tabId: sender.tabId });
        void broadcastToPages('background:db-changed', {});
        return { results, refused };
      },
      'content:register-sidebar': async ({ token }, sender) => {
        await pages.registerSidebar(sender.tabId, token);
        return { ok: true };
      },
      'content:open-mention': async ({ postKey }, sender) => {
        // The open sidebar hears of the click at once; the selection (in memory at once, then in
        // storage) is for a sidebar frame that is still loading and asks for the page state.
        const selecting = pages.select(sender.tabId, postKey);
        warmer.warm(postKey, HISTORY_PAGE);
        void broadcastToPages('background:show-mention', { tabId: sender.tabId, postKey });
        await selecting;
        return { ok: true };
      },
      'content:insert-result': ({ requestId, ok, message }) => {
        void broadcastToPages('background:insert-finished', { requestId, ok, message });
        return { ok: true };
      },
    },
    sidebar: {
      'sidebar:get-page-state': async (_payload, sender) => {
        if (sender.tabId === null) return { tabId: null, postKeys: [], url: null, selectedPostKey: null };
        const { url, postKeys, selectedPostKey } = await pages.get(sender.tabId);
        return { tabId: sender.tabId, url, postKeys, selectedPostKey };
      },
      'sidebar:insert-reply': async (payload, sender) => {
        if (sender.tabId === null)
          return { ok: false, message: 'Open the sidebar on the post’s page to insert.' };
        const result = (await sendToTab(sender.tabId, 'background:insert-reply', payload)) as
          | { ok: boolean; message: string }
          | undefined;
        return result ?? { ok: false, message: 'The page did not answer. Reload it and try again.' };
      },
      'sidebar:set-layout': async ({ state }, sender) => {
        if (sender.tabId === null) return { ok: false };
        await sendToTab(sender.tabId, 'background:set-layout', { state });
        return { ok: true };
      },
      'sidebar:recategorize': async ({ postKey, category }, sender) => {
        const { policy } = await loadActivePolicy(local);
        const at = new Date().toISOString();
        await recategorize(getDb(), {
          mentionId: postKey,
          category,
          at,
          rate: (mention, chosen) =>
            rateAsCategory({ text: mention.text, platform: mention.platform }, chosen, {
              rules: policy.classification,
            }),
        });
        // The marker follows when the page is still there; a closed or navigated tab has nothing to update.
        if (sender.tabId !== null)
          sendToTab(sender.tabId, 'background:mention-updated', { postKey, category }).catch(() => undefined);
        void broadcastToPages('background:db-changed', {});
        return { ok: true };
      },
      'sidebar:query': ({ name, args }) =>
        (name === 'mention-with-history' ? warmer.take(args) : null) ?? runSidebarQuery(getDb(), name, args),
      'sidebar:mutate': async ({ name, args }) => {
        const result = await runSidebarMutation(getDb(), name, args);
        void broadcastToPages('background:db-changed', changedBy(name));
        return result;
      },
      'sidebar:sync-policy': async () => policySync.syncNow(),
    },
    isRegisteredSidebar: (tabId, token) => pages.isRegisteredSidebar(tabId, token),
    onError: (error, type) => console.error(`Parley: ${type} failed`, error),
  });

  return {
    route: (message: unknown, sender: MessageSenderLike) => {
      // The options page writes imports itself and tells every extension context so; whoever sent it,
      // the only effect here is dropping a read that may be out of date.
      if ((message as { type?: unknown } | null)?.type === 'background:db-changed') warmer.clear();
      return route(message, sender);
    },
    async onCommand(command: string, tabId: number | undefined) {
      if (tabId === undefined) return;
      if (command === 'toggle-sidebar') await sendToTab(tabId, 'background:set-layout', { state: 'toggle' });
      if (command === 'next-mention' || command === 'previous-mention') {
        const step = command === 'next-mention' ? 1 : -1;
        await sendToTab(tabId, 'background:set-layout', { state: 'open' }).catch(() => undefined);
        void broadcastToPages('background:queue-step', { tabId, step });
      }
    },
    async onAlarm(name: string) {
      if (name === SYNC_ALARM) await policySync.syncNow();
      if (name === MASTODON_LIMITS_ALARM) await refreshEnabledMastodonLimits({ everyHost: true });
    },
    async onTabClosed(tabId: number) {
      await pages.forget(tabId);
    },
    /**
     * Extension storage changed. Settings (enabled hosts, sites, policy URL): re-register scripts, and
     * ask a newly enabled Mastodon instance for its length limit (the others only once a day). A site
     * switched on or off, or the policy's brand terms: open pages scan again with the new config.
     */
    async onLocalStorageChanged(changes: Record<string, StorageChangeLike>) {
      await Promise.all([
        SETTINGS_KEY in changes ? Promise.all([resyncEnabledHosts(), refreshEnabledMastodonLimits()]) : null,
        scanConfigChanged(changes)
          ? rescanOpenTabs(
              () => browser.tabs.query({}),
              (tabId) => sendToTab(tabId, 'background:rescan', {}),
            )
          : null,
      ]);
    },
    /**
     * Install, update and browser start. The runtime-registered scripts are re-synced from the stored
     * settings: after an extension update Chrome may have dropped them (or kept ones naming the old
     * build's files), and nothing else would register them until the agent next changes a setting.
     */
    async onStartup() {
      const hostsSynced = resyncEnabledHosts();
      const limitsRefreshed = refreshEnabledMastodonLimits();
      await browser.alarms.create(SYNC_ALARM, { periodInMinutes: 30, delayInMinutes: 1 });
      await browser.alarms.create(MASTODON_LIMITS_ALARM, { periodInMinutes: 24 * 60 });
      await policySync.syncNow();
      await Promise.all([hostsSynced, limitsRefreshed]);
    },
  };
}

/** Whether the agent switched off the platform of this page (decided by the same adapters that scan it). */
function isDisabledFor(url: string, disabled: readonly Platform[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return true;
  }
  return adaptersForUrl(parsed).some((adapter) => disabled.includes(adapter.platform));
}

function screenablePostSelector(url: string): string | null {
  try {
    return screenableSiteFor(new URL(url))?.postSelector ?? null;
  } catch {
    return null;
  }
}

/** The page screen for a policy's brand terms, folded and compiled once per distinct brand. */
let compiledScreenCache: { key: string; screen: CompiledScreen } | null = null;
function compiledScreenFor(brand: BrandTermsInput): CompiledScreen {
  const key = JSON.stringify(brand);
  if (compiledScreenCache?.key !== key)
    compiledScreenCache = { key, screen: compileScreen(compileBrandMatcher(brand).screenPatterns) };
  return compiledScreenCache.screen;
}
