import { execEditCommand, focusEditable, readEditableLines, selectContentFrom, settle } from '../dom';
import type { EditorStrategy } from '../types';

/**
 * Quill 1 (LinkedIn's legacy comment box). Quill 1 ignores a synthetic paste's data (it lets the browser
 * paste into a hidden element and reads that, so a synthetic paste would only delete the selection), but it
 * follows DOM edits: a MutationObserver turns them into its model, which is how typing reaches it. So the
 * text is typed with editing commands, one `insertParagraph` per line break, which gives Quill the `<p>`
 * blocks it expects.
 */
export const quill1Strategy: EditorStrategy = {
  kind: 'quill1',
  detect: (editable) => editable.classList.contains('ql-editor'),
  async insert(editable, text, options) {
    focusEditable(editable);
    await settle();
    selectContentFrom(editable, options?.keepLength ?? 0);
    await settle();
    typeLines(editable.ownerDocument, text);
  },
  readBack: readEditableLines,
};

/** Types text as a person would: text, and a new paragraph for every line break. */
export function typeLines(document: Document, text: string): void {
  text.split('\n').forEach((line, index) => {
    if (index > 0) execEditCommand(document, 'insertParagraph');
    if (line) execEditCommand(document, 'insertText', line);
  });
}
