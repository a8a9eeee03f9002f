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
