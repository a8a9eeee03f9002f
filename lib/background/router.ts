/**
 * The background's single message entry. Why it is strict: every content script lives in a page we
 * don't control, so a message is acted on only when (1) the sender is one of our own contexts of the
 * kind allowed to send that direction (see ../messaging/sender.ts) and (2) the payload passes the
 * receiving schema. Anything else is dropped without an answer.
 */
import type { z } from 'zod/mini';
import {
  type ContentToBackground,
  contentToBackground,
  parseEnvelope,
  type ResponseOf,
  type SidebarToBackground,
  sidebarToBackground,
} from '../messaging/protocol';
import { isOwnContentScript, isOwnExtensionPage, type MessageSenderLike } from '../messaging/sender';

export interface ContentSender {
  tabId: number;
  url: string | undefined;
}
export interface PageSender {
  /** The tab the extension page lives in (the sidebar iframe), or null for popup/options. */
  tabId: number | null;
}

export type ContentHandlers = {
  [K in keyof ContentToBackground & keyof ResponseOf]: (
    payload: z.infer<ContentToBackground[K]>,
    sender: ContentSender,
  ) => Promise<ResponseOf[K]> | ResponseOf[K];
};
export type SidebarHandlers = {
  [K in keyof SidebarToBackground & keyof ResponseOf]: (
    payload: z.infer<SidebarToBackground[K]>,
    sender: PageSender,
  ) => Promise<ResponseOf[K]> | ResponseOf[K];
};

/** The one extension page that web pages can frame (web_accessible_resources). */
export const SIDEBAR_PATH = '/sidebar.html';

export function createMessageRouter(options: {
  ownId: string;
  extensionOrigin: string;
  content: ContentHandlers;
  sidebar: SidebarHandlers;
  /**
   * Whether a sidebar frame in this tab presented a token its own content script registered. Why: the
   * sidebar page must be web-accessible to be framed on sites, so the site itself can frame a copy; that
   * copy would show the agent's data inside the site's layout (clickjacking). Only frames created by our
   * content script know a registered token (it lives in a closed shadow root the page cannot read).
   */
  isRegisteredSidebar?: (tabId: number, frameToken: string | undefined) => Promise<boolean>;
  onError?: (error: unknown, type: string) => void;
}) {
  /** Returns the handler's promise, or null when the message is refused. */
  return function route(message: unknown, sender: MessageSenderLike): Promise<unknown> | null {
    if (isOwnContentScript(sender, options.ownId, options.extensionOrigin)) {
      const envelope = parseEnvelope(contentToBackground, message);
      if (!envelope) return null;
      const handler = options.content[envelope.type] as (payload: unknown, sender: ContentSender) => unknown;
      return run(
        () => handler(envelope.payload, { tabId: sender.tab?.id as number, url: sender.url }),
        envelope.type,
      );
    }
    if (isOwnExtensionPage(sender, options.ownId, options.extensionOrigin)) {
      const envelope = parseEnvelope(sidebarToBackground, message);
      if (!envelope) return null;
      const handler = options.sidebar[envelope.type] as (payload: unknown, sender: PageSender) => unknown;
      const tabId = sender.tab?.id ?? null;
      if (isSidebarFrame(sender) && options.isRegisteredSidebar) {
        const frameToken = (message as { frameToken?: unknown }).frameToken;
        const check = options.isRegisteredSidebar;
        return run(async () => {
          if (
            tabId === null ||
            !(await check(tabId, typeof frameToken === 'string' ? frameToken : undefined))
          )
            return { ok: false, message: 'This sidebar was not opened by Parley on this page.' };
          return handler(envelope.payload, { tabId });
        }, envelope.type);
      }
      return run(() => handler(envelope.payload, { tabId }), envelope.type);
    }
    return null;
  };

  function isSidebarFrame(sender: MessageSenderLike): boolean {
    try {
      return sender.url !== undefined && new URL(sender.url).pathname === SIDEBAR_PATH;
    } catch {
      return true; // an unreadable URL is treated as the strictest case
    }
  }

  async function run(handler: () => unknown, type: string): Promise<unknown> {
    try {
      return await handler();
    } catch (error) {
      options.onError?.(error, type);
      throw error;
    }
  }
}
