import { browser } from 'wxt/browser';
import type { PayloadOf, ResponseOf, SidebarToBackground } from '../messaging/protocol';

/** Typed extension page (sidebar, popup, options) → background request. */
export function sendFromPage<K extends keyof SidebarToBackground & keyof ResponseOf>(
  type: K,
  payload: PayloadOf<SidebarToBackground, K>,
): Promise<ResponseOf[K]> {
  return browser.runtime.sendMessage({ type, payload }) as Promise<ResponseOf[K]>;
}
