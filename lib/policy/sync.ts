import { deepEqual, diffPolicies, policyUpdateHeadline, staleness } from './diff';
import { looksLikeWebPage, type PolicyError, parsePolicyText } from './parse';
import type { Policy } from './schema';

/**
 * Fetching the team's published policy: the pure algorithm; the background wires it to chrome.alarms
 * and storage.
 *
 * Security rationale: the policy decides what agents are told to say in public, so a policy must come
 * whole, from where the lead published it, untampered. Hence: https only (plain http only to this
 * machine, for testing); no cookies sent; redirects followed only within the same host and never to
 * plain http; a size cap enforced while streaming (a hostile or broken server cannot exhaust memory);
 * a timeout covering headers and body; and all-or-nothing application: any failure keeps the last good
 * policy and reports the exact reason. A lower version never replaces a higher one, so an old cached
 * copy or a rolled-back mirror cannot undo a published change.
 */

export const DEFAULT_SYNC_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_POLICY_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 5;
/** Of any one thing a server wrote, when an error shows it. */
const MAX_SHOWN_CHARACTERS = 200;

export type SyncErrorCode =
  | 'offline'
  | 'http-status'
  | 'timeout'
  | 'too-large'
  | 'invalid-yaml'
  | 'invalid-schema'
  | 'lower-version'
  | 'redirect'
  | 'insecure-url'
  | 'bad-url';

export interface SyncError {
  code: SyncErrorCode;
  /** A complete sentence for the options page and the sidebar, naming the URL and the exact problem. */
  message: string;
  details?: {
    /** HTTP status for 'http-status' and 'redirect'. */
    status?: number;
    /** Redirect target for 'redirect'. */
    location?: string;
    /** Bytes received (or announced) for 'too-large'. */
    bytes?: number;
    /** Every error with its line and column for 'invalid-yaml' and 'invalid-schema'. */
    errors?: PolicyError[];
  };
}

export interface ActivePolicy {
  policy: Policy;
  /** The URL it was fetched from; null for the embedded default policy. */
  sourceUrl: string | null;
  etag?: string;
  lastModified?: string;
}

export type SyncOutcome =
  | {
      status: 'applied';
      policy: Policy;
      /** The normalized URL it came from: store it as ActivePolicy.sourceUrl. */
      sourceUrl: string;
      etag?: string;
      lastModified?: string;
      /** "Policy updated to v4". */
      headline: string;
      /** What changed for agents; empty when there was no previous policy or nothing agents would notice. */
      summary: string[];
    }
  | {
      status: 'unchanged';
      /** 'not-modified': the server answered 304; 'same-content': it sent what is already active. */
      reason: 'not-modified' | 'same-content';
      /** The normalized URL that answered: the active policy's source from now on. */
      sourceUrl: string;
      /** Validators to store for the next conditional request. */
      etag?: string;
      lastModified?: string;
    }
  | { status: 'rejected'; error: SyncError };

export interface SyncOptions {
  url: string;
  /** The active policy, or null when none has been fetched (or it came from a different URL). */
  active: ActivePolicy | null;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; error: SyncError };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a policy URL is acceptable: https://, or http:// to this machine only. For the options page too. */
export function validatePolicyUrl(input: string): UrlCheck {
  const trimmed = input.trim();
  if (trimmed === '') return reject('bad-url', 'Enter the URL where your team publishes its policy.');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return reject('bad-url', `'${trimmed}' is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return reject('bad-url', `Policy URLs must start with https:// (got ${url.protocol}//).`);
  }
  if (url.username !== '' || url.password !== '') {
    return reject(
      'bad-url',
      'Remove the user name and password from the policy URL: they would be stored in every agent’s settings.',
    );
  }
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
    return reject(
      'insecure-url',
      `Plain http:// is only allowed for localhost; use https://${url.host}${url.pathname} so the policy cannot be altered on the way.`,
    );
  }
  return { ok: true, url };

  function reject(code: SyncErrorCode, message: string): UrlCheck {
    return { ok: false, error: { code, message } };
  }
}

export async function syncPolicy(options: SyncOptions): Promise<SyncOutcome> {
  const {
    active,
    fetchImpl = globalThis.fetch.bind(globalThis),
    timeoutMs = DEFAULT_SYNC_TIMEOUT_MS,
    maxBytes = DEFAULT_MAX_POLICY_BYTES,
  } = options;
  const checked = validatePolicyUrl(options.url);
  if (!checked.ok) return { status: 'rejected', error: checked.error };
  const url = checked.url;
  const shown = url.href;
  // Validators and version order only mean something for the same published file.
  const sameSource =
    active !== null && active.sourceUrl !== null && normalizeUrl(active.sourceUrl) === url.href;

  const headers: Record<string, string> = {
    Accept: 'application/yaml, text/yaml, application/json;q=0.9, text/plain;q=0.8, */*;q=0.5',
  };
  if (sameSource && active?.etag) headers['If-None-Match'] = active.etag;
  if (sameSource && active?.lastModified) headers['If-Modified-Since'] = active.lastModified;
  const conditional = 'If-None-Match' in headers || 'If-Modified-Since' in headers;

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const timeoutError = (): SyncOutcome =>
    rejected('timeout', `No complete answer from ${url.host} within ${formatSeconds(timeoutMs)}.`);

  try {
    const fetched = await fetchSameHost(fetchImpl, url, headers, controller.signal);
    if ('error' in fetched) return { status: 'rejected', error: fetched.error };
    const { response } = fetched;

    if (response.status === 304) {
      await discardBody(response);
      if (!conditional || !active) {
        return rejected('http-status', `HTTP 304 Not Modified from ${shown} although nothing was cached.`, {
          status: 304,
        });
      }
      return {
        status: 'unchanged',
        reason: 'not-modified',
        sourceUrl: url.href,
        etag: response.headers.get('etag') ?? active.etag,
        lastModified: response.headers.get('last-modified') ?? active.lastModified,
      };
    }
    if (response.status !== 200) {
      await discardBody(response);
      const statusText = response.statusText ? ` ${clip(response.statusText)}` : '';
      return rejected('http-status', `HTTP ${response.status}${statusText} from ${shown}.`, {
        status: response.status,
      });
    }

    const announced = Number(response.headers.get('content-length'));
    if (Number.isFinite(announced) && announced > maxBytes) {
      await discardBody(response);
      return rejected(
        'too-large',
        `The policy at ${shown} is ${formatBytes(announced)}; the limit is ${formatBytes(maxBytes)}.`,
        { bytes: announced },
      );
    }

    const body = await readLimited(response, maxBytes);
    if (body.kind === 'too-large') {
      return rejected(
        'too-large',
        `The policy at ${shown} is larger than the ${formatBytes(maxBytes)} limit (stopped after ${formatBytes(body.bytes)}).`,
        { bytes: body.bytes },
      );
    }
    if (body.kind === 'failed') {
      if (timedOut) return timeoutError();
      return rejected(
        'offline',
        `The connection to ${url.host} broke before the whole policy arrived (${body.reason}).`,
      );
    }

    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body.bytes);
    } catch {
      return rejected('invalid-yaml', `The policy at ${shown} is not UTF-8 text.`);
    }

    const parsed = parsePolicyText(text, shown);
    // A repository's page of the file, or a sign-in page, instead of the raw file. The content type alone
    // does not decide: a server may label a real policy file text/html.
    const isHtml = /^\s*text\/html\b/i.test(response.headers.get('content-type') ?? '');
    if (!parsed.ok && (isHtml || looksLikeWebPage(text))) {
      return rejected(
        'invalid-yaml',
        `${shown} returned a web page, not the policy file (use the raw file link).`,
        { errors: parsed.errors },
      );
    }
    if (!parsed.ok) {
      const syntax = parsed.errors.some((error) => error.kind === 'syntax');
      const first = parsed.errors[0] as PolicyError;
      const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : '';
      const where = `line ${first.line}, column ${first.column}`;
      return syntax
        ? rejected(
            'invalid-yaml',
            `The policy at ${shown} is not valid YAML: ${where}: ${clip(first.message)}${more}.`,
            {
              errors: parsed.errors,
            },
          )
        : rejected(
            'invalid-schema',
            `The policy at ${shown} has ${parsed.errors.length} error${parsed.errors.length === 1 ? '' : 's'}: ${where}, ${clip(first.path)}: ${clip(first.message)}${more}.`,
            { errors: parsed.errors },
          );
    }
    const next = parsed.policy;
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;

    if (active && deepEqual(next, active.policy)) {
      return { status: 'unchanged', reason: 'same-content', sourceUrl: url.href, etag, lastModified };
    }
    if (active && sameSource) {
      const current = active.policy;
      const stale = staleness(current, next);
      if (stale === 'lower-version') {
        return rejected(
          'lower-version',
          `The policy at ${shown} is version ${next.version}, lower than the active version ${current.version}; keeping version ${current.version}.`,
        );
      }
      if (stale === 'same-version-not-newer') {
        return rejected(
          'lower-version',
          `The policy at ${shown} changed but keeps version ${next.version} and is not newer (updatedAt ${next.updatedAt}, active ${current.updatedAt}); raise the version to publish a change. Keeping the active policy.`,
        );
      }
    }
    return {
      status: 'applied',
      policy: next,
      sourceUrl: url.href,
      etag,
      lastModified,
      headline: policyUpdateHeadline(next),
      summary: active ? diffPolicies(active.policy, next).summary : [],
    };
  } catch (error) {
    if (timedOut) return timeoutError();
    return rejected('offline', `Could not reach ${url.host}: ${describeRequestFailure(error)}.`);
  } finally {
    clearTimeout(timer);
  }
}

function rejected(code: SyncErrorCode, message: string, details?: SyncError['details']): SyncOutcome {
  return { status: 'rejected', error: details ? { code, message, details } : { code, message } };
}

/**
 * Follows redirects by hand so the target is checked before it is requested. Where the runtime hides
 * redirect targets (browsers return an opaque response for redirect: 'manual'), it lets the browser
 * follow and checks where the response actually came from.
 */
async function fetchSameHost(
  fetchImpl: typeof fetch,
  start: URL,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<{ response: Response } | { error: SyncError }> {
  const init = { headers, signal, credentials: 'omit', cache: 'no-store' } as const;
  let current = start;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const response = await fetchImpl(current.href, { ...init, redirect: 'manual' });
    if (response.type === 'opaqueredirect') {
      const followed = await fetchImpl(current.href, { ...init, redirect: 'follow' });
      const finalUrl = followed.url ? new URL(followed.url) : current;
      const problem = redirectProblem(start, finalUrl, followed.status);
      if (problem) {
        await discardBody(followed);
        return { error: problem };
      }
      return { response: followed };
    }
    const isRedirect = response.status >= 300 && response.status < 400 && response.status !== 304;
    if (!isRedirect) return { response };
    await discardBody(response);
    const location = response.headers.get('location');
    if (!location) {
      return {
        error: {
          code: 'redirect',
          message: `HTTP ${response.status} from ${current.href} without a Location to follow.`,
          details: { status: response.status },
        },
      };
    }
    let target: URL;
    try {
      target = new URL(location, current);
    } catch {
      return {
        error: {
          code: 'redirect',
          message: `${current.href} redirects to an invalid URL '${shownLocation(location)}'.`,
          details: { status: response.status, location: shownLocation(location) },
        },
      };
    }
    const problem = redirectProblem(start, target, response.status);
    if (problem) return { error: problem };
    current = target;
  }
  return {
    error: { code: 'redirect', message: `${start.href} redirects more than ${MAX_REDIRECTS} times.` },
  };
}

function redirectProblem(start: URL, target: URL, status: number): SyncError | undefined {
  const shown = shownLocation(target);
  const refuse = (message: string): SyncError => ({
    code: 'redirect',
    message: `${start.href} redirects to ${message}`,
    details: { status, location: shown },
  });
  if (target.hostname !== start.hostname) {
    return refuse(`another host (${target.host}); a policy is only read from the host it is published on.`);
  }
  if (target.username !== '' || target.password !== '') {
    return refuse(`a URL with a user name and password (${shown}); a policy is fetched without credentials.`);
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    return refuse(`${target.protocol}// (${shown}); a policy must stay on https://.`);
  }
  if (target.protocol === 'http:' && !LOCAL_HOSTS.has(target.hostname)) {
    return refuse(`plain http:// (${shown}); a policy must stay on https://.`);
  }
  return undefined;
}

/**
 * What a server wrote (a header, a key or value its file echoed back by the parser), as errors show it.
 * Errors are shown in the options page, the popup and the sidebar and kept in the sync status: a
 * 300,000-character key must not become a 300,000-character status line.
 */
function clip(text: string): string {
  return text.length > MAX_SHOWN_CHARACTERS ? `${text.slice(0, MAX_SHOWN_CHARACTERS)}…` : text;
}

/**
 * A redirect target as errors show it. Security rationale: a password in a Location header must not
 * reach the errors shown to the agent and kept in the sync status.
 */
function shownLocation(location: URL | string): string {
  let text: string;
  if (typeof location === 'string') {
    // Unparseable, so the authority is found by hand: everything up to its last '@' is userinfo.
    text = location.replace(/^([^/?#]*\/\/)[^/?#]*@/, '$1');
  } else {
    const copy = new URL(location.href);
    copy.username = '';
    copy.password = '';
    text = copy.href;
  }
  return clip(text);
}

type BodyResult =
  | { kind: 'ok'; bytes: Uint8Array }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'failed'; reason: string };

/** Reads the body as a stream, counting bytes, and stops as soon as it passes the limit. */
async function readLimited(response: Response, maxBytes: number): Promise<BodyResult> {
  if (!response.body) return { kind: 'ok', bytes: new Uint8Array() };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { kind: 'too-large', bytes: total };
      }
      chunks.push(value);
    }
  } catch (error) {
    return { kind: 'failed', reason: describeNetworkError(error) };
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { kind: 'ok', bytes };
}

async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/**
 * Why the request itself failed. Browsers deliberately hide the reason (a bare TypeError such as
 * Chrome's "Failed to fetch" for no network, an unknown host, a refused connection and a refused
 * cross-origin read alike), so the agent is told what it can mean instead of only the browser's words.
 */
function describeRequestFailure(error: unknown): string {
  const hasCause = error instanceof Error && (error as Error & { cause?: unknown }).cause instanceof Error;
  if (!(error instanceof TypeError) || hasCause) return describeNetworkError(error);
  if ((globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false) {
    return `this browser is offline (${error.message})`;
  }
  return `${error.message}: the host name did not resolve, the server refused the connection, or it does not allow cross-origin reads`;
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message;
  }
  return error.message;
}

function normalizeUrl(value: string): string {
  try {
    return new URL(value.trim()).href;
  } catch {
    return value;
  }
}

/** Exact byte counts: near the limit, a rounded "1 MiB" would hide why it was refused. */
export function formatBytes(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MiB (${exact})`
    : exact;
}

function formatSeconds(milliseconds: number): string {
  return milliseconds >= 1000 ? `${Number((milliseconds / 1000).toFixed(1))} s` : `${milliseconds} ms`;
}
