import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createContentEngine } from '../lib/content/engine';
import { publishWatcherFactory } from '../lib/content/engine-handle';
import { sendToBackground } from '../lib/content/send';
import { ContentWatcher } from '../lib/content/watcher';
import { pageUrlForMessage } from '../lib/messaging/page-url';

// Injected by the background into a page's isolated world when the page sentry hands the page over
// (lib/content/page-sentry.ts): the full watcher, with the engine it creates when a post is handed on.
export default defineUnlistedScript(() => {
  publishWatcherFactory(
    ({ clock }) =>
      new ContentWatcher(
        {
          getScanConfig: (url) =>
            sendToBackground('content:get-scan-config', { url: pageUrlForMessage(url) }),
          createEngine: createContentEngine,
          contextValid: () => browser.runtime?.id !== undefined,
        },
        clock,
      ),
  );
});
