/**
 * Read-only DOM helpers shared by the site adapters. They run on every post of busy pages, so they
 * use selector queries and attribute reads only: no layout (innerText, getBoundingClientRect) and no
 * computed style.
 */

export function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && (node as Node).nodeType === 1;
}

/** Elements matching selector under root, root itself first when it matches; document order. */
export function queryAll(root: ParentNode, selector: string): Element[] {
  const found: Element[] = [];
  if (isElement(root) && root.matches(selector)) found.push(root);
  for (const element of root.querySelectorAll(selector)) found.push(element);
  return found;
}

/**
 * Like queryAll, and also looks inside the open shadow roots of elements matching shadowHostSelector
 * (recursively). Only named hosts are entered: walking every element to test `shadowRoot` would cost a
 * full tree walk per call, which is too slow to run on each mutation of a 2,000-post page.
 */
export function queryAllDeep(
  root: ParentNode,
  selector: string,
  shadowHostSelector: string | null,
): Element[] {
  const results: Element[] = [];
  const seen = new Set<Element>();
  const visit = (scope: ParentNode, depth: number): void => {
    for (const element of queryAll(scope, selector)) {
      if (!seen.has(element)) {
        seen.add(element);
        results.push(element);
      }
    }
    // Depth guard: hostile markup could nest hosts without end.
    if (!shadowHostSelector || depth > 8) return;
    for (const host of queryAll(scope, shadowHostSelector)) {
      const shadow = host.shadowRoot;
      if (shadow) visit(shadow, depth + 1);
    }
  };
  visit(root, 0);
  return results;
}

/** First match in root or in the open shadow roots of the named hosts. */
export function queryFirstDeep(
  root: ParentNode,
  selector: string,
  shadowHostSelector: string | null,
): Element | null {
  const direct = isElement(root) && root.matches(selector) ? root : root.querySelector(selector);
  if (direct) return direct;
  return queryAllDeep(root, selector, shadowHostSelector)[0] ?? null;
}

/**
 * Whether element belongs to container itself rather than to a post nested inside it (a quoted tweet,
 * a child comment). nestedSelector names the nested containers.
 */
export function isOwnedBy(container: Element, element: Element, nestedSelector: string): boolean {
  const owner = element.closest(nestedSelector);
  return owner === null || owner === container || !container.contains(owner);
}

/** Whether element sits inside a match of selector that is itself inside container (not container). */
export function isInsideWithin(element: Element, selector: string, container: Element): boolean {
  const match = element.closest(selector);
  return match !== null && match !== container && container.contains(match);
}

/** Matches under container that are not inside a nested post. */
export function ownAll(container: Element, selector: string, nestedSelector: string): Element[] {
  const own: Element[] = [];
  for (const element of container.querySelectorAll(selector)) {
    if (isOwnedBy(container, element, nestedSelector)) own.push(element);
  }
  return own;
}

/** First match under container that is not inside a nested post (fast path: the first match). */
export function ownFirst(container: Element, selector: string, nestedSelector: string): Element | null {
  const first = container.querySelector(selector);
  if (!first) return null;
  if (isOwnedBy(container, first, nestedSelector)) return first;
  for (const element of container.querySelectorAll(selector)) {
    if (isOwnedBy(container, element, nestedSelector)) return element;
  }
  return null;
}

/** Finds a post's own elements (not those of posts nested in it): ownFirst and ownAll for one post. */
export interface OwnScope {
  first(selector: string): Element | null;
  all(selector: string): Element[];
}

/**
 * An OwnScope for container. Why: most posts hold no nested post, and then every match is the post's
 * own; checking that once per post saves a `closest` per match (a post's reader asks for a dozen).
 */
export function ownScope(container: Element, nestedSelector: string): OwnScope {
  if (container.querySelector(nestedSelector) === null) {
    return {
      first: (selector) => container.querySelector(selector),
      all: (selector) => Array.from(container.querySelectorAll(selector)),
    };
  }
  return {
    first: (selector) => ownFirst(container, selector, nestedSelector),
    all: (selector) => ownAll(container, selector, nestedSelector),
  };
}

/** A trimmed, non-empty attribute value or null. */
export function attr(element: Element | null | undefined, name: string): string | null {
  const value = element?.getAttribute(name)?.trim();
  return value ? value : null;
}

/**
 * An absolute http(s) URL for an href, or null. Page hrefs are untrusted: anything that is not http(s)
 * (javascript:, data:) is dropped.
 */
export function absoluteUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  // A plain path (letters, digits, _ - / only, as post permalinks are) resolves to the base's origin
  // followed by the path, unchanged: skip parsing it.
  if (PLAIN_PATH.test(href)) {
    const origin = originOf(base);
    if (origin) return origin + href;
  }
  try {
    const url = new URL(href, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

const PLAIN_PATH = /^\/(?!\/)[\w/-]*$/;
let lastBase: { base: string; origin: string | null } | null = null;

/** The http(s) origin of base (parsed once per base: a page's posts share it), or null. */
function originOf(base: string): string | null {
  if (lastBase?.base === base) return lastBase.origin;
  let origin: string | null = null;
  try {
    const url = new URL(base);
    if (url.protocol === 'https:' || url.protocol === 'http:') origin = url.origin;
  } catch {
    // Not a URL: no fast path.
  }
  lastBase = { base, origin };
  return origin;
}

/** The page URL of the document holding element ('' when it has none, e.g. a detached parse). */
export function documentUrl(element: Element): string {
  const url = element.ownerDocument?.URL ?? '';
  return url.startsWith('http') ? url : '';
}

const INTERACTIVE_SELECTOR = 'a, button, [role="button"], [role="link"], label, summary';

/**
 * Moves an anchor candidate out of any link or button it sits in (below the post itself), so a marker
 * inserted after it is never inside the site's own clickable control.
 */
export function outsideControls(candidate: Element | null, post: Element): Element | null {
  if (!candidate) return null;
  let anchor = candidate;
  for (
    let current: Element | null = candidate;
    current && current !== post;
    current = current.parentElement
  ) {
    if (current.matches(INTERACTIVE_SELECTOR)) anchor = current;
  }
  return anchor;
}

/** The last path segment of a URL path that is not empty, e.g. '/in/jane-doe/' → 'jane-doe'. */
export function pathSegments(href: string | null, base: string): string[] {
  if (!href) return [];
  try {
    return new URL(href, base).pathname.split('/').filter(Boolean).map(decodeURIComponentSafe);
  } catch {
    return [];
  }
}

export function searchParam(href: string | null, base: string, name: string): string | null {
  if (!href) return null;
  try {
    const value = new URL(href, base).searchParams.get(name);
    return value ? value : null;
  } catch {
    return null;
  }
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Whether an adapter made `postId` up with stableHash (Facebook's `h…`, a generic comment's `…#h…`,
 * LinkedIn's `urn:li:card:…`): such ids change as the page fills in a link or expands "See more".
 */
export function isMadeUpId(postId: string): boolean {
  return /(?:^h|#h|^urn:li:card:)[0-9a-f]{8}$/.test(postId);
}

/** Short stable hash (FNV-1a, hex) for keys of posts whose page shows no id at all. */
export function stableHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
