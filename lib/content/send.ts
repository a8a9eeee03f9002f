import { browser } from 'wxt/browser';
import type { ContentToBackground, PayloadOf, ResponseOf } from '../messaging/protocol';

/** Typed content → background request. */
export function sendToBackground<K extends keyof ContentToBackground & keyof ResponseOf>(
  type: K,
  payload: PayloadOf<ContentToBackground, K>,
): Promise<ResponseOf[K]> {
  return browser.runtime.sendMessage({ type, payload }) as Promise<ResponseOf[K]>;
}

/** The type of a background → content message (`background:…`), or null for anything else. */
export function backgroundMessageType(message: unknown): string | null {
  const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : null;
  return typeof type === 'string' && type.startsWith('background:') ? type : null;
}
