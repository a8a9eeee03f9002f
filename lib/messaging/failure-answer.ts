/**
 * What the background answers when a request failed: a handler threw (entrypoints/background.ts), or
 * the router refused a sidebar frame our content script did not register (lib/background/router.ts).
 * No request whose answer is data answers with this shape, so senders turn it into an error and never
 * read it as the data.
 */
export interface FailureAnswer {
  ok: false;
  message: string;
}

export function isFailureAnswer(answer: unknown): answer is FailureAnswer {
  if (typeof answer !== 'object' || answer === null) return false;
  const { ok, message } = answer as { ok?: unknown; message?: unknown };
  return ok === false && typeof message === 'string';
}
