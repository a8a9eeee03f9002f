import { create } from 'zustand';

/** The text of the sidebar's polite live region (rendered once, in SidebarApp, so it is always mounted). */
export const useAnnouncement = create<{ text: string }>(() => ({ text: '' }));

/** Says the result of an action to screen readers, even when the control that showed it is gone. */
export function announce(text: string): void {
  // Cleared first so the same words said twice in a row are announced again.
  useAnnouncement.setState({ text: '' });
  setTimeout(() => useAnnouncement.setState({ text }), 50);
}

/** The open mention's heading (tabIndex=-1): the place focus goes when nothing closer is left. */
export const mentionHeading = (): HTMLElement | null =>
  document.querySelector<HTMLElement>('.mention-heading');

/**
 * Call when the focused control is pressed and its action may remove it. Most removals come later,
 * after the background answers and the view re-renders, so this watches until the control leaves the
 * DOM and then, only if focus fell to the body, moves it to `fallback()` (else the mention's heading).
 * If the control stays (the action failed) the watch just ends.
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
    const target = fallback() ?? mentionHeading();
    target?.focus();
  });
  const timer = setTimeout(stop, timeoutMs);
  observer.observe(document.body, { childList: true, subtree: true });
}

/** The first enabled button inside `root`, for "the next control in this section". */
export function firstButtonIn(root: Element | null | undefined): HTMLElement | null {
  return root?.querySelector<HTMLElement>('button:not(:disabled)') ?? null;
}
