/** The failure's own words, as a sentence. */
export function reasonOf(failure: unknown): string {
  const text = (failure instanceof Error ? failure.message : String(failure)).trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
