import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { backgroundToSidebar, parseEnvelope } from '../../lib/messaging/protocol';
import { sendFromPage } from '../../lib/ui/send';
import { useBackgroundQuery } from '../../lib/ui/use-background-query';

interface PageInfo {
  tabId: number | null;
  postKeys: string[];
  selected: string | null;
}

/** Keeps the page's mention keys in step with the background (which the content script reports to). */
function usePageInfo(): PageInfo | null {
  const [info, setInfo] = useState<PageInfo | null>(null);
  useEffect(() => {
    let tabId: number | null = null;
    const refresh = async (selected?: string) => {
      const state = await sendFromPage('sidebar:get-page-state', {});
      tabId = state.tabId;
      setInfo((previous) => ({
        tabId: state.tabId,
        postKeys: state.postKeys,
        selected: selected ?? state.selectedPostKey ?? previous?.selected ?? null,
      }));
    };
    const listener = (message: unknown) => {
      const envelope = parseEnvelope(backgroundToSidebar, message);
      if (!envelope || !('tabId' in envelope.payload) || envelope.payload.tabId !== tabId) return;
      if (envelope.type === 'background:show-mention') void refresh(envelope.payload.postKey);
      if (envelope.type === 'background:page-mentions-changed') void refresh();
    };
    browser.runtime.onMessage.addListener(listener);
    void refresh();
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);
  return info;
}

export function SidebarApp() {
  const info = usePageInfo();
  const { data: mentions } = useBackgroundQuery('mentions-by-key', { keys: info?.postKeys ?? [] });
  const visible = (mentions ?? []).filter((mention) => !mention.isOwnReply);
  return (
    <main aria-label="Parley" className="sidebar">
      <h1>Mentions on this page</h1>
      {visible.length === 0 ? (
        <p className="empty">No posts on this page mention your brand yet.</p>
      ) : (
        <ul aria-label="Queue" data-testid="queue">
          {visible.map((mention) => (
            <li key={mention.id} data-post-key={mention.id} aria-current={mention.id === info?.selected}>
              <strong>@{mention.authorHandle}</strong> <span>{mention.category}</span>
              <p>{mention.text}</p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
