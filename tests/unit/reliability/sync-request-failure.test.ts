import { afterEach, describe, expect, it, vi } from 'vitest';
import { syncPolicy } from '../../../lib/policy/sync';

/**
 * Browsers answer every failed fetch with the same bare TypeError ("Failed to fetch" in Chrome), whatever
 * the cause. The policy status must still tell the agent what that can mean (found by the Chromium
 * fault suite, tests/e2e/policy-sync.e2e.ts, where Node's detailed causes never appear).
 */
const URL_ = 'https://policy.example.com/policy.yaml';
const browserFailure = async (): Promise<Response> => {
  throw new TypeError('Failed to fetch');
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sync errors for a browser’s opaque fetch failure', () => {
  it('names the possible causes instead of only the browser’s words', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    const outcome = await syncPolicy({ url: URL_, active: null, fetchImpl: browserFailure });
    expect(outcome).toEqual({
      status: 'rejected',
      error: {
        code: 'offline',
        message:
          'Could not reach policy.example.com: Failed to fetch: the host name did not resolve, the server refused the connection, or it does not allow cross-origin reads.',
      },
    });
  });

  it('says the browser is offline when it knows', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const outcome = await syncPolicy({ url: URL_, active: null, fetchImpl: browserFailure });
    expect(outcome.status === 'rejected' && outcome.error.message).toBe(
      'Could not reach policy.example.com: this browser is offline (Failed to fetch).',
    );
  });

  it('keeps a runtime’s own detail when the error carries a cause (Node’s fetch)', async () => {
    const nodeFailure = async (): Promise<Response> => {
      const cause = Object.assign(new Error('getaddrinfo ENOTFOUND policy.example.com'), {
        code: 'ENOTFOUND',
      });
      throw new TypeError('fetch failed', { cause });
    };
    const outcome = await syncPolicy({ url: URL_, active: null, fetchImpl: nodeFailure });
    expect(outcome.status === 'rejected' && outcome.error.message).toBe(
      'Could not reach policy.example.com: ENOTFOUND: getaddrinfo ENOTFOUND policy.example.com.',
    );
  });

  it('does not blame the connection for a body that broke off (a different message)', async () => {
    const brokenBody = async (): Promise<Response> =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('version: 2\n'));
            controller.error(new TypeError('network error'));
          },
        }),
        { status: 200 },
      );
    const outcome = await syncPolicy({ url: URL_, active: null, fetchImpl: brokenBody });
    expect(outcome.status === 'rejected' && outcome.error.message).toBe(
      'The connection to policy.example.com broke before the whole policy arrived (network error).',
    );
  });
});
