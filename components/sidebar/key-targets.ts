/**
 * Which keyboard-event targets the sidebar's own keys must leave alone. Kept apart from the hook so the
 * rules can be tested without rendering.
 */

/** Fields the agent types in: no single-letter shortcut is taken from them. */
export function isEditableTarget(target: EventTarget | null): target is HTMLElement {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Elements that do something with Enter themselves: buttons (queue rows included), links, the
 * disclosure of a <details>, form fields, editable text and ARIA widgets.
 */
const INTERACTIVE = [
  'button',
  'a',
  'summary',
  'input',
  'textarea',
  'select',
  '[contenteditable]:not([contenteditable="false"])',
  '[role="button"]',
  '[role="link"]',
  '[role="option"]',
  '[role="checkbox"]',
  '[role="radio"]',
  '[role="switch"]',
  '[role="tab"]',
  '[role="menuitem"]',
  '[role="textbox"]',
  '[role="combobox"]',
].join(', ');

/** True when Enter on this target belongs to the element, not to the queue's "open the active row". */
export function handlesOwnEnter(target: EventTarget | null): boolean {
  if (isEditableTarget(target)) return true;
  return target instanceof Element && target.closest(INTERACTIVE) !== null;
}
