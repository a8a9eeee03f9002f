import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundApp } from '../lib/background/app';
import { describeStorageFailure } from '../lib/db/errors';

// Listeners are registered synchronously at the top of main: the MV3 worker is restarted on demand and
// only listeners present at start-up receive the event that woke it.
export default defineBackground(() => {
  const app = createBackgroundApp();
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const handled = app.route(message, sender);
    if (!handled) return;
    handled.then(sendResponse, (error: unknown) =>
      sendResponse({
        ok: false,
        message: describeStorageFailure(error) ?? (error instanceof Error ? error.message : String(error)),
      }),
    );
    return true;
  });
  browser.commands.onCommand.addListener((command, tab) => void app.onCommand(command, tab?.id));
  browser.alarms.onAlarm.addListener((alarm) => void app.onAlarm(alarm.name));
  browser.tabs.onRemoved.addListener((tabId) => void app.onTabClosed(tabId));
  browser.runtime.onInstalled.addListener(() => void app.onStartup());
  browser.runtime.onStartup.addListener(() => void app.onStartup());
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local') void app.onLocalStorageChanged(changes);
  });
});
