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
  return (browser.runtime.sendMessage({ type, payload, frameToken }) as Promise<ResponseOf[K]>).catch(
    (error: unknown) => {
      throw new Error(readableSendError(error));
    },
  );
}

/**
 * The browser's own words when no background answers ("Could not establish connection. Receiving end
 * does not exist.") mean nothing to an agent: the worker is starting or the extension was updated.
 */
export function readableSendError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/Receiving end does not exist|message port closed|Extension context invalidated/i.test(message))
    return "Parley's background did not answer (it may be restarting after an update). Try again in a moment; if it keeps failing, reload the page.";
  return message;
}
