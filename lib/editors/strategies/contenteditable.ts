import { execEditCommand, focusEditable, readEditableLines, selectContentFrom, settle } from '../dom';
import type { EditorStrategy } from '../types';

function typeWithLineBreaks(document: Document, text: string): void {
  text.split('\n').forEach((line, index) => {
    if (index > 0) execEditCommand(document, 'insertLineBreak');
    if (line) execEditCommand(document, 'insertText', line);
  });
}

/**
 * A plain contenteditable with no editor library (YouTube). Nothing handles a synthetic paste there, so
 * the text is typed with editing commands: the browser edits the DOM and fires the input events the page
 * listens to, and the page's undo keeps working. Lines are joined with `insertLineBreak` (`<br>`, like
 * Shift+Enter) rather than `insertText`'s "\n", which becomes `<div>` blocks: pages that read their box with
 * innerText see an extra blank line after a `<div><br></div>`.
 */
export const contentEditableStrategy: EditorStrategy = {
  kind: 'contenteditable',
  detect: (editable) => editable.isContentEditable || editable.getAttribute('contenteditable') !== null,
  async insert(editable, text, options) {
    focusEditable(editable);
    await settle();
    selectContentFrom(editable, options?.keepLength ?? 0);
    await settle();
    typeWithLineBreaks(editable.ownerDocument, text);
  },
  readBack: readEditableLines,
};
