import { browser } from 'wxt/browser';
import type { ContentToBackground, PayloadOf, ResponseOf } from '../messaging/protocol';

/**
 * Typed content → background request. A handler that fails answers { ok: false, message }
 * (entrypoints/background.ts), which no content request's answer looks like: it rejects here, so a
 * failed report or config request is never read as an answer (and its work is tried again).
 */
export async function sendToBackground<K extends keyof ContentToBackground & keyof ResponseOf>(
  type: K,
  payload: PayloadOf<ContentToBackground, K>,
): Promise<ResponseOf[K]> {
  const reply: unknown = await browser.runtime.sendMessage({ type, payload });
  if (isFailure(reply)) throw new Error(reply.message);
  return reply as ResponseOf[K];
}

function isFailure(reply: unknown): reply is { ok: false; message: string } {
  if (typeof reply !== 'object' || reply === null) return false;
  const { ok, message } = reply as { ok?: unknown; message?: unknown };
  return ok === false && typeof message === 'string';
}

/** The type of a background → content message (`background:…`), or null for anything else. */
export function backgroundMessageType(message: unknown): string | null {
  const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : null;
  return typeof type === 'string' && type.startsWith('background:') ? type : null;
}
