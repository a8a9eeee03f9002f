import {
  dispatchBeforeInput,
  dispatchPaste,
  focusEditable,
  readEditableLines,
  selectContentFrom,
  settle,
} from '../dom';
import type { EditorStrategy } from '../types';

/**
 * Lexical (Facebook, Reddit, Threads, Instagram DMs). Lexical handles `beforeinput` itself: an
 * `insertReplacementText` carrying a DataTransfer is inserted through its clipboard code (rich text: one
 * paragraph per line; plain text: line breaks), replacing the selection Lexical reads from the DOM at that
 * moment. If Lexical did not take the event (it calls preventDefault when it does), its paste handler is
 * the second way in.
 */
export const lexicalStrategy: EditorStrategy = {
  kind: 'lexical',
  detect: (editable) => editable.getAttribute('data-lexical-editor') === 'true',
  async insert(editable, text, options) {
    focusEditable(editable);
    await settle();
    selectContentFrom(editable, options?.keepLength ?? 0);
    await settle();
    if (dispatchBeforeInput(editable, 'insertReplacementText', text)) return;
    dispatchPaste(editable, text);
  },
  readBack: readEditableLines,
};
