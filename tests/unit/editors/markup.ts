/**
 * Puts a static markup snippet (our own test strings, parsed with DOMParser) into happy-dom's document and
 * returns the element matching `selector`. Product code never parses page text as HTML.
 */
export function mount(html: string, selector?: string): HTMLElement {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
  document.body.replaceChildren(
    ...[...parsed.body.childNodes].map((node) => document.importNode(node, true)),
  );
  if (!selector) return document.body;
  const found = document.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`test markup has no ${selector}`);
  return found;
}
