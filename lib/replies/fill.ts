import { PLACEHOLDER_PATTERN } from '../policy/schema';

/**
 * Puts values into a template's `{{placeholders}}` in one pass. Placeholders without a value stay in
 * the text as `{{name}}`, so the agent sees exactly what still needs filling, and are listed in
 * `missing` (each name once, in order of first use).
 */

export type TemplateValueMap = Readonly<Record<string, string | null | undefined>>;

export interface FilledTemplate {
  text: string;
  missing: string[];
}

// Embeddings, overrides and isolates: one left open in a value reverses or reorders everything the agent
// wrote after it, on the site as well as in the sidebar.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * A value as it may appear in a reply. Values include page text (the customer's display name), which
 * is hostile: braces are dropped so a name like "{{agentName}}" can never become a placeholder, line
 * breaks collapse so a name cannot break the reply's layout, and bidi controls go.
 */
export function cleanTemplateValue(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return value.replace(/[{}]/g, '').replace(BIDI_CONTROLS, '').replace(/\s+/gu, ' ').trim();
}

export function fillTemplate(text: string, values: TemplateValueMap): FilledTemplate {
  const missing: string[] = [];
  const filled = text.replace(PLACEHOLDER_PATTERN, (_placeholder, name: string) => {
    const value = Object.hasOwn(values, name) ? cleanTemplateValue(values[name]) : '';
    if (value !== '') return value;
    if (!missing.includes(name)) missing.push(name);
    return `{{${name}}}`;
  });
  return { text: filled, missing };
}

/**
 * Fills one placeholder wherever it still stands in `text` (the agent typed its value after picking the
 * template); the rest of the agent's edits are left alone.
 */
export function fillPlaceholder(text: string, name: string, value: string): string {
  const clean = cleanTemplateValue(value);
  if (clean === '') return text;
  return text.replace(PLACEHOLDER_PATTERN, (placeholder, found: string) =>
    found === name ? clean : placeholder,
  );
}

/** Takes out a placeholder the agent chose to leave empty, with the spaces before it. */
export function removePlaceholder(text: string, name: string): string {
  const withLeadingSpace = new RegExp(`[ \\t]*${PLACEHOLDER_PATTERN.source}`, 'g');
  return text.replace(withLeadingSpace, (match, found: string) => (found === name ? '' : match));
}
