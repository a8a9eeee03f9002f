/**
 * Finding the site's own send control for a composer, only to read whether it is enabled: a sign that the
 * site's state (not just its DOM) took the text. Nothing here ever clicks, submits or presses a key.
 */

/** Test ids and ids of send controls the supported sites use (not localized). */
const KNOWN_SEND_SELECTOR = [
  '[data-testid="tweetButtonInline"]',
  '[data-testid="tweetButton"]',
  '[data-testid="composerPublishBtn"]',
  '[slot="submit-button"]',
  '#submit-button button',
  '.comments-comment-box__submit-button--cr',
  '.comments-comment-box__submit-button',
].join(', ');
const CONTROL_SELECTOR = 'button, [role="button"], input[type="submit"]';
/** English labels only: elsewhere the known selectors or the form's submit button have to do. */
const SEND_WORDS = /\b(reply|post|send|comment|publish|tweet|toot|submit|save|respond)\b/i;
const NOT_SEND_WORDS = /\b(cancel|close|discard|delete|emoji|gif|image|photo|media|attach|upload|more)\b/i;
const MAX_LEVELS = 10;
/**
 * Where a composer ends. Past it, controls belong to the thread around the composer: a later comment's
 * "Reply" would pass for the send control.
 */
const COMPOSER_CONTAINER = [
  'form',
  '[role="dialog"]',
  'dialog',
  'ytd-commentbox',
  'comment-composer-host',
  '.comments-comment-box',
  '[componentkey^="commentBox-"]',
  '[data-testid="composePostView"]',
].join(', ');

function labelOf(control: Element): string {
  const parts = [
    control.getAttribute('aria-label'),
    control.getAttribute('title'),
    control.getAttribute('data-testid'),
    control.getAttribute('value'),
  ];
  const text = control.textContent?.trim() ?? '';
  if (text.length <= 40) parts.push(text);
  return parts.filter(Boolean).join(' ');
}

function follows(control: Element, editable: Element): boolean {
  return (editable.compareDocumentPosition(control) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

function isSubmit(control: Element): boolean {
  const type = control.getAttribute('type');
  return (control.tagName === 'BUTTON' && (type === null || type === 'submit')) || type === 'submit';
}

/**
 * The send control of the composer around `editable`: the nearest ancestor scope that holds one wins.
 * Known site selectors count anywhere in the scope (Bluesky puts its button above the editor); a submit
 * button of the editable's own form counts; other buttons count when their label says send/reply/post and
 * they come after the editor (the post's own Reply control comes before its composer). The search ends
 * at the composer's container (its form, dialog or comment box) when it has one.
 */
export function findSendControl(editable: HTMLElement): HTMLElement | null {
  const form = editable.closest('form');
  const container = editable.closest(COMPOSER_CONTAINER);
  let scope: Element | null = editable.parentElement;
  for (let level = 0; scope && level < MAX_LEVELS; level += 1, scope = scope.parentElement) {
    const candidates = [...scope.querySelectorAll<HTMLElement>(CONTROL_SELECTOR)].filter(
      (control) => !control.contains(editable) && !NOT_SEND_WORDS.test(labelOf(control)),
    );
    const known = scope.querySelector<HTMLElement>(KNOWN_SEND_SELECTOR);
    if (known)
      return known.matches(CONTROL_SELECTOR)
        ? known
        : (known.querySelector<HTMLElement>(CONTROL_SELECTOR) ?? known);
    // A button without a type submits too, but is as often an emoji or attach button: it needs a send label.
    const formSubmit = candidates.find(
      (control) =>
        form?.contains(control) === true &&
        isSubmit(control) &&
        (control.getAttribute('type') === 'submit' || SEND_WORDS.test(labelOf(control))),
    );
    if (formSubmit) return formSubmit;
    const labelled = candidates.find(
      (control) => follows(control, editable) && SEND_WORDS.test(labelOf(control)),
    );
    if (labelled) return labelled;
    if (scope === container || scope.tagName === 'BODY') break;
  }
  return null;
}

/** Whether a control can be pressed: not disabled, not aria-disabled, not inside a disabled fieldset. */
export function isControlEnabled(control: Element): boolean {
  if (control.hasAttribute('disabled')) return false;
  if (control.getAttribute('aria-disabled') === 'true') return false;
  return control.closest('fieldset[disabled]') === null;
}
