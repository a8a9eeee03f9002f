import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { sendToBackground } from '../../lib/content/send';
import { ContentWatcher } from '../../lib/content/watcher';
import type { WorkClock } from '../../lib/content/work-clock';
import { SUPPORTED_SITE_MATCHES } from '../../lib/sites/matches';

export default defineContentScript({
  matches: [...SUPPORTED_SITE_MATCHES],
  runAt: 'document_idle',
  async main(ctx) {
    const watcher = new ContentWatcher({
      getScanConfig: (url) => sendToBackground('content:get-scan-config', { url }),
      loadEngine: async () => {
        await sendToBackground('content:load-engine', {});
      },
    });
    // In the content script's isolated world only: benchmarks read it there through DevTools.
    (globalThis as { parleyWork?: WorkClock }).parleyWork = watcher.clock;

    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      // Only our own background talks to content scripts through runtime messaging.
      if (sender.id !== browser.runtime.id || sender.tab) return;
      const answer = watcher.handleMessage(message);
      if (!answer) return;
      void answer.then(sendResponse, () => sendResponse(undefined));
      return true;
    });

    ctx.onInvalidated(() => watcher.stop());
    await watcher.start();
  },
});
