import { create } from 'zustand';
import { keepFocusOnRemoval as keepFocusWhenRemoved } from '../shared/keep-focus';

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
 * Call when the focused control is pressed and its action may remove it: once it is gone, focus that
 * fell to the body moves to `fallback()`, else to the mention's heading (see ../shared/keep-focus.ts).
 */
export function keepFocusOnRemoval(fallback: () => HTMLElement | null | undefined, timeoutMs = 10_000): void {
  keepFocusWhenRemoved(() => fallback() ?? mentionHeading(), timeoutMs);
}

/** The first enabled button inside `root`, for "the next control in this section". */
export function firstButtonIn(root: Element | null | undefined): HTMLElement | null {
  return root?.querySelector<HTMLElement>('button:not(:disabled)') ?? null;
}
