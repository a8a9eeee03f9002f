import { execEditCommand, focusEditable, settle } from '../dom';
import type { EditorStrategy } from '../types';

type TextControl = HTMLTextAreaElement | HTMLInputElement;

/**
 * Textareas, plain or React-controlled (Mastodon, Instagram, old Reddit). `insertText` edits the control
 * like typing: the browser fires real input events React listens to, and Ctrl+Z still works. Where that
 * command is unavailable, the value is set through the prototype's setter (bypassing any per-element
 * override a framework installed) and an `input` event tells the page.
 */
export const textareaStrategy: EditorStrategy = {
  kind: 'textarea',
  detect: (editable) => isTextControl(editable),
  async insert(editable, text, options) {
    if (!isTextControl(editable)) return;
    const keep = Math.min(options?.keepLength ?? 0, editable.value.length);
    const wanted = editable.value.slice(0, keep) + text;
    focusEditable(editable);
    editable.setSelectionRange(keep, editable.value.length);
    const before = editable.value;
    const typed = execEditCommand(editable.ownerDocument, 'insertText', text);
    if (typed && (editable.value === wanted || editable.value !== before)) return;
    setValueLikeTheBrowser(editable, wanted, text);
    await settle();
  },
  readBack: (editable) => (isTextControl(editable) ? editable.value : ''),
};

function isTextControl(element: HTMLElement): element is TextControl {
  if (element.tagName === 'TEXTAREA') return true;
  return element.tagName === 'INPUT' && ['text', 'search', ''].includes((element as HTMLInputElement).type);
}

function setValueLikeTheBrowser(control: TextControl, value: string, inserted: string): void {
  const prototype =
    control.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setter) setter.call(control, value);
  else control.value = value;
  control.dispatchEvent(
    new InputEvent('input', {
      inputType: 'insertReplacementText',
      data: inserted,
      bubbles: true,
      composed: true,
    }),
  );
}
