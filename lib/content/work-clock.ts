/**
 * The content script's own main-thread time (scan start, mutation callbacks, queue slices, report
 * handling and marking), for `npm run bench`. It shares the page's main thread, so this is what Parley
 * costs the page. A couple of clock reads per task.
 *
 * When work that changes the page settles (a page walk, posts read, reported or marked: not a quiet
 * re-screen of a changed post), one performance mark is left on the document's timeline, the previous
 * one cleared so nothing accumulates: 'parley:scan:start', then 'parley:scan:idle' (first settle after a
 * start) or 'parley:queue:idle', with `detail: { busyMs, totalMs }` (since the previous mark, since the
 * script started). Work is settled when no part (the watcher's walk, loading the engine, the engine's
 * queue and reports) is busy. Readable from the isolated world as globalThis.parleyWork (the page's own
 * scripts cannot see it).
 */
export class WorkClock {
  totalMs = 0;
  /** The last start's own part: config applied, screen compiled, page walk queued, observer set. */
  startMs = 0;
  private sinceMarkMs = 0;
  private firstSettle = true;
  private changed = false;
  private readonly busy = new Set<string>();

  time<T>(run: () => T): T {
    const start = performance.now();
    try {
      return run();
    } finally {
      this.add(performance.now() - start);
    }
  }

  add(ms: number): void {
    this.totalMs += ms;
    this.sinceMarkMs += ms;
  }

  started(): void {
    this.firstSettle = true;
    this.changed = true;
    this.publish('parley:scan:start');
  }

  /** Work that the benchmarks wait for happened (posts queued, read, reported or marked). */
  noteWork(): void {
    this.changed = true;
  }

  /** One part of the content script is busy (or done); work settles when none is. */
  setBusy(part: string, busy: boolean): void {
    if (busy) {
      this.busy.add(part);
      return;
    }
    this.busy.delete(part);
    this.settleIfIdle();
  }

  settleIfIdle(): void {
    if (this.busy.size > 0 || !this.changed) return;
    this.changed = false;
    this.publish(this.firstSettle ? 'parley:scan:idle' : 'parley:queue:idle');
    this.firstSettle = false;
  }

  private publish(name: string): void {
    try {
      performance.clearMarks(name);
      performance.mark(name, { detail: { busyMs: this.sinceMarkMs, totalMs: this.totalMs } });
    } catch {
      // No User Timing here (old engine, odd page): the benchmark simply finds no mark.
    }
    this.sinceMarkMs = 0;
  }
}
