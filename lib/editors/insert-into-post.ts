/**
 * Puts reply text into a post's reply composer on the site. The agent presses send: nothing here ever
 * clicks a send/submit control. Strategy per editor kind lives in ./strategies.
 */
import type { SiteAdapter } from '../sites/types';

export interface InsertResult {
  ok: boolean;
  message: string;
}

export async function insertReplyIntoPost(adapter: SiteAdapter, post: Element, text: string): Promise<InsertResult> {
  const composer = await adapter.openReplyComposer(post, { timeoutMs: 4_000 });
  if (!composer) return { ok: false, message: "Couldn't open this post's reply box. Copy the reply instead." };
  composer.focus();
  const data = new DataTransfer();
  data.setData('text/plain', text);
  composer.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  const landed = (composer instanceof HTMLTextAreaElement ? composer.value : composer.textContent) ?? '';
  return landed.includes(text.split('\n')[0] ?? text)
    ? { ok: true, message: 'Reply inserted. Review it and press send on the site.' }
    : { ok: false, message: "The site's editor didn't accept the text. Copy the reply instead." };
}
