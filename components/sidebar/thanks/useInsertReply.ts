import { useState } from 'react';
import { sendFromPage } from '../../../lib/ui/send';
import { announce } from '../focus-after-action';

/**
 * Inserts text into the site's reply box for a post (the agent still presses send themselves). The
 * result is said through the sidebar's live region, which is always mounted: a status paragraph that
 * appears already holding its text is not reliably read out, and after a failure it is the only news.
 */
export function useInsertReply() {
  const [state, setState] = useState<{ busy: boolean; message: string | null; ok: boolean | null }>({
    busy: false,
    message: null,
    ok: null,
  });
  const insert = async (postKey: string, text: string): Promise<boolean> => {
    setState({ busy: true, message: null, ok: null });
    try {
      const result = await sendFromPage('sidebar:insert-reply', {
        requestId: crypto.randomUUID(),
        postKey,
        text,
      });
      setState({ busy: false, message: result.message, ok: result.ok });
      announce(result.message);
      return result.ok;
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      setState({ busy: false, message, ok: false });
      announce(message);
      return false;
    }
  };
  return { ...state, insert };
}
