import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftRow } from '../../../lib/db/records';
import { sendFromPage } from '../../../lib/ui/send';
import { useBackgroundQuery } from '../../../lib/ui/use-background-query';

/** Long enough to save once per pause in typing, short enough that a reload loses at most a word. */
export const DRAFT_SAVE_DELAY_MS = 400;

interface PendingDraft {
  text: string;
  templateId: string | null;
}

export interface ReplyDraftControls {
  /** False until the stored draft (or its absence) is known. */
  loaded: boolean;
  /** Call on every edit the agent makes; saved after a pause. */
  schedule(text: string, templateId: string | null): void;
  /** Saves a pending edit now (blur, insert, leaving the page). */
  flush(): void;
  /** Forgets a pending edit (the draft was just dropped by mark-sent). */
  cancel(): void;
}

/**
 * The post's draft, kept in the extension's database through the background (the sidebar frame may not
 * open IndexedDB itself). Restores once on mount, then only writes: the agent's typing is the truth.
 */
export function useReplyDraft(postKey: string, restore: (draft: DraftRow) => void): ReplyDraftControls {
  const { data, error } = useBackgroundQuery('draft', { postKey });
  const [loaded, setLoaded] = useState(false);
  const restoreRef = useRef(restore);
  restoreRef.current = restore;
  const pending = useRef<PendingDraft | null>(null);
  const lastSaved = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (loaded) return;
    // The background could not answer: let the agent write anyway rather than lock the editor.
    if (data === undefined && error !== null) setLoaded(true);
    if (data === undefined) return;
    setLoaded(true);
    if (data) {
      lastSaved.current = data.text;
      restoreRef.current(data);
    }
  }, [data, error, loaded]);

  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    pending.current = null;
    if (!next || next.text === lastSaved.current) return;
    lastSaved.current = next.text;
    const request =
      next.text.trim() === ''
        ? sendFromPage('sidebar:mutate', { name: 'delete-draft', args: { postKey } })
        : sendFromPage('sidebar:mutate', {
            name: 'save-draft',
            args: { postKey, text: next.text, templateId: next.templateId },
          });
    request.catch((error: unknown) => {
      // Keep it pending (unless the agent typed since) so the next edit, blur or page hide tries again.
      lastSaved.current = null;
      pending.current ??= next;
      console.warn('Parley: could not save the draft', error);
    });
  }, [postKey]);

  const schedule = useCallback(
    (text: string, templateId: string | null) => {
      pending.current = { text, templateId };
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(flush, DRAFT_SAVE_DELAY_MS);
    },
    [flush],
  );

  const cancel = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    lastSaved.current = '';
  }, []);

  // Leaving the page or switching tabs must not lose the last words typed.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHide);
      flush();
    };
  }, [flush]);

  return { loaded, schedule, flush, cancel };
}
