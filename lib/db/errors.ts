/**
 * Storage failures in words an agent can act on. IndexedDB reports a full quota as QuotaExceededError
 * and a full or failing disk as DataError/UnknownError ("Failed to write blobs (IOError)"), often
 * wrapped by Dexie in an AbortError; none of that says what happened or what to do. Every Parley write
 * is one transaction, so a refused write leaves nothing half-saved: the message says so.
 *
 * The background also keeps each open tab's page state in storage.session, which lives in memory with
 * a quota of its own: freeing disk space does nothing for it, so its refusal gets its own advice.
 */

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  cause?: unknown;
}

const QUOTA = 'There is no room left to save this (the browser’s storage for Parley is full).';
const DISK = 'Saving failed because the disk is full or cannot be written.';
const NOTHING_LOST = 'Nothing was half-saved; free some disk space and try again.';
const SESSION_FULL =
  'Parley’s memory of what your open tabs show is full (the browser keeps it only for this session). Close tabs you no longer need, or restart the browser. Case history and drafts are not affected.';

/** A clear sentence for a storage failure, or null when `error` is not one. */
export function describeStorageFailure(error: unknown): string | null {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const { name, message, inner, cause } = current as ErrorLike;
    const text = typeof message === 'string' ? message : '';
    // Chromium: "Session storage quota bytes exceeded. Values were not stored."
    if (/session storage quota/i.test(text)) return SESSION_FULL;
    if (name === 'QuotaExceededError' || /quota/i.test(text)) return `${QUOTA} ${NOTHING_LOST}`;
    if ((name === 'DataError' || name === 'UnknownError') && /IOError|write|disk|space/i.test(text))
      return `${DISK} ${NOTHING_LOST}`;
    current = inner ?? cause;
  }
  return null;
}
