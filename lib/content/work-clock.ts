/**
 * The content script's own main-thread time (scan start, mutation callbacks, queue slices, report
 * handling and marking), for `npm run bench`. It shares the page's main thread, so this is what Parley
 * costs the page. A couple of clock reads per task.
 *
 * When work that changes the page settles (a page walk, posts read, reported or marked: not a quiet
 * re-screen of a changed post), it records a mark: 'parley:scan:start', then 'parley:scan:idle' (first
 * settle after a start) or 'parley:queue:idle', with the busy time since the previous mark and since
 * the script started. Work is settled when no part (the watcher's walk, loading the engine, the engine's
 * queue and reports) is busy. The marks stay in the isolated world (globalThis.parleyWork.marks, the
 * last few) and in DevTools traces (console.timeStamp); never on the page's performance timeline, where
 * the page's own scripts could read them and learn that Parley is installed.
 */
export interface WorkMark {
  name: string;
  /** performance.now() of the page (the isolated world shares the document's time origin). */
  startTime: number;
  busyMs: number;
  totalMs: number;
}

const KEPT_MARKS = 64;

export class WorkClock {
  totalMs = 0;
  /** The last start's own part: config applied, screen compiled, page walk queued, observer set. */
  startMs = 0;
  private sinceMarkMs = 0;
  private firstSettle = true;
  private changed = false;
  private readonly busy = new Set<string>();
  private afterSettled: Array<() => void> = [];
  readonly marks: WorkMark[] = [];

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

  /** The engine is loaded and set up (its matcher compiled): the end of the page's setup. */
  engineReady(): void {
    this.publish('parley:engine:ready', false);
  }

  /** Work that the benchmarks wait for happened (posts queued, read, reported or marked). */
  noteWork(): void {
    this.changed = true;
  }

  /** Runs `then` once the work under way settles. */
  afterSettle(then: () => void): void {
    this.afterSettled.push(then);
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
    for (const then of this.afterSettled.splice(0)) then();
  }

  private publish(name: string, resetBusy = true): void {
    this.marks.push({ name, startTime: performance.now(), busyMs: this.sinceMarkMs, totalMs: this.totalMs });
    if (this.marks.length > KEPT_MARKS) this.marks.shift();
    // A no-op unless DevTools is recording a trace.
    console.timeStamp?.(name);
    if (resetBusy) this.sinceMarkMs = 0;
  }
}
