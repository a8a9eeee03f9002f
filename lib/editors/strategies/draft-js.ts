import { dispatchPaste, focusEditable, readEditableLines, selectContentFrom, settle } from '../dom';
import type { EditorStrategy } from '../types';

/**
 * Draft.js (X). Draft keeps its own selection, synced from the DOM on React's onSelect, and rebuilds its
 * state from a paste's `text/plain`, one block per line with empty lines kept. So: select the part to
 * replace, let Draft see the selection, then paste. Typing commands are wrong here: `insertText` drops blank
 * lines and `insertHTML` into an empty editor duplicates text (draft-js #36).
 */
export const draftJsStrategy: EditorStrategy = {
  kind: 'draft-js',
  detect: (editable) =>
    editable.matches('.public-DraftEditor-content') ||
    editable.querySelector('[data-contents="true"]') !== null ||
    editable.closest('.DraftEditor-root') !== null,
  async insert(editable, text, options) {
    focusEditable(editable);
    await settle();
    selectContentFrom(editable, options?.keepLength ?? 0);
    await settle();
    // Plain text only: with text/html present Draft takes its HTML path, which can restyle the reply.
    dispatchPaste(editable, text);
  },
  readBack: readEditableLines,
};
