import { browser } from 'wxt/browser';
import type { PayloadOf, ResponseOf, SidebarToBackground } from '../messaging/protocol';
import { hostTokenFrom } from './host-channel';

/** Typed extension page (sidebar, popup, options) → background request. */
export function sendFromPage<K extends keyof SidebarToBackground & keyof ResponseOf>(
  type: K,
  payload: PayloadOf<SidebarToBackground, K>,
): Promise<ResponseOf[K]> {
  // The sidebar frame proves it was created by our content script (see lib/background/router.ts).
  const frameToken = hostTokenFrom(location.hash) ?? undefined;
  return browser.runtime.sendMessage({ type, payload, frameToken }) as Promise<ResponseOf[K]>;
}
