import { browser } from 'wxt/browser';
import { isFailureAnswer } from '../messaging/failure-answer';
import type { ContentToBackground, PayloadOf, ResponseOf } from '../messaging/protocol';

/**
 * Typed content → background request. A failure answer (lib/messaging/failure-answer.ts) rejects here,
 * so a failed report or config request is never read as an answer (and its work is tried again).
 */
export async function sendToBackground<K extends keyof ContentToBackground & keyof ResponseOf>(
  type: K,
  payload: PayloadOf<ContentToBackground, K>,
): Promise<ResponseOf[K]> {
  const reply: unknown = await browser.runtime.sendMessage({ type, payload });
  if (isFailureAnswer(reply)) throw new Error(reply.message);
  return reply as ResponseOf[K];
}

/** The type of a background → content message (`background:…`), or null for anything else. */
export function backgroundMessageType(message: unknown): string | null {
  const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : null;
  return typeof type === 'string' && type.startsWith('background:') ? type : null;
}
