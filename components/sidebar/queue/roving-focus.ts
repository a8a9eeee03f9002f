/**
 * The queue's roving focus: exactly one row is tabbable. It is the active row while that row is shown;
 * when it is not (no row active yet, or its case left the queue, e.g. resolved elsewhere), the first
 * row takes its place, so Tab can always reach the queue.
 */
export function tabbableRowKey(activeKey: string | null, rowKeys: readonly string[]): string | null {
  if (activeKey !== null && rowKeys.includes(activeKey)) return activeKey;
  return rowKeys[0] ?? null;
}
