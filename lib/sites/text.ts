/**
 * Visible text of post markup, read by walking the tree (textContent-style). innerText is never used:
 * it forces a style and layout pass, which on a busy 2,000-post page would blow the per-task budget.
 * Without layout, "visible" is judged from markup: hidden/aria-hidden attributes, inline display:none,
 * and non-text elements.
 */

export interface TextOptions {
  /**
   * 'pre-wrap' for sites that render post text with `white-space: pre-wrap` (X, Bluesky, Threads):
   * newline characters in text are line breaks and generic layout <div>s do not break lines (X wraps
   * inline mentions in divs). 'normal' (default) follows HTML whitespace rules with block elements.
   */
  whitespace?: 'normal' | 'pre-wrap';
  /** Read aria-hidden subtrees too (LinkedIn hides the visible copy from screen readers). */
  keepAriaHidden?: boolean;
  /** Extra subtrees to leave out (quoted posts, screen-reader-only copies, site UI). */
  skip?: (element: Element) => boolean;
}

const SKIPPED_ELEMENTS = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'iframe',
  'object',
  'canvas',
  'video',
  'audio',
  'textarea',
  'input',
  'select',
]);

const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tr',
  'ul',
]);

/** Blocks that still break lines in pre-wrap text (paragraph-level markup, not layout wrappers). */
const PRE_WRAP_BLOCK_ELEMENTS = new Set([
  'p',
  'li',
  'blockquote',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'tr',
]);

const HIDING_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const SHORTCODE = /^:[\w+-]+:$/;
/** Direction marks and zero-width spaces that sites sprinkle around handles; ZWJ is kept (emoji). */
const INVISIBLE_CHARACTERS = /[\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const BREAK = '\n';
/**
 * What normalizeWhitespace changes: whitespace other than single spaces and single line breaks inside
 * the text, space or a break next to another or at either end, invisible characters. Text without any
 * of these comes out as it went in.
 */
const NEEDS_NORMALIZING = new RegExp(`[^\\S \\n]|[ \\n]{2}|^[ \\n]|[ \\n]$|${INVISIBLE_CHARACTERS.source}`);

/** Visible text of node: emoji images as their alt text, whitespace collapsed, line breaks as '\n'. */
export function readText(node: Node | null | undefined, options: TextOptions = {}): string {
  if (!node) return '';
  const parts: string[] = [];
  const preWrap = options.whitespace === 'pre-wrap';
  const blocks = preWrap ? PRE_WRAP_BLOCK_ELEMENTS : BLOCK_ELEMENTS;

  const walk = (current: Node): void => {
    for (let child = current.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const data = (child as Text).data;
        parts.push(preWrap ? data : data.replace(/[\r\n]+/g, ' '));
        continue;
      }
      if (child.nodeType !== 1) continue;
      const element = child as Element;
      const name = element.localName;
      if (SKIPPED_ELEMENTS.has(name) || isHidden(element, options)) continue;
      if (options.skip?.(element)) continue;
      if (name === 'br') {
        parts.push(BREAK);
        continue;
      }
      if (name === 'img') {
        const alt = emojiAlt(element);
        if (alt) parts.push(alt);
        continue;
      }
      const block = blocks.has(name);
      if (block) parts.push(BREAK);
      walk(element);
      if (block) parts.push(BREAK);
    }
  };

  if (node.nodeType === 3) return normalizeWhitespace((node as Text).data);
  walk(node);
  return normalizeWhitespace(parts.join(''));
}

/** Collapses spaces within lines, trims lines and drops empty ones; '\n' separates the rest. */
export function normalizeWhitespace(text: string): string {
  if (!NEEDS_NORMALIZING.test(text)) return text;
  const lines: string[] = [];
  for (const line of text.replace(INVISIBLE_CHARACTERS, '').split(/\r\n|[\n\r\u2028\u2029]/)) {
    const collapsed = line.replace(/[\s\u00a0]+/g, ' ').trim();
    if (collapsed) lines.push(collapsed);
  }
  return lines.join('\n');
}

/** Text of one short label (a name or handle): single line. */
export function readLabel(node: Node | null | undefined, options: TextOptions = {}): string {
  return readText(node, options).replace(/\n+/g, ' ').trim();
}

function isHidden(element: Element, options: TextOptions): boolean {
  if (element.hasAttribute('hidden')) return true;
  if (!options.keepAriaHidden && element.getAttribute('aria-hidden') === 'true') return true;
  const style = element.getAttribute('style');
  return style !== null && HIDING_STYLE.test(style);
}

/** Alt text of an emoji image (Unicode or :shortcode: custom emoji); other images add no text. */
function emojiAlt(image: Element): string | null {
  const alt = image.getAttribute('alt')?.trim();
  if (!alt) return null;
  if (PICTOGRAPHIC.test(alt) || SHORTCODE.test(alt)) return alt;
  const hints = `${image.getAttribute('class') ?? ''} ${image.getAttribute('src') ?? ''}`;
  return /emoji/i.test(hints) && alt.length <= 40 ? alt : null;
}
