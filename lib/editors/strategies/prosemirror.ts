import {
  dispatchPaste,
  escapeHtml,
  focusEditable,
  readEditableLines,
  selectContentFrom,
  settle,
} from '../dom';
import type { EditorStrategy } from '../types';

/**
 * ProseMirror and TipTap (Bluesky, LinkedIn's new composer). ProseMirror parses a paste's clipboard data
 * itself. Its plain-text path merges runs of newlines (blank lines vanish), so the paste also carries HTML
 * with one paragraph per line, an empty paragraph for each blank line; the `text/plain` stays for editors
 * configured to paste plain text. The HTML is marked the way ProseMirror marks its own copies
 * (`data-pm-slice`, open at both ends): it then keeps spaces and tabs as they are, and the first and last
 * lines join the paragraph the caret is in instead of adding paragraphs around it.
 */
export const proseMirrorStrategy: EditorStrategy = {
  kind: 'prosemirror',
  detect: (editable) => editable.classList.contains('ProseMirror'),
  async insert(editable, text, options) {
    focusEditable(editable);
    await settle();
    selectContentFrom(editable, options?.keepLength ?? 0);
    await settle();
    dispatchPaste(editable, text, paragraphsHtml(text));
  },
  readBack: readEditableLines,
};

/** One `<p>` per line, text escaped, as a ProseMirror slice open at both ends with no outer context. */
export function paragraphsHtml(text: string): string {
  return text
    .split('\n')
    .map((line, index) => `<p${index === 0 ? ' data-pm-slice="1 1 []"' : ''}>${escapeHtml(line)}</p>`)
    .join('');
}
