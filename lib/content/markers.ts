/**
 * The only things Parley adds to a site's DOM: two data attributes on each detected post (the
 * observable contract tests and tools rely on) and a small marker button beside it. No case data,
 * no policy text: the page can read its own DOM, so anything richer lives in the sidebar iframe.
 */
import type { Category } from '../domain/types';
import { OWN_NODE_ATTRIBUTE } from './own-nodes';

export const MENTION_ATTRIBUTE = 'data-parley-mention';
export const POST_ID_ATTRIBUTE = 'data-parley-post-id';

const CATEGORY_COLORS: Record<Category | 'own-reply', string> = {
  crisis: '#b3261e',
  complaint: '#d9480f',
  question: '#1c7ed6',
  praise: '#2b8a3e',
  spam: '#868e96',
  neutral: '#5f3dc4',
  'own-reply': '#495057',
};

export function markPost(
  element: Element,
  options: {
    postId: string;
    category: Category | 'own-reply';
    anchor: Element | null;
    onOpen: () => void;
  },
): void {
  // Only a post marked before can hold a marker: a first pass marks hundreds of fresh posts, and the
  // lookup would walk each one's whole subtree to find nothing.
  const markedBefore = element.hasAttribute(MENTION_ATTRIBUTE);
  element.setAttribute(MENTION_ATTRIBUTE, options.category);
  element.setAttribute(POST_ID_ATTRIBUTE, options.postId);
  if (options.category === 'own-reply') return;
  if (markedBefore) removeLookAlikes(element);
  const marker = postMarkers.get(element);
  if (marker && isPlacedMarker(marker)) {
    if (marker.getAttribute(CATEGORY_ATTRIBUTE) !== options.category) labelMarker(marker, options.category);
    markerActions.set(marker, { post: element, open: options.onOpen });
    return;
  }
  if (marker) discardMarker(marker);
  const fresh = createMarker(element, options.category, options.onOpen);
  const anchor = options.anchor && element.contains(options.anchor) ? options.anchor : null;
  if (anchor) anchor.after(fresh);
  else element.prepend(fresh);
}

export function unmarkPost(element: Element): void {
  element.removeAttribute(MENTION_ATTRIBUTE);
  element.removeAttribute(POST_ID_ATTRIBUTE);
  const marker = postMarkers.get(element);
  postMarkers.delete(element);
  if (marker) discardMarker(marker);
}

/** A removed marker opens nothing: the page could keep it and put it back in another post. */
function discardMarker(marker: Element): void {
  markerActions.delete(marker);
  marker.remove();
}

/**
 * The marker Parley put in each post, kept here rather than looked up by its attribute: the page is
 * hostile and can plant an element with the same markup (its own listeners, styles or link) in a
 * post, and relabelling that would dress the page's element as ours.
 */
const postMarkers = new WeakMap<Element, HTMLButtonElement>();

/**
 * Whether Parley created this marker for a post that still holds it. Not a look-alike the page
 * planted, nor one of our markers the page moved out of its post or kept after it was removed: that
 * one would open a post the page chose.
 */
function isPlacedMarker(element: Element): boolean {
  const post = markerActions.get(element)?.post;
  return post !== undefined && postMarkers.get(post) === element && post.contains(element);
}

/**
 * Removes what carries the marker attribute in the post but is not a placed marker: beside our
 * marker it would pass for it. Markers of posts nested in this one (Reddit's replies) stay.
 */
function removeLookAlikes(element: Element): void {
  for (const lookAlike of element.querySelectorAll(`[${OWN_NODE_ATTRIBUTE}]`)) {
    if (!isPlacedMarker(lookAlike)) discardMarker(lookAlike);
  }
}

const CATEGORY_ATTRIBUTE = 'data-parley-category';

function labelMarker(marker: HTMLButtonElement, category: Category): void {
  marker.setAttribute(CATEGORY_ATTRIBUTE, category);
  marker.style.background = CATEGORY_COLORS[category];
  marker.setAttribute('aria-label', `Open in Parley: ${category}`);
  marker.title = `Parley: ${category}`;
}

/**
 * One styled, labelled marker per category, cloned per post. Why: the inline style starts with
 * `all: initial`, so any change to a marker's style rewrites hundreds of longhands (about 50 µs per
 * marker); a clone only copies the finished attribute.
 */
const markerPrototypes = new Map<Category, HTMLButtonElement>();

function styledMarker(category: Category): HTMLButtonElement {
  let prototype = markerPrototypes.get(category);
  if (prototype?.ownerDocument !== document) {
    prototype = document.createElement('button');
    prototype.type = 'button';
    prototype.setAttribute(OWN_NODE_ATTRIBUTE, '');
    prototype.textContent = 'P';
    // Inline styles: the marker must look the same on every site without a stylesheet in the page.
    Object.assign(prototype.style, {
      all: 'initial',
      display: 'inline-flex',
      alignItems: 'center',
      justifyContent: 'center',
      width: '18px',
      height: '18px',
      margin: '0 6px',
      borderRadius: '50%',
      color: '#fff',
      font: '700 11px/1 system-ui, sans-serif',
      cursor: 'pointer',
      verticalAlign: 'middle',
      flex: 'none',
    } satisfies Partial<CSSStyleDeclaration>);
    labelMarker(prototype, category);
    markerPrototypes.set(category, prototype);
  }
  return prototype.cloneNode(true) as HTMLButtonElement;
}

function createMarker(post: Element, category: Category, onOpen: () => void): HTMLButtonElement {
  const button = styledMarker(category);
  markerActions.set(button, { post, open: onOpen });
  postMarkers.set(post, button);
  listenForMarkers(button.ownerDocument);
  return button;
}

/**
 * The post each marker was made for and what it opens. Only buttons Parley created are in it, so a
 * page that copies a marker's markup gets nothing from clicking its copy.
 */
const markerActions = new WeakMap<Element, { post: Element; open: () => void }>();
const listening = new WeakSet<Document>();

/**
 * The element an event happened on. A marker can sit inside a post in an open shadow root (Reddit's
 * lazily loaded replies); at the document, `event.target` is then the shadow host, not the marker.
 */
function eventOrigin(event: Event): EventTarget | null {
  return event.composedPath()[0] ?? event.target;
}

/**
 * One set of listeners per document, in the capture phase, instead of three per marker: a first pass
 * marks hundreds of posts, and a listener each cost more than the rest of the marker.
 */
function listenForMarkers(document: Document): void {
  if (listening.has(document)) return;
  listening.add(document);
  document.addEventListener(
    'click',
    (event) => {
      const marker = eventOrigin(event);
      if (!(marker instanceof Element) || !markerActions.has(marker)) return;
      // The post around the marker is usually a link: don't let the click navigate or reach the site.
      event.preventDefault();
      event.stopPropagation();
      // Only a real click or key press opens: page scripts can dispatch synthetic clicks.
      if (event.isTrusted && isPlacedMarker(marker)) markerActions.get(marker)?.open();
    },
    true,
  );
  const outline = (value: string) => (event: Event) => {
    const marker = eventOrigin(event);
    if (marker instanceof HTMLElement && markerActions.has(marker)) marker.style.outline = value;
  };
  document.addEventListener('focusin', outline('2px solid #1c7ed6'), true);
  document.addEventListener('focusout', outline('none'), true);
}
