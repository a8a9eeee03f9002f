/**
 * Work on busy pages is done in slices: process queued items until the slice budget is spent, then
 * yield to the page and continue in a new task. The slice budget sits well under the 50 ms that makes
 * a "long task", so the page stays responsive even when a 2,000-post timeline arrives at once.
 */
export type Scheduler = (callback: () => void) => void;

/**
 * Schedules a new macrotask without setTimeout's nesting clamp (≥4 ms after a few levels):
 * scheduler.postTask where the browser has it (nothing to set up), else a MessageChannel.
 */
export function createMacrotaskScheduler(): Scheduler {
  const postTask = (globalThis as { scheduler?: { postTask?: unknown } }).scheduler?.postTask;
  if (typeof postTask === 'function') {
    const scheduler = (
      globalThis as unknown as { scheduler: { postTask(callback: () => void): Promise<void> } }
    ).scheduler;
    return (callback) => {
      void scheduler.postTask(callback).catch(() => undefined); // errors are the callback's own to handle
    };
  }
  if (typeof MessageChannel === 'undefined') return (callback) => setTimeout(callback, 0);
  const channel = new MessageChannel();
  const pending: Array<() => void> = [];
  channel.port1.onmessage = () => pending.shift()?.();
  return (callback) => {
    pending.push(callback);
    channel.port2.postMessage(null);
  };
}

export class TimeSlicedQueue<T> {
  private readonly items: T[] = [];
  private head = 0;
  private scheduled = false;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(
    private readonly processItem: (item: T) => void,
    private readonly options: {
      budgetMs?: number;
      schedule?: Scheduler;
      now?: () => number;
      /**
       * Called after each slice (e.g. to flush batched reports) with the slice's duration and the items
       * still queued.
       */
      afterSlice?: (slice: { elapsedMs: number; remaining: number }) => void;
    } = {},
  ) {}

  push(...items: T[]): void {
    for (const item of items) this.items.push(item);
    this.ensureScheduled();
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /** Resolves when the queue has drained (used by tests and benchmarks). */
  whenIdle(): Promise<void> {
    if (this.size === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private ensureScheduled(): void {
    if (this.scheduled || this.size === 0) return;
    this.scheduled = true;
    const schedule = this.options.schedule ?? defaultScheduler();
    schedule(() => this.runSlice());
  }

  private runSlice(): void {
    this.scheduled = false;
    const now = this.options.now ?? (() => performance.now());
    const budget = this.options.budgetMs ?? 8;
    const start = now();
    while (this.head < this.items.length) {
      const item = this.items[this.head] as T;
      this.head += 1;
      try {
        this.processItem(item);
      } catch {
        // One odd element must never stop the scan (or throw into the page).
      }
      if (now() - start >= budget) break;
    }
    const elapsedMs = now() - start;
    if (this.head >= this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 1024) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    this.options.afterSlice?.({ elapsedMs, remaining: this.size });
    if (this.size > 0) this.ensureScheduled();
    else for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

let sharedScheduler: Scheduler | undefined;
function defaultScheduler(): Scheduler {
  sharedScheduler ??= createMacrotaskScheduler();
  return sharedScheduler;
}

/**
 * Runs work in a task of its own. Work after a message's answer would otherwise run in whatever task
 * delivered the answer, unbounded by the slice budget and invisible to DevTools' per-script attribution
 * (which `npm run bench` reads); as separate tasks, setup and marking are measured and yield like slices.
 */
export function inTask<T>(run: () => T): Promise<T> {
  const schedule = defaultScheduler();
  return new Promise((resolve, reject) =>
    schedule(() => {
      try {
        resolve(run());
      } catch (error) {
        reject(error);
      }
    }),
  );
}
