/**
 * Text rules for inserting a reply: how intended and read-back text are compared, and which site-prefilled
 * prefix of a reply box is kept. Pure functions (no DOM).
 */

/**
 * The form both sides of the comparison are brought to: "\r\n" and "\r" become "\n", no-break spaces become
 * spaces (editors store runs of spaces as alternating NBSPs), and trailing line breaks are dropped (editors
 * keep an empty last paragraph or a placeholder break).
 */
export function normaliseEditorText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .replace(/\n+$/, '');
}

/**
 * Handles the site put into the reply box before the agent typed ("@jane " on Instagram and YouTube,
 * "@jane@example.social @bob " on Mastodon). They address the reply, so they are kept and the reply goes
 * after them; whatever follows them (an earlier insert, a draft) is replaced. Unless the reply itself
 * already starts with the first of them: then it replaces the whole box. Only "@handle" text counts; a
 * mention the site renders as a name (Facebook) is not recognised and is replaced with the rest.
 */
export function sitePrefilledPrefix(current: string, reply: string): string {
  const match = /^(?:@[\p{L}\p{N}_.-]+(?:@[\p{L}\p{N}.-]+)?[ \u00a0]+)+/u.exec(current);
  if (!match) return '';
  const prefix = match[0];
  const firstHandle = prefix.trim().split(/\s+/)[0] ?? '';
  // The whole handle: a reply to "@jordan" does not start with the prefilled "@jo".
  const replyHandle = leadingHandle(reply.trimStart());
  if (firstHandle && replyHandle.toLowerCase() === firstHandle.toLowerCase()) return '';
  return prefix;
}

/** The "@handle" (or "@user@domain") text starts with, without trailing sentence punctuation. */
function leadingHandle(text: string): string {
  const handle = /^@[\p{L}\p{N}_.-]+(?:@[\p{L}\p{N}.-]+)?/u.exec(text)?.[0] ?? '';
  return handle.replace(/[.-]+$/, '');
}

/** What the editor should hold after the insert: kept prefix plus the reply, compared normalised. */
export function expectedEditorText(prefix: string, reply: string): string {
  return normaliseEditorText(prefix + reply);
}
