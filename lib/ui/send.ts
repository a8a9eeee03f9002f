import { browser } from 'wxt/browser';
import { isFailureAnswer } from '../messaging/failure-answer';
import type { PayloadOf, ResponseOf, SidebarToBackground } from '../messaging/protocol';
import { hostTokenFrom } from './host-channel';

/** Requests whose answer is data: a failure answer from the background is an error, never the data. */
const DATA_REQUESTS: ReadonlySet<string> = new Set(['sidebar:query', 'sidebar:mutate']);

/**
 * Typed extension page (sidebar, popup, options) → background request. A query or change the background
 * could not carry out (storage full, a refused frame) rejects with its message, so a refused save is
 * never taken for a saved one.
 */
export async function sendFromPage<K extends keyof SidebarToBackground & keyof ResponseOf>(
  type: K,
  payload: PayloadOf<SidebarToBackground, K>,
): Promise<ResponseOf[K]> {
  // The sidebar frame proves it was created by our content script (see lib/background/router.ts).
  const frameToken = hostTokenFrom(location.hash) ?? undefined;
  let answer: ResponseOf[K];
  try {
    answer = (await browser.runtime.sendMessage({ type, payload, frameToken })) as ResponseOf[K];
  } catch (error) {
    throw new Error(readableSendError(error));
  }
  if (DATA_REQUESTS.has(type) && isFailureAnswer(answer)) throw new Error(answer.message);
  return answer;
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
