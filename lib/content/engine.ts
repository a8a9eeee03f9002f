/**
 * The content script's engine: everything beyond the text screen (site adapters, brand matching,
 * reports, markers, the sidebar frame and reply insertion). Loaded into the page's isolated world only
 * when the watcher found something to read or the agent needs the sidebar, so pages without mentions
 * never pay for it (see lib/content/watcher.ts).
 */
import { browser } from 'wxt/browser';
import { insertReplyIntoPost } from '../editors/insert-into-post';
import { pageUrlForMessage } from '../messaging/page-url';
import { backgroundToContent, fitReportedPost, parseEnvelope, type ScanConfig } from '../messaging/protocol';
import { ContentApp } from './content-app';
import type { ContentEngine } from './engine-handle';
import { sendToBackground } from './send';
import { DEFAULT_LAYOUT, SidebarHost, type SidebarLayout } from './sidebar-host';
import { sidebarLayoutKey } from './sidebar-layout';
import type { WorkClock } from './work-clock';

export function createContentEngine({ clock }: { clock: WorkClock }): ContentEngine {
  const layoutKey = sidebarLayoutKey(location.host);
  let sidebar: SidebarHost | null = null;
  let started = false;

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

  const app = new ContentApp(
    {
      reportPosts: async (url, posts) => {
        const fitted = posts.flatMap((reported) => fitReportedPost(reported) ?? []);
        const reply = await sendToBackground('content:report-posts', {
          url: pageUrlForMessage(url),
          posts: fitted,
        });
        return reply;
      },
      openMention: (postKey) => {
        void ensureSidebar().then((host) => host.setState('open'));
        // The sidebar opens either way; a failed request only leaves it on its current view.
        sendToBackground('content:open-mention', { postKey }).catch(() => undefined);
      },
    },
    clock,
  );

  return {
    start(config: ScanConfig, url: URL, options: { watched: boolean }) {
      started = app.start(config, url, options);
      return started;
    },
    enqueue: (posts) => app.enqueue(posts),
    stop: () => app.clear(),
    async restoreSidebar() {
      if (!started) return;
      const stored = (await browser.storage.local.get(layoutKey))[layoutKey] as SidebarLayout | undefined;
      if (stored && stored.state !== 'closed') await ensureSidebar();
    },
    async handleMessage(message) {
      const envelope = parseEnvelope(backgroundToContent, message);
      if (!envelope) return undefined;
      switch (envelope.type) {
        case 'background:set-layout':
          void ensureSidebar().then((host) => host.setState(envelope.payload.state));
          return undefined;
        case 'background:mention-updated':
          app.updateCategory(envelope.payload.postKey, envelope.payload.category);
          return undefined;
        case 'background:insert-reply': {
          const { postKey, text, requestId } = envelope.payload;
          const found = app.foundPost(postKey);
          const element = app.elementFor(postKey);
          let result: { ok: boolean; message: string };
          if (!found || !element) {
            result = {
              ok: false,
              message:
                'That post is no longer on the page. Scroll back to it or open it again, then insert; or use Copy instead.',
            };
          } else {
            result = await insertReplyIntoPost(found.adapter, element, text);
            // Out of the way once the reply is in, where the agent reads it and sends it. After a failure
            // it stays open on the reason and the advice (which may be to fix the reply box by hand);
            // when the reply box never opened, focus also stays on the button pressed.
            if (result.ok && sidebar?.state === 'open') sidebar.setState('collapsed');
          }
          sendToBackground('content:insert-result', {
            requestId,
            ok: result.ok,
            message: result.message,
          }).catch(() => undefined); // the asking sidebar already has it: the answer to background:insert-reply
          return result;
        }
        default:
          // background:rescan is the watcher's (it fetches the new config and restarts both parts).
          return undefined;
      }
    },
  };
}
