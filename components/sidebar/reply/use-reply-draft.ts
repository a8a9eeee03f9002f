import { useCallback, useEffect, useRef, useState } from 'react';
import { useBackgroundQuery } from '../../../lib/ui/use-background-query';
import {
  type DraftText,
  forgetDraft,
  retryUnsavedDrafts,
  useUnsavedDrafts,
  writeDraft,
} from './unsaved-drafts';

/** Long enough to save once per pause in typing, short enough that a reload loses at most a word. */
export const DRAFT_SAVE_DELAY_MS = 400;

export interface ReplyDraftControls {
  /** False until the stored draft (or its absence) is known. */
  loaded: boolean;
  /** Call on every edit the agent makes; saved after a pause. */
  schedule(text: string, templateId: string | null): void;
  /** Saves a pending edit now (blur, insert, leaving the page). */
  flush(): void;
  /** Forgets a pending edit (the draft was just dropped by mark-sent). */
  cancel(): void;
  /** Why the background refused the last save of this post's draft; null once a save goes through. */
  saveError: string | null;
}

/**
 * The post's draft, kept in the extension's database through the background (the sidebar frame may not
 * open IndexedDB itself). Restores once on mount, then only writes: the agent's typing is the truth.
 * Text whose save was refused is restored instead of the stored draft, which is older.
 */
export function useReplyDraft(postKey: string, restore: (draft: DraftText) => void): ReplyDraftControls {
  const { data, error } = useBackgroundQuery('draft', { postKey });
  const [unsavedAtMount] = useState(() => useUnsavedDrafts.getState().drafts.get(postKey) ?? null);
  const [loaded, setLoaded] = useState(unsavedAtMount !== null);
  const restoreRef = useRef(restore);
  restoreRef.current = restore;
  const pending = useRef<DraftText | null>(null);
  const lastSaved = useRef<string | null>(unsavedAtMount?.text ?? null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveError = useUnsavedDrafts((state) => state.drafts.get(postKey)?.error ?? null);

  useEffect(() => {
    if (!unsavedAtMount) return;
    restoreRef.current(unsavedAtMount);
    retryUnsavedDrafts();
  }, [unsavedAtMount]);

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
    if (!next || next.text === lastSaved.current) {
      retryUnsavedDrafts();
      return;
    }
    lastSaved.current = next.text;
    writeDraft(postKey, next);
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
    forgetDraft(postKey);
  }, [postKey]);

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

  return { loaded, schedule, flush, cancel, saveError };
}
