import { browser } from 'wxt/browser';
import type { ContentToBackground, PayloadOf, ResponseOf } from '../messaging/protocol';

/** Typed content → background request. */
export function sendToBackground<K extends keyof ContentToBackground & keyof ResponseOf>(
  type: K,
  payload: PayloadOf<ContentToBackground, K>,
): Promise<ResponseOf[K]> {
  return browser.runtime.sendMessage({ type, payload }) as Promise<ResponseOf[K]>;
}
