/** Attribute on nodes we add to the page (markers, the sidebar host), so our own insertions are never rescanned. */
export const OWN_NODE_ATTRIBUTE = 'data-parley-marker';

/** A childList change that only added or removed our own nodes. */
export function onlyOwnNodes(record: MutationRecord): boolean {
  const { addedNodes, removedNodes } = record;
  if (addedNodes.length + removedNodes.length === 0) return false;
  for (const node of addedNodes)
    if (!(node instanceof Element) || !node.hasAttribute(OWN_NODE_ATTRIBUTE)) return false;
  for (const node of removedNodes)
    if (!(node instanceof Element) || !node.hasAttribute(OWN_NODE_ATTRIBUTE)) return false;
  return true;
}

export function isOwnNode(element: Element): boolean {
  return element.hasAttribute(OWN_NODE_ATTRIBUTE) || element.closest(`[${OWN_NODE_ATTRIBUTE}]`) !== null;
}

/**
 * What a childList record added, as both screens (the page sentry's and the full watcher's) read it:
 * the posts it added, whole or inside an added element, go into `posts`; the text of everything else
 * it added is returned, our own nodes and comments left out (comments are not part of a post's text).
 * `postsAdded`: it added a post; when the record's target lies in a post (a quote was added to it),
 * that post's text then changed by more than the returned text.
 */
export function addedByRecord(
  record: MutationRecord,
  postSelector: string,
  posts: Set<Element>,
): { text: string; postsAdded: boolean } {
  let text = '';
  let postsAdded = false;
  for (const node of record.addedNodes) {
    if (node.nodeType === 1) {
      const element = node as Element;
      if (isOwnNode(element)) continue;
      const inner = element.querySelectorAll(postSelector);
      if (element.matches(postSelector) || inner.length > 0) {
        if (element.matches(postSelector)) posts.add(element);
        for (const post of inner) posts.add(post);
        postsAdded = true;
        continue;
      }
    } else if (node.nodeType !== 3) {
      continue;
    }
    text += node.textContent ?? '';
  }
  return { text, postsAdded };
}
