/**
 * Starts reading a mention for the sidebar as soon as the agent clicks its marker. Why: the click
 * reaches the background first; the sidebar learns of it from the background's broadcast and then asks
 * for the mention ('mention-with-history'). Reading the database while that broadcast and request
 * travel takes the read off the path from click to history on screen.
 *
 * Nothing is sent anywhere from here: the answer is handed only to the sidebar's own request for
 * the same mention, after the router has checked that request (sender, schema, frame token) as any
 * other. It is used once, within a short time, and dropped on any database change.
 */
export class MentionWarmer {
  private entry: {
    postKey: string;
    historyLimit: number;
    at: number;
    answer: Promise<unknown>;
  } | null = null;

  constructor(
    private readonly read: (postKey: string, historyLimit: number) => Promise<unknown>,
    private readonly maxAgeMs = 2_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Starts the read of this mention (replacing any earlier one). */
  warm(postKey: string, historyLimit: number): void {
    const answer = this.read(postKey, historyLimit);
    answer.catch(() => undefined); // a failed read is redone by the request that asks for it
    this.entry = { postKey, historyLimit, at: this.now(), answer };
  }

  /**
   * The read started for exactly these arguments, if it is recent and the database has not changed
   * since; it is handed out once. Otherwise null (the caller reads as usual).
   */
  take(args: unknown): Promise<unknown> | null {
    const entry = this.entry;
    if (!entry || typeof args !== 'object' || args === null) return null;
    const { postKey, historyLimit } = args as { postKey?: unknown; historyLimit?: unknown };
    if (postKey !== entry.postKey || historyLimit !== entry.historyLimit) return null;
    this.entry = null;
    if (this.now() - entry.at > this.maxAgeMs) return null;
    return entry.answer.catch(() => this.read(entry.postKey, entry.historyLimit));
  }

  /** The database changed: a read started before may be out of date. */
  clear(): void {
    this.entry = null;
  }
}
