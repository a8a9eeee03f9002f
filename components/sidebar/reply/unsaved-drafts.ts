import { browser } from 'wxt/browser';
import { create } from 'zustand';
import { backgroundToSidebar, parseEnvelope } from '../../../lib/messaging/protocol';
import { sendFromPage } from '../../../lib/ui/send';

export interface DraftText {
  text: string;
  templateId: string | null;
}

export interface UnsavedDraft extends DraftText {
  /** The background's reason, as it gave it ("There is no room left to save this…"). */
  error: string;
}

/**
 * Drafts whose last save the background refused, by post key. Kept here, not in the reply panel, because
 * the panel unmounts when the agent opens another mention: a refused save must not take the text with
 * it. Each one is tried again on the next draft save, on the next database change, and when its post
 * is opened again (which also gets the text back into the editor).
 */
export const useUnsavedDrafts = create<{ drafts: ReadonlyMap<string, UnsavedDraft> }>(() => ({
  drafts: new Map(),
}));

/** The newest write per post key: an older one answering late neither keeps nor clears an entry. */
const newestWrite = new Map<string, number>();
const writesInFlight = new Set<number>();
let writeCount = 0;

function setUnsaved(postKey: string, draft: UnsavedDraft | null): void {
  const drafts = new Map(useUnsavedDrafts.getState().drafts);
  if (draft) drafts.set(postKey, draft);
  else if (!drafts.delete(postKey)) return;
  useUnsavedDrafts.setState({ drafts });
  watchDatabaseChanges(drafts.size > 0);
}

/**
 * Saves (or, for blank text, deletes) the post's draft; a refusal keeps it for another try. Other refused
 * drafts go again with it: a save going through may mean there is room again.
 */
export function writeDraft(postKey: string, draft: DraftText): void {
  send(postKey, draft);
  retryUnsavedDrafts();
}

/** Sends every refused draft again, except one whose newer text is already on its way. */
export function retryUnsavedDrafts(): void {
  for (const [postKey, draft] of useUnsavedDrafts.getState().drafts) {
    const newest = newestWrite.get(postKey);
    if (newest !== undefined && writesInFlight.has(newest)) continue;
    send(postKey, { text: draft.text, templateId: draft.templateId });
  }
}

function send(postKey: string, draft: DraftText): void {
  const write = ++writeCount;
  newestWrite.set(postKey, write);
  writesInFlight.add(write);
  const request =
    draft.text.trim() === ''
      ? sendFromPage('sidebar:mutate', { name: 'delete-draft', args: { postKey } })
      : sendFromPage('sidebar:mutate', {
          name: 'save-draft',
          args: { postKey, text: draft.text, templateId: draft.templateId },
        });
  request.then(
    () => {
      writesInFlight.delete(write);
      if (newestWrite.get(postKey) === write) setUnsaved(postKey, null);
    },
    (error: unknown) => {
      writesInFlight.delete(write);
      if (newestWrite.get(postKey) !== write) return;
      const message = error instanceof Error ? error.message : String(error);
      setUnsaved(postKey, { ...draft, error: message });
      console.warn('Parley: could not save the draft', error);
    },
  );
}

/** The draft is gone on purpose (marked sent): a refused earlier save must not bring it back. */
export function forgetDraft(postKey: string): void {
  newestWrite.set(postKey, ++writeCount);
  setUnsaved(postKey, null);
}

const onDatabaseChange = (message: unknown) => {
  if (parseEnvelope(backgroundToSidebar, message)?.type === 'background:db-changed') retryUnsavedDrafts();
};
let watching = false;

/** Listens for database changes only while a refused draft waits: a change may mean room was freed. */
function watchDatabaseChanges(wanted: boolean): void {
  if (wanted === watching) return;
  watching = wanted;
  if (wanted) browser.runtime.onMessage.addListener(onDatabaseChange);
  else browser.runtime.onMessage.removeListener(onDatabaseChange);
}
