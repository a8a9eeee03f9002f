import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PageSentry } from '../lib/content/page-sentry';
import { sendToBackground } from '../lib/content/send';
import type { WorkClock } from '../lib/content/work-clock';
import { pageUrlForMessage } from '../lib/messaging/page-url';

// The content script (declared in wxt.config.ts, not through defineContentScript): WXT's content-script
// wrapper announces every start to the page (a document event and a window message carrying the
// extension's id) and polls the URL every second; the sentry needs neither.
export default defineUnlistedScript(() => {
  const sentry = new PageSentry({
    getPageScreen: (url) => sendToBackground('content:get-page-screen', { url: pageUrlForMessage(url) }),
    loadWatcher: async () => {
      await sendToBackground('content:load-engine', {});
    },
    contextValid: () => browser.runtime?.id !== undefined,
  });
  // In the content script's isolated world only: benchmarks read it there through DevTools.
  (globalThis as { parleyWork?: WorkClock }).parleyWork = sentry.clock;

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Only our own background talks to content scripts through runtime messaging.
    if (sender.id !== browser.runtime.id || sender.tab) return;
    const answer = sentry.handleMessage(message);
    if (!answer) return;
    void answer.then(sendResponse, () => sendResponse(undefined));
    return true;
  });

  void sentry.start();
});
