import { browser } from 'wxt/browser';
import type { MentionDetail } from '../background/sidebar-api';
import type { CustomerHistory } from '../db/customers';
import { HISTORY_PAGE } from '../domain/history-page';
import { backgroundToSidebar, parseEnvelope } from '../messaging/protocol';
import { sendFromPage } from './send';

/**
 * Answers fetched ahead of the component that shows them. Why: opening a mention used to take two
 * background round trips in a row, each after a render (the mention's detail, then, once its view
 * mounted, the customer's history). Now the sidebar asks for both in one request as soon as a mention
 * opens ('mention-with-history'), before React renders anything, and the views' live queries
 * (useBackgroundQuery) take their first answer from here. An answer is used only while the database
 * is unchanged since it was asked for (no 'background:db-changed' since) and for a few seconds.
 */

export { HISTORY_PAGE };

const FRESH_MS = 5_000;
const MAX_ENTRIES = 20;

interface Entry {
  promise: Promise<unknown>;
  settled: boolean;
  failed: boolean;
  value: unknown;
  generation: number;
  at: number;
}

const entries = new Map<string, Entry>();
/** Counts database changes the background reported; an answer asked for before one is stale. */
let generation = 0;
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (parseEnvelope(backgroundToSidebar, message)?.type === 'background:db-changed') {
      generation += 1;
      entries.clear();
    }
  });
}

/** The cache key of a named query with its arguments (as useBackgroundQuery serialises them). */
export function queryKey(name: string, args: unknown): string {
  return `${name} ${JSON.stringify(args)}`;
}

function fresh(entry: Entry | undefined): Entry | null {
  if (!entry || entry.failed || entry.generation !== generation) return null;
  return Date.now() - entry.at <= FRESH_MS ? entry : null;
}

/** A fresh answer (settled or still on its way) for this key, or null. */
export function cachedQuery(key: string): { promise: Promise<unknown> } | null {
  return fresh(entries.get(key));
}

/** A fresh answer that has already arrived, or undefined (to render with at once). */
export function settledQuery(key: string): { value: unknown } | undefined {
  const entry = fresh(entries.get(key));
  return entry?.settled ? { value: entry.value } : undefined;
}

function remember(key: string, promise: Promise<unknown>, asked: number, value?: { value: unknown }): void {
  const entry: Entry = {
    promise,
    settled: value !== undefined,
    failed: false,
    value: value?.value,
    generation: asked,
    at: Date.now(),
  };
  if (!value)
    promise.then(
      (answer) => {
        entry.settled = true;
        entry.value = answer;
      },
      () => {
        entry.failed = true;
      },
    );
  entries.delete(key);
  entries.set(key, entry);
  while (entries.size > MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    entries.delete(oldest);
  }
}

/**
 * Asks for a mention's detail and its customer's first history page in one request, and keeps both
 * answers for the 'mention-detail' and 'customer-history' queries of the mention view. No-op when a
 * fresh answer for the mention is already here or on its way.
 */
export function prefetchMention(postKey: string): void {
  listen();
  const detailKey = queryKey('mention-detail', { postKey });
  if (cachedQuery(detailKey)) return;
  const asked = generation;
  const both = sendFromPage('sidebar:query', {
    name: 'mention-with-history',
    args: { postKey, historyLimit: HISTORY_PAGE },
  }) as Promise<{ detail: MentionDetail; history: CustomerHistory | null } | null>;
  // The history is stored before anyone waiting for the detail resumes, so the history view that mounts
  // with the detail finds its first page already here.
  const detail = both.then((answer) => {
    if (answer) {
      const historyKey = queryKey('customer-history', {
        customerId: answer.detail.mention.customerId,
        limit: HISTORY_PAGE,
      });
      remember(historyKey, Promise.resolve(answer.history), asked, { value: answer.history });
    }
    return answer?.detail ?? null;
  });
  remember(detailKey, detail, asked);
}

/** For tests: forget every answer. */
export function clearQueryCache(): void {
  entries.clear();
}
