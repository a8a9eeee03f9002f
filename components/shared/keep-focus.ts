/**
 * Call when the focused control is pressed and its action may remove it. Most removals come later,
 * after the background answers and the view re-renders, so this watches until the control leaves the
 * DOM and then, only if focus fell to the body, moves it to `fallback()`. If the control stays (the
 * action failed) the watch just ends.
 */
export function keepFocusOnRemoval(fallback: () => HTMLElement | null | undefined, timeoutMs = 10_000): void {
  const pressed = document.activeElement;
  if (!(pressed instanceof HTMLElement) || pressed === document.body) return;
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  const observer = new MutationObserver(() => {
    if (pressed.isConnected) return;
    stop();
    const active = document.activeElement;
    if (active && active !== document.body && active !== pressed && active.isConnected) return;
    fallback()?.focus();
  });
  const timer = setTimeout(stop, timeoutMs);
  observer.observe(document.body, { childList: true, subtree: true });
}

const FOCUSABLE =
  'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), summary, [tabindex]:not([tabindex="-1"])';

/** The first control after `element` (outside it) in document order: "what comes next" on the page. */
export function nextFocusableAfter(element: Element): HTMLElement | null {
  for (const candidate of document.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    const following = element.compareDocumentPosition(candidate) & Node.DOCUMENT_POSITION_FOLLOWING;
    if (following && !element.contains(candidate)) return candidate;
  }
  return null;
}
