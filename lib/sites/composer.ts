/**
 * Opening a post's reply composer: click the site's reply control (scoped to the post), then wait for
 * the editor the site renders. Shared by every adapter; each supplies where its controls and editors are.
 */

export const DEFAULT_COMPOSER_TIMEOUT_MS = 3_000;
/** React-controlled textareas change value without DOM mutations, so waiting also polls at this rate. */
const POLL_MS = 100;

export interface ComposerPlan {
  post: Element;
  /**
   * adapter id + post id, only where a composer belongs to one post while it is open (modal editors):
   * recognises the one opened for this post earlier. Leave it out where the site moves one reply box
   * between posts (Instagram, Mastodon, comment threads): that box is this post's only while its reply
   * state says so, which findOwn checks, and a remembered one may since reply to another post.
   */
  key?: string | null;
  /** The site's reply control for this post (not a nested post's). */
  findTrigger: () => Element | null;
  /**
   * A composer that already replies to this post (inside it or its thread slot, or a shared box whose
   * reply state names this post): used without clicking.
   */
  findOwn?: () => HTMLElement | null;
  /**
   * Where the composer shows after this post's trigger is clicked, when the site reuses one box for
   * several posts (it is not new, and is only this post's once its trigger has been clicked).
   */
  findAfterClick?: () => HTMLElement | null;
  /**
   * Every composer editable of the site; one that appears after the click inside the post, its thread or
   * a dialog is taken as this post's.
   */
  composerSelector?: string;
  /** Maps a new composerSelector match to its editable (when the selector names a marker, not the editor). */
  toEditable?: (match: Element) => HTMLElement | null;
  /**
   * The site opens its composer away from the post (a fixed compose column, a moved form), so a new
   * match anywhere counts. Elsewhere one outside the post, its thread and dialogs is another composer
   * that happened to open meanwhile (a chat window).
   */
  opensAnywhere?: boolean;
  timeoutMs?: number;
}

/** Composers opened per post key; weak so a closed modal's editor can be collected. */
const openedComposers = new Map<string, WeakRef<HTMLElement>>();
/** The key each composer was last opened for: a box the site reused for another post is not this one's. */
const composerOwners = new WeakMap<HTMLElement, string>();
const DIALOG = '[role="dialog"], dialog, [aria-modal="true"]';

export async function openComposer(plan: ComposerPlan): Promise<HTMLElement | null> {
  const timeoutMs = plan.timeoutMs ?? DEFAULT_COMPOSER_TIMEOUT_MS;
  const key = plan.key ?? null;
  const document = plan.post.ownerDocument;
  const own = safely(() => plan.findOwn?.() ?? null);
  if (own) return remember(key, own);
  const remembered = key ? openedComposers.get(key)?.deref() : undefined;
  if (remembered?.isConnected && composerOwners.get(remembered) === key) return remembered;

  const before = new Set<Element>(
    plan.composerSelector ? document.querySelectorAll(plan.composerSelector) : [],
  );
  const trigger = safely(plan.findTrigger);
  if (!isClickable(trigger) || isSendControl(trigger, plan.post)) return null;
  trigger.click();

  const find = (): HTMLElement | null => {
    const ownAfter = plan.findOwn?.() ?? plan.findAfterClick?.() ?? null;
    if (ownAfter) return ownAfter;
    if (!plan.composerSelector) return null;
    const fresh: HTMLElement[] = [];
    for (const candidate of document.querySelectorAll(plan.composerSelector)) {
      if (before.has(candidate) || !candidate.isConnected) continue;
      const editable = plan.toEditable ? plan.toEditable(candidate) : candidate;
      if (isHtmlElement(editable)) fresh.push(editable);
    }
    const thread = plan.post.parentElement ?? plan.post;
    return (
      fresh.find((editable) => thread.contains(editable)) ??
      fresh.find((editable) => editable.closest(DIALOG) !== null) ??
      (plan.opensAnywhere ? fresh[0] : undefined) ??
      null
    );
  };
  const composer = await waitFor(find, document, timeoutMs);
  return composer ? remember(key, composer) : null;
}

/**
 * Resolves with find()'s first non-null result, checking after each batch of DOM mutations under root
 * and every POLL_MS, or null after timeoutMs.
 */
export function waitFor<T>(find: () => T | null, root: Node, timeoutMs: number): Promise<T | null> {
  const immediate = safely(find);
  if (immediate) return Promise.resolve(immediate);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: T | null): void => {
      if (settled) return;
      settled = true;
      observer.disconnect();
      clearInterval(poll);
      clearTimeout(timer);
      resolve(value);
    };
    const check = (): void => {
      const found = safely(find);
      if (found) finish(found);
    };
    const observer = new MutationObserver(check);
    observer.observe(root, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['hidden', 'contenteditable', 'aria-hidden', 'style', 'class'],
    });
    const poll = setInterval(check, POLL_MS);
    const timer = setTimeout(() => finish(null), Math.max(0, timeoutMs));
  });
}

function remember(key: string | null, composer: HTMLElement): HTMLElement {
  if (!key) return composer;
  if (openedComposers.size > 200) {
    for (const [staleKey, reference] of openedComposers) {
      if (!reference.deref()?.isConnected) openedComposers.delete(staleKey);
    }
  }
  openedComposers.set(key, new WeakRef(composer));
  composerOwners.set(composer, key);
  return composer;
}

/**
 * Why: Parley never sends; the agent does. A submit control, or a control inside a form that holds a
 * text box, is that box's send: Facebook labels its comment box's send button "Comment", the same
 * word as a post's own comment control, so a label alone cannot tell them apart. Such a control is
 * never clicked to open a reply box, whatever an adapter's selectors matched. A form around the post
 * itself is the page's (ASP.NET pages wrap everything in one form with a search box; forums wrap
 * post lists in moderation forms), not a reply box: controls in it are judged without it.
 */
export function isSendControl(element: Element, post: Element): boolean {
  if (element.matches('[type="submit"]')) return true;
  const form = element.closest('form');
  return form !== null && !form.contains(post) && form.querySelector(TEXT_ENTRY) !== null;
}

const TEXT_ENTRY =
  'textarea, [contenteditable=""], [contenteditable="true"], [role="textbox"], input:not([type]), input[type="text"]';

function isHtmlElement(element: Element | null): element is HTMLElement {
  return element !== null && typeof (element as HTMLElement).click === 'function';
}

function isClickable(element: Element | null): element is HTMLElement {
  if (!isHtmlElement(element)) return false;
  return !element.hasAttribute('disabled') && element.getAttribute('aria-disabled') !== 'true';
}

function safely<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}
