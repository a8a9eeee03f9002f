/**
 * DOM helpers shared by the editor strategies: reading an editing host's text line by line, placing the
 * selection over the part to replace, and the synthetic events editors listen to. Everything here works
 * from a content script's isolated world (DOM only, no page JavaScript objects).
 */

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TR',
  'UL',
]);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

/**
 * The text an editing host shows, one line per block, `<br>` as a line break: what every editor kind here
 * renders from its state. Mirrors `innerText` without needing layout: a `<br>` that ends a block is the
 * placeholder editors put in empty or break-terminated blocks, so it adds no line of its own.
 */
export function readEditableLines(root: Element): string {
  const lines: string[] = [];
  let current: string | null = null;
  let lineOpenedByBreak = false;

  const closeLine = (): void => {
    if (current !== null && !(current === '' && lineOpenedByBreak)) lines.push(current);
    current = null;
    lineOpenedByBreak = false;
  };
  const visit = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      const data = (node as Text).data;
      if (data === '') return;
      current = (current ?? '') + data;
      lineOpenedByBreak = false;
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const element = node as Element;
    const tag = element.tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) return;
    if (tag === 'BR') {
      lines.push(current ?? '');
      current = '';
      lineOpenedByBreak = true;
      return;
    }
    if (tag === 'IMG') {
      const alt = element.getAttribute('alt');
      if (alt) {
        current = (current ?? '') + alt;
        lineOpenedByBreak = false;
      }
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block && current !== null) closeLine();
    for (const child of element.childNodes) visit(child);
    if (block) closeLine();
  };

  for (const child of root.childNodes) visit(child);
  closeLine();
  return lines.join('\n');
}

interface DomPoint {
  node: Node;
  offset: number;
}

function isVoid(node: Node): boolean {
  return (
    node.nodeType === Node.ELEMENT_NODE && ['BR', 'IMG', 'HR', 'INPUT'].includes((node as Element).tagName)
  );
}

/** The first caret position inside root: the start of its first text, or inside its first empty block. */
function firstPoint(root: Node): DomPoint {
  let node = root;
  while (node.firstChild && !isVoid(node.firstChild)) node = node.firstChild;
  return { node, offset: 0 };
}

/** The last caret position inside root, before a block's trailing placeholder `<br>`. */
function lastPoint(root: Node): DomPoint {
  let node = root;
  while (node.lastChild && !isVoid(node.lastChild) && node.lastChild.nodeType === Node.ELEMENT_NODE) {
    node = node.lastChild;
  }
  const last = node.lastChild;
  if (last && last.nodeType === Node.TEXT_NODE) return { node: last, offset: (last as Text).length };
  if (last && (last as Element).tagName === 'BR') {
    return { node, offset: Array.prototype.indexOf.call(node.childNodes, last) };
  }
  if (node.nodeType === Node.TEXT_NODE) return { node, offset: (node as Text).length };
  return { node, offset: node.childNodes.length };
}

/** The caret position `offset` characters into root's first line (for keeping a prefilled "@user "). */
function pointAtOffset(root: Node, offset: number): DomPoint {
  if (offset <= 0) return firstPoint(root);
  const walker = root.ownerDocument?.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let remaining = offset;
  let lastText: Text | null = null;
  for (let text = walker?.nextNode() as Text | null; text; text = walker?.nextNode() as Text | null) {
    lastText = text;
    if (remaining <= text.length) return { node: text, offset: remaining };
    remaining -= text.length;
  }
  return lastText ? { node: lastText, offset: lastText.length } : lastPoint(root);
}

/**
 * Selects root's content from `startOffset` characters to the end, so that the next insertion replaces it
 * (or, in an empty editor, places the caret inside it).
 */
export function selectContentFrom(root: HTMLElement, startOffset = 0): void {
  const document = root.ownerDocument;
  const selection = document.getSelection();
  if (!selection) return;
  const start = pointAtOffset(root, startOffset);
  const end = lastPoint(root);
  const range = document.createRange();
  range.setStart(start.node, start.offset);
  try {
    range.setEnd(end.node, end.offset);
  } catch {
    range.collapse(true);
  }
  if (range.collapsed && (start.node !== end.node || start.offset !== end.offset)) {
    // The end came before the start (odd markup): keep the caret at the start rather than nothing.
    range.setStart(start.node, start.offset);
  }
  selection.removeAllRanges();
  selection.addRange(range);
}

/** Focuses the editor the way a click would, without scrolling the page. */
export function focusEditable(editable: HTMLElement): void {
  editable.focus({ preventScroll: true });
}

/**
 * Lets the page's own handlers run: selection changes are reported to editors asynchronously
 * (`selectionchange` is queued), and frameworks re-render after the event that changed their state.
 */
export function settle(ms = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A paste the editor handles itself: `text/plain` and, when given, `text/html` on the event's clipboard. */
export function dispatchPaste(target: HTMLElement, text: string, html?: string): boolean {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  if (html !== undefined) data.setData('text/html', html);
  const event = new ClipboardEvent('paste', {
    clipboardData: data,
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  target.dispatchEvent(event);
  return event.defaultPrevented;
}

/** A `beforeinput` an editor that models input events handles itself (data travels in a DataTransfer). */
export function dispatchBeforeInput(target: HTMLElement, inputType: string, text: string): boolean {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  const event = new InputEvent('beforeinput', {
    inputType,
    dataTransfer: data,
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  target.dispatchEvent(event);
  return event.defaultPrevented;
}

/** Escapes text for the HTML we hand an editor on a synthetic clipboard (never inserted into our DOM). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * `document.execCommand` is deprecated but still the only way to edit as if typing: the browser fires real
 * beforeinput/input events and keeps the undo stack. Returns false where it is unavailable.
 */
export function execEditCommand(
  document: Document,
  command: 'insertText' | 'insertParagraph' | 'insertLineBreak' | 'delete',
  value?: string,
): boolean {
  try {
    return document.execCommand(command, false, value);
  } catch {
    return false;
  }
}
