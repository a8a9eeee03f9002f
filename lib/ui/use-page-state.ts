import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { isFailureAnswer } from '../messaging/failure-answer';
import { backgroundToSidebar, parseEnvelope } from '../messaging/protocol';
import { sendFromPage } from './send';

export interface PageState {
  tabId: number | null;
  url: string | null;
  /** Mentions on the page, in page order, as the content script reported them. */
  postKeys: string[];
  /**
   * Why the background refused this frame (it was not opened by Parley's content script on this page:
   * a page can frame the sidebar itself): such a frame shows nothing else.
   */
  refused?: string;
}

export interface PageEvents {
  /** A marker on the page was clicked (or the page had one selected when the sidebar loaded). */
  onShowMention(postKey: string): void;
  /** The next/previous-mention keyboard command (commands API) fired in this tab. */
  onQueueStep(step: 1 | -1): void;
}

/**
 * The page the sidebar sits beside: its mentions, kept in step with the background (which the content
 * script reports to), and the page's events for this tab only.
 */
export function usePageState(events: PageEvents): PageState | null {
  const [state, setState] = useState<PageState | null>(null);
  const handlers = useRef(events);
  handlers.current = events;
  useEffect(() => {
    let tabId: number | null = null;
    let knownKeys = new Set<string>();
    let cancelled = false;
    const refresh = async (initial = false) => {
      const next: unknown = await sendFromPage('sidebar:get-page-state', {});
      if (cancelled) return;
      if (isFailureAnswer(next)) {
        setState({ tabId: null, url: null, postKeys: [], refused: next.message });
        return;
      }
      if (!isPageStateAnswer(next)) return;
      tabId = next.tabId;
      knownKeys = new Set(next.postKeys);
      // Unchanged (the usual answer after a marker click): keep the same object, so nothing re-renders.
      setState((previous) =>
        previous &&
        previous.tabId === next.tabId &&
        previous.url === next.url &&
        sameKeys(previous.postKeys, next.postKeys)
          ? previous
          : { tabId: next.tabId, url: next.url, postKeys: next.postKeys },
      );
      if (initial && next.selectedPostKey) handlers.current.onShowMention(next.selectedPostKey);
    };
    const listener = (message: unknown) => {
      const envelope = parseEnvelope(backgroundToSidebar, message);
      if (!envelope || !('tabId' in envelope.payload) || envelope.payload.tabId !== tabId) return;
      switch (envelope.type) {
        case 'background:show-mention':
          handlers.current.onShowMention(envelope.payload.postKey);
          // A mention the sidebar does not know yet (its report may still be on the way): read the page
          // state again. Otherwise nothing changed, and the background has the mention to answer first.
          if (!knownKeys.has(envelope.payload.postKey)) void refresh();
          return;
        case 'background:page-mentions-changed':
          void refresh();
          return;
        case 'background:queue-step':
          handlers.current.onQueueStep(envelope.payload.step);
          return;
      }
    };
    browser.runtime.onMessage.addListener(listener);
    void refresh(true).catch(() => {
      if (!cancelled) setState({ tabId: null, url: null, postKeys: [] });
    });
    return () => {
      cancelled = true;
      browser.runtime.onMessage.removeListener(listener);
    };
  }, []);
  return state;
}

function isPageStateAnswer(answer: unknown): answer is PageState & { selectedPostKey: string | null } {
  return typeof answer === 'object' && answer !== null && Array.isArray((answer as PageState).postKeys);
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, index) => key === b[index]);
}
