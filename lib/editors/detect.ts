import { EDITOR_STRATEGIES } from './registry';
import type { EditorStrategy } from './types';

const EDITABLE_SELECTOR =
  'textarea, [contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]';

function isEditingHost(element: Element): boolean {
  const value = element.getAttribute('contenteditable');
  return value === '' || value === 'true' || value === 'plaintext-only';
}

/**
 * The element text is inserted into, for whatever an adapter handed over: a textarea, the outermost
 * editing host (editors nest contenteditable islands inside theirs), or the first of those inside a
 * wrapper. Null when there is none.
 */
export function findEditableRoot(element: HTMLElement): HTMLElement | null {
  if (element.tagName === 'TEXTAREA') return element;
  let host: HTMLElement | null = null;
  for (let node: HTMLElement | null = element; node; node = node.parentElement) {
    if (isEditingHost(node)) host = node;
  }
  if (host) return host;
  const inside = element.querySelector<HTMLElement>(EDITABLE_SELECTOR);
  return inside ? findEditableRoot(inside) : null;
}

export interface DetectedEditor {
  editable: HTMLElement;
  strategy: EditorStrategy;
}

/** The editable under `element` and the strategy for its kind of editor, or null if it is not editable. */
export function detectEditor(element: HTMLElement): DetectedEditor | null {
  const editable = findEditableRoot(element);
  if (!editable) return null;
  for (const strategy of EDITOR_STRATEGIES) {
    try {
      if (strategy.detect(editable)) return { editable, strategy };
    } catch {
      // a detector that trips on odd markup just doesn't match
    }
  }
  return null;
}
