import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ContentApp } from '../../lib/content/content-app';
import { sendToBackground } from '../../lib/content/send';
import { DEFAULT_LAYOUT, SidebarHost, type SidebarLayout } from '../../lib/content/sidebar-host';
import { insertReplyIntoPost } from '../../lib/editors/insert-into-post';
import { backgroundToContent, fitReportedPost, parseEnvelope } from '../../lib/messaging/protocol';
import { SUPPORTED_SITE_MATCHES } from '../../lib/sites/matches';

export default defineContentScript({
  matches: [...SUPPORTED_SITE_MATCHES],
  runAt: 'document_idle',
  async main(ctx) {
    const layoutKey = `sidebarLayout:${location.host}`;
    let sidebar: SidebarHost | null = null;
    const ensureSidebar = async (): Promise<SidebarHost> => {
      if (sidebar) return sidebar;
      const stored = (await browser.storage.local.get(layoutKey))[layoutKey] as SidebarLayout | undefined;
      // Registered before the frame exists, so its first request already finds the token.
      const frameToken = crypto.randomUUID();
      await sendToBackground('content:register-sidebar', { token: frameToken });
      if (sidebar) return sidebar;
      sidebar = new SidebarHost(
        browser.runtime.getURL('/sidebar.html'),
        stored ?? DEFAULT_LAYOUT,
        (layout) => {
          void browser.storage.local.set({ [layoutKey]: layout });
        },
        // Scroll through the content app, which knows each post's element (shadow roots included).
        { focusMention: (postKey) => app.focusMention(postKey), frameToken },
      );
      return sidebar;
    };

    const app = new ContentApp({
      getScanConfig: (url) => sendToBackground('content:get-scan-config', { url }),
      reportPosts: async (url, posts) => {
        const fitted = posts.flatMap((reported) => fitReportedPost(reported) ?? []);
        return (await sendToBackground('content:report-posts', { url, posts: fitted })).results;
      },
      openMention: (postKey) => {
        void ensureSidebar().then((host) => host.setState('open'));
        void sendToBackground('content:open-mention', { postKey });
      },
    });

    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      // Only our own background talks to content scripts through runtime messaging.
      if (sender.id !== browser.runtime.id || sender.tab) return;
      const envelope = parseEnvelope(backgroundToContent, message);
      if (!envelope) return;
      switch (envelope.type) {
        case 'background:set-layout':
          void ensureSidebar().then((host) => host.setState(envelope.payload.state));
          return;
        case 'background:rescan':
          void app.start();
          return;
        case 'background:mention-updated':
          app.updateCategory(envelope.payload.postKey, envelope.payload.category);
          return;
        case 'background:insert-reply': {
          const { postKey, text, requestId } = envelope.payload;
          const found = app.foundPost(postKey);
          const element = app.elementFor(postKey);
          const run = async () => {
            if (!found || !element) return { ok: false, message: 'That post is no longer on the page.' };
            if (sidebar?.state === 'open') sidebar.setState('collapsed');
            return insertReplyIntoPost(found.adapter, element, text);
          };
          void run().then((result) => {
            sendResponse(result);
            void sendToBackground('content:insert-result', {
              requestId,
              ok: result.ok,
              message: result.message,
            });
          });
          return true;
        }
      }
    });

    const started = await app.start();
    const stored = (await browser.storage.local.get(layoutKey))[layoutKey] as SidebarLayout | undefined;
    if (started && stored && stored.state !== 'closed') await ensureSidebar();

    ctx.addEventListener(window, 'wxt:locationchange', () => {
      void app.start();
    });
    ctx.onInvalidated(() => app.stop());
  },
});
