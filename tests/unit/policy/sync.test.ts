import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import type { Policy } from '../../../lib/policy/schema';
import {
  type ActivePolicy,
  DEFAULT_MAX_POLICY_BYTES,
  type SyncOutcome,
  syncPolicy,
  validatePolicyUrl,
} from '../../../lib/policy/sync';
import { renderPolicyYaml } from '../../../lib/policy/yaml';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server;
let base: string;
const handlers = new Map<string, Handler>();
const requests: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request);
    const handler = handlers.get(request.url ?? '');
    if (handler) handler(request, response);
    else {
      response.statusCode = 404;
      response.end('no such policy');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  handlers.clear();
  requests.length = 0;
});

const policyV = (version: number, changes: Partial<Policy> = {}): Policy => ({
  ...structuredClone(DEFAULT_POLICY),
  version,
  updatedAt: `2026-02-0${version}T09:00:00Z`,
  ...changes,
});

function serve(path: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  handlers.set(path, (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/yaml', ...headers });
    response.end(body);
  });
}

function expectRejected(outcome: SyncOutcome, code: string): { message: string; details?: unknown } {
  if (outcome.status !== 'rejected') throw new Error(`expected rejected/${code}, got ${outcome.status}`);
  expect(outcome.error.code).toBe(code);
  return outcome.error;
}

const active = (policy: Policy, url: string | null, extra: Partial<ActivePolicy> = {}): ActivePolicy => ({
  policy,
  sourceUrl: url,
  ...extra,
});

describe('syncPolicy against a real local HTTP server', () => {
  it('applies a valid policy and returns its validators', async () => {
    const yaml = renderPolicyYaml(policyV(1));
    serve('/policy.yaml', yaml, { ETag: '"v1"', 'Last-Modified': 'Sun, 01 Feb 2026 09:00:00 GMT' });
    const outcome = await syncPolicy({ url: `${base}/policy.yaml`, active: null });
    expect(outcome).toEqual({
      status: 'applied',
      policy: policyV(1),
      sourceUrl: `${base}/policy.yaml`,
      etag: '"v1"',
      lastModified: 'Sun, 01 Feb 2026 09:00:00 GMT',
      headline: 'Policy updated to v1',
      summary: [],
    });
    expect(requests[0]?.headers.cookie).toBeUndefined();
  });

  it('sends If-None-Match and If-Modified-Since and accepts 304 Not Modified', async () => {
    handlers.set('/policy.yaml', (request, response) => {
      response.writeHead(request.headers['if-none-match'] === '"v1"' ? 304 : 200, { ETag: '"v1"' });
      response.end();
    });
    const url = `${base}/policy.yaml`;
    const outcome = await syncPolicy({
      url,
      active: active(policyV(1), url, { etag: '"v1"', lastModified: 'Sun, 01 Feb 2026 09:00:00 GMT' }),
    });
    expect(outcome).toEqual({
      status: 'unchanged',
      reason: 'not-modified',
      sourceUrl: url,
      etag: '"v1"',
      lastModified: 'Sun, 01 Feb 2026 09:00:00 GMT',
    });
    expect(requests[0]?.headers['if-modified-since']).toBe('Sun, 01 Feb 2026 09:00:00 GMT');
  });

  it('sends no validators when the active policy came from another URL', async () => {
    serve('/other.yaml', renderPolicyYaml(policyV(1)));
    await syncPolicy({
      url: `${base}/other.yaml`,
      active: active(policyV(1), `${base}/policy.yaml`, { etag: '"x"' }),
    });
    expect(requests[0]?.headers['if-none-match']).toBeUndefined();
  });

  it('applies a higher version with a summary of what changed for agents', async () => {
    const url = `${base}/policy.yaml`;
    const next = policyV(2);
    next.crisis = { ...next.crisis, active: true, summary: 'The Acme app will not open for some customers.' };
    next.sla = { ...next.sla, firstResponseMinutes: { ...next.sla.firstResponseMinutes, 4: 10 } };
    serve('/policy.yaml', JSON.stringify(next), { ETag: '"v2"' });
    const outcome = await syncPolicy({ url, active: active(policyV(1), url, { etag: '"v1"' }) });
    expect(outcome.status).toBe('applied');
    if (outcome.status !== 'applied') return;
    expect(outcome.headline).toBe('Policy updated to v2');
    expect(outcome.summary).toEqual([
      'Crisis mode turned on: The Acme app will not open for some customers.',
      'First-response target for severity 4 changed from 15 to 10 minutes',
    ]);
    expect(outcome.etag).toBe('"v2"');
  });

  it('reports unchanged when the server sends what is already active', async () => {
    const url = `${base}/policy.yaml`;
    serve('/policy.yaml', renderPolicyYaml(policyV(3)), { ETag: '"new-etag"' });
    expect(await syncPolicy({ url, active: active(policyV(3), url) })).toEqual({
      status: 'unchanged',
      reason: 'same-content',
      sourceUrl: url,
      etag: '"new-etag"',
      lastModified: undefined,
    });
  });

  it('rejects a lower version than the active one', async () => {
    const url = `${base}/policy.yaml`;
    serve('/policy.yaml', renderPolicyYaml(policyV(2)));
    const error = expectRejected(await syncPolicy({ url, active: active(policyV(3), url) }), 'lower-version');
    expect(error.message).toBe(
      `The policy at ${url} is version 2, lower than the active version 3; keeping version 3.`,
    );
  });

  it('applies the same version only when its updatedAt is newer', async () => {
    const url = `${base}/policy.yaml`;
    const current = policyV(3);
    const edited = { ...policyV(3), bannedPhrases: [...current.bannedPhrases, { phrase: 'kindly note' }] };
    serve('/policy.yaml', renderPolicyYaml({ ...edited, updatedAt: '2026-02-03T10:00:00Z' }));
    const newer = await syncPolicy({ url, active: active(current, url) });
    expect(newer.status === 'applied' && newer.summary).toEqual(["Banned phrase 'kindly note' added"]);

    serve('/policy.yaml', renderPolicyYaml({ ...edited, updatedAt: current.updatedAt }));
    const error = expectRejected(await syncPolicy({ url, active: active(current, url) }), 'lower-version');
    expect(error.message).toMatch(/keeps version 3 and is not newer .*raise the version/);
  });

  it('ignores version order for a policy from a different URL (the embedded default included)', async () => {
    serve('/team.yaml', renderPolicyYaml(policyV(1, { brand: { ...DEFAULT_POLICY.brand, name: 'Globex' } })));
    const outcome = await syncPolicy({ url: `${base}/team.yaml`, active: active(policyV(5), null) });
    expect(outcome.status === 'applied' && outcome.summary).toEqual([
      "Brand name changed from 'Acme' to 'Globex'",
    ]);
  });

  it('reports offline when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = expectRejected(
      await syncPolicy({ url: `http://127.0.0.1:${port}/p.yaml`, active: null }),
      'offline',
    );
    expect(error.message).toBe(
      `Could not reach 127.0.0.1:${port}: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}.`,
    );
  });

  it('reports 4xx and 5xx with the exact status', async () => {
    handlers.set('/broken.yaml', (_request, response) => {
      response.writeHead(500, 'Internal Server Error');
      response.end('oops');
    });
    const error = expectRejected(
      await syncPolicy({ url: `${base}/broken.yaml`, active: null }),
      'http-status',
    );
    expect(error).toEqual({
      code: 'http-status',
      message: `HTTP 500 Internal Server Error from ${base}/broken.yaml.`,
      details: { status: 500 },
    });
    const missing = expectRejected(
      await syncPolicy({ url: `${base}/missing.yaml`, active: null }),
      'http-status',
    );
    expect(missing.message).toBe(`HTTP 404 Not Found from ${base}/missing.yaml.`);
  });

  it('times out when the server does not answer, and when the body stalls', async () => {
    handlers.set('/silent.yaml', () => {
      // Never answers.
    });
    const silent = expectRejected(
      await syncPolicy({ url: `${base}/silent.yaml`, active: null, timeoutMs: 150 }),
      'timeout',
    );
    expect(silent.message).toBe(`No complete answer from ${new URL(base).host} within 150 ms.`);

    handlers.set('/stalls.yaml', (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/yaml' });
      response.write('version: 1\n');
    });
    expectRejected(await syncPolicy({ url: `${base}/stalls.yaml`, active: null, timeoutMs: 150 }), 'timeout');
  });

  it('rejects a body over 1 MiB, announced or streamed, and accepts exactly 1 MiB', async () => {
    const yaml = renderPolicyYaml(policyV(1));
    const padTo = (size: number) => {
      const padding = size - Buffer.byteLength(yaml) - 1;
      return `${yaml}#${'x'.repeat(padding)}`;
    };
    serve('/exact.yaml', padTo(DEFAULT_MAX_POLICY_BYTES));
    expect((await syncPolicy({ url: `${base}/exact.yaml`, active: null })).status).toBe('applied');

    const oversized = padTo(DEFAULT_MAX_POLICY_BYTES + 1);
    serve('/announced.yaml', oversized, { 'Content-Length': String(Buffer.byteLength(oversized)) });
    const announced = expectRejected(
      await syncPolicy({ url: `${base}/announced.yaml`, active: null }),
      'too-large',
    );
    expect(announced.message).toBe(
      `The policy at ${base}/announced.yaml is 1,048,577 bytes; the limit is 1 MiB (1,048,576 bytes).`,
    );

    let written = 0;
    handlers.set('/streamed.yaml', (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/yaml' });
      const chunk = `# ${'y'.repeat(64 * 1024 - 3)}\n`;
      const pump = () => {
        // Streams 4 MiB without Content-Length; the client must stop reading well before the end.
        while (written < 4 * 1024 * 1024 && !response.destroyed) {
          written += chunk.length;
          if (!response.write(chunk)) return response.once('drain', pump);
        }
        response.end();
      };
      pump();
    });
    const streamed = expectRejected(
      await syncPolicy({ url: `${base}/streamed.yaml`, active: null }),
      'too-large',
    );
    expect(streamed.message).toMatch(
      /is larger than the 1 MiB \(1,048,576 bytes\) limit \(stopped after 1,\d{3},\d{3} bytes\)\.$/,
    );
    expect((streamed.details as { bytes: number }).bytes).toBeLessThan(2 * 1024 * 1024);
  });

  it('never applies part of a file when the connection drops', async () => {
    const yaml = renderPolicyYaml(policyV(1));
    handlers.set('/cut.yaml', (_request, response) => {
      response.writeHead(200, { 'Content-Length': String(Buffer.byteLength(yaml)) });
      response.write(yaml.slice(0, 2000), () => response.destroy());
    });
    const error = expectRejected(await syncPolicy({ url: `${base}/cut.yaml`, active: null }), 'offline');
    expect(error.message).toMatch(
      /^The connection to 127\.0\.0\.1:\d+ broke before the whole policy arrived/,
    );
  });

  it('rejects invalid YAML, non-UTF-8 text and schema errors with their positions', async () => {
    serve('/syntax.yaml', 'version: 1\nbrand: [unclosed\n');
    const syntax = expectRejected(
      await syncPolicy({ url: `${base}/syntax.yaml`, active: null }),
      'invalid-yaml',
    );
    expect(syntax.message).toMatch(
      new RegExp(`^The policy at ${base}/syntax\\.yaml is not valid YAML: line \\d+, column \\d+: `),
    );
    expect((syntax.details as { errors: unknown[] }).errors.length).toBeGreaterThan(0);

    serve('/latin1.yaml', Buffer.from([0x76, 0x3a, 0x20, 0xe9, 0x0a]));
    expectRejected(await syncPolicy({ url: `${base}/latin1.yaml`, active: null }), 'invalid-yaml');

    const yaml = renderPolicyYaml(policyV(1)).replace('version: 1', 'version: latest');
    serve('/schema.yaml', yaml);
    const schema = expectRejected(
      await syncPolicy({ url: `${base}/schema.yaml`, active: null }),
      'invalid-schema',
    );
    const line = yaml.split('\n').findIndex((text) => text.startsWith('version:')) + 1;
    expect(schema.message).toBe(
      `The policy at ${base}/schema.yaml has 1 error: line ${line}, column 10, version: Expected a number, but latest is text: write a plain number, e.g. 2.`,
    );
  });

  it('keeps what the server wrote to a few hundred characters in an error', async () => {
    const key = 'k'.repeat(300_000);
    serve('/huge-key.json', JSON.stringify({ [key]: 1, ...policyV(1) }), {
      'Content-Type': 'application/json',
    });
    const schema = expectRejected(
      await syncPolicy({ url: `${base}/huge-key.json`, active: null }),
      'invalid-schema',
    );
    expect(schema.message).toMatch(
      /^The policy at .* has 1 error: line 1, column 2, k+…: Unknown key "k+…\.$/,
    );
    expect(schema.message.length).toBeLessThan(600);

    serve('/huge-alias.yaml', `version: *${key}\n`);
    const syntax = expectRejected(
      await syncPolicy({ url: `${base}/huge-alias.yaml`, active: null }),
      'invalid-yaml',
    );
    expect(syntax.message.length).toBeLessThan(600);

    handlers.set('/huge-status.yaml', (_request, response) => {
      response.writeHead(500, `Internal ${'x'.repeat(10_000)}`);
      response.end();
    });
    const status = expectRejected(
      await syncPolicy({ url: `${base}/huge-status.yaml`, active: null }),
      'http-status',
    );
    expect(status.message).toMatch(/^HTTP 500 Internal x+… from .*\/huge-status\.yaml\.$/);
    expect(status.message.length).toBeLessThan(600);
  });

  it('says when the URL gives a web page instead of the policy file', async () => {
    const page = '<!DOCTYPE html>\n<html>\n<body>\n<p>version: 1</p>\n<p>brand: Acme</p>\n</body></html>\n';
    serve('/blob/policy.yaml', page, { 'Content-Type': 'text/html; charset=utf-8' });
    const blob = expectRejected(
      await syncPolicy({ url: `${base}/blob/policy.yaml`, active: null }),
      'invalid-yaml',
    );
    expect(blob.message).toBe(
      `${base}/blob/policy.yaml returned a web page, not the policy file (use the raw file link).`,
    );
    // A sign-in page sent with a YAML content type is still a page.
    serve('/signin.yaml', '<html><body>Sign in</body></html>');
    const signIn = expectRejected(
      await syncPolicy({ url: `${base}/signin.yaml`, active: null }),
      'invalid-yaml',
    );
    expect(signIn.message).toMatch(/returned a web page, not the policy file/);
    // A server that labels a real policy as HTML is not held to its label.
    serve('/mislabelled.yaml', renderPolicyYaml(policyV(1)), { 'Content-Type': 'text/html' });
    expect((await syncPolicy({ url: `${base}/mislabelled.yaml`, active: null })).status).toBe('applied');
  });

  it('follows a redirect on the same host but rejects one to another host without requesting it', async () => {
    const port = new URL(base).port;
    serve('/v2/policy.yaml', renderPolicyYaml(policyV(1)));
    handlers.set('/moved.yaml', (_request, response) => {
      response.writeHead(301, { Location: '/v2/policy.yaml' });
      response.end();
    });
    const followed = await syncPolicy({ url: `${base}/moved.yaml`, active: null });
    expect(followed.status).toBe('applied');

    handlers.set('/elsewhere.yaml', (_request, response) => {
      response.writeHead(302, { Location: `http://localhost:${port}/v2/policy.yaml` });
      response.end();
    });
    requests.length = 0;
    const error = expectRejected(
      await syncPolicy({ url: `${base}/elsewhere.yaml`, active: null }),
      'redirect',
    );
    expect(error.message).toBe(
      `${base}/elsewhere.yaml redirects to another host (localhost:${port}); a policy is only read from the host it is published on.`,
    );
    expect(requests.map((request) => request.url)).toEqual(['/elsewhere.yaml']);
  });

  it('names the real reason for a refused same-host redirect and never shows its password', async () => {
    const port = new URL(base).port;
    const redirectTo = (path: string, location: string) =>
      handlers.set(path, (_request, response) => {
        response.writeHead(302, { Location: location });
        response.end();
      });
    redirectTo('/userinfo.yaml', `http://agent:s3cret@127.0.0.1:${port}/v2/policy.yaml`);
    const userinfo = expectRejected(
      await syncPolicy({ url: `${base}/userinfo.yaml`, active: null }),
      'redirect',
    );
    expect(userinfo.message).toBe(
      `${base}/userinfo.yaml redirects to a URL with a user name and password (${base}/v2/policy.yaml); a policy is fetched without credentials.`,
    );
    expect(JSON.stringify(userinfo)).not.toContain('s3cret');

    redirectTo('/ftp.yaml', 'ftp://127.0.0.1/policy.yaml');
    const ftp = expectRejected(await syncPolicy({ url: `${base}/ftp.yaml`, active: null }), 'redirect');
    expect(ftp.message).toBe(
      `${base}/ftp.yaml redirects to ftp:// (ftp://127.0.0.1/policy.yaml); a policy must stay on https://.`,
    );

    redirectTo('/broken.yaml', `https://agent:s3cret@bad host/${'x'.repeat(5000)}`);
    const broken = expectRejected(await syncPolicy({ url: `${base}/broken.yaml`, active: null }), 'redirect');
    expect(broken.message).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/broken\.yaml redirects to an invalid URL 'https:\/\/bad host\/x+…'\.$/,
    );
    expect(broken.message.length).toBeLessThan(400);
    expect(JSON.stringify(broken)).not.toContain('s3cret');
  });

  it('checks where a browser-followed redirect ended (opaque redirects)', async () => {
    // Browsers hide the target of redirect: 'manual' behind an opaque response; emulate that.
    const browserLikeFetch = (finalUrl: string): typeof fetch =>
      (async (input: string | URL | Request, init?: RequestInit) => {
        if (init?.redirect === 'manual') return { type: 'opaqueredirect', status: 0, body: null } as Response;
        const response = await fetch(`${base}/v2/policy.yaml`, { ...init, redirect: 'follow' });
        expect(String(input)).toBe(`${base}/moved.yaml`);
        return Object.defineProperty(response, 'url', { value: finalUrl });
      }) as typeof fetch;
    serve('/v2/policy.yaml', renderPolicyYaml(policyV(1)));
    const same = await syncPolicy({
      url: `${base}/moved.yaml`,
      active: null,
      fetchImpl: browserLikeFetch(`${base}/v2/policy.yaml`),
    });
    expect(same.status).toBe('applied');
    const other = await syncPolicy({
      url: `${base}/moved.yaml`,
      active: null,
      fetchImpl: browserLikeFetch('https://evil.example/policy.yaml'),
    });
    expect(expectRejected(other, 'redirect').message).toMatch(/redirects to another host \(evil\.example\)/);
  });

  it('refuses plain http:// to other hosts and malformed URLs without fetching', async () => {
    let calls = 0;
    const countingFetch = (async () => {
      calls += 1;
      throw new Error('must not be called');
    }) as typeof fetch;
    const insecure = expectRejected(
      await syncPolicy({
        url: 'http://policies.acme.example/policy.yaml',
        active: null,
        fetchImpl: countingFetch,
      }),
      'insecure-url',
    );
    expect(insecure.message).toBe(
      'Plain http:// is only allowed for localhost; use https://policies.acme.example/policy.yaml so the policy cannot be altered on the way.',
    );
    expectRejected(await syncPolicy({ url: 'not a url', active: null, fetchImpl: countingFetch }), 'bad-url');
    expectRejected(
      await syncPolicy({ url: 'file:///etc/passwd', active: null, fetchImpl: countingFetch }),
      'bad-url',
    );
    expect(calls).toBe(0);
  });
});

describe('validatePolicyUrl', () => {
  it('accepts https anywhere and http only to this machine', () => {
    for (const url of [
      'https://policies.acme.example/parley.yaml',
      'http://localhost:8080/policy.yaml',
      'http://127.0.0.1/policy.json',
      'http://[::1]:3000/p.yaml',
    ]) {
      expect(validatePolicyUrl(url).ok, url).toBe(true);
    }
    const rejections = {
      '': 'bad-url',
      'ftp://acme.example/p.yaml': 'bad-url',
      'https://user:secret@acme.example/p.yaml': 'bad-url',
      'http://acme.example/p.yaml': 'insecure-url',
      'http://127.0.0.2/p.yaml': 'insecure-url',
      'http://localhost.evil.example/p.yaml': 'insecure-url',
    };
    for (const [url, code] of Object.entries(rejections)) {
      const check = validatePolicyUrl(url);
      expect(check.ok ? 'ok' : check.error.code, url).toBe(code);
    }
  });
});
