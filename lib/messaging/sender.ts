/**
 * Who may send what. Why these checks exist:
 * - A web page cannot call runtime.sendMessage to us (no externally_connectable), but another
 *   extension can message us if it knows our id, so the sender's extension id must be ours.
 * - Content scripts run inside hostile pages: they may only use the content:* messages, and only
 *   from a tab's top frame (we don't inject into sub-frames).
 * - Extension pages (sidebar, popup, options) are identified by their origin, which Chrome sets
 *   from the sending context and a page cannot forge; sender.url is never trusted on its own.
 */
export interface MessageSenderLike {
  id?: string;
  origin?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

export function extensionOriginOf(extensionBaseUrl: string): string {
  return new URL(extensionBaseUrl).origin;
}

export function isOwnContentScript(
  sender: MessageSenderLike,
  ownId: string,
  extensionOrigin: string,
): boolean {
  if (sender.id !== ownId) return false;
  if (typeof sender.tab?.id !== 'number' || sender.tab.id < 0) return false;
  if (sender.frameId !== 0) return false;
  const origin = senderOrigin(sender);
  return origin !== null && origin !== extensionOrigin;
}

export function isOwnExtensionPage(
  sender: MessageSenderLike,
  ownId: string,
  extensionOrigin: string,
): boolean {
  if (sender.id !== ownId) return false;
  return senderOrigin(sender) === extensionOrigin;
}

function senderOrigin(sender: MessageSenderLike): string | null {
  if (sender.origin) return sender.origin;
  // Firefox does not set sender.origin; its sender.url is set by the browser for the sending context.
  try {
    return sender.url ? new URL(sender.url).origin : null;
  } catch {
    return null;
  }
}
