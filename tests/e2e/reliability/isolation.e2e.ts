import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionSession,
  MENTION_SELECTOR,
  readTable,
  settledMentionCount,
  waitForSidebarFrame,
} from '../harness';
import { contentScriptWorld, delay, EXTENSION_BUILD, LocalPolicyServer, launch } from './support';

/**
 * Isolation (docs/reliability.md): a hostile x.com page (tests/fixtures/hostile/isolation.html) whose script patches
 * DOM prototypes before Parley runs, watches every node and message, and then, from the page's main
 * world, tries to read Parley's data, read the sidebar, forge messages, markers and clicks, and smuggle
 * markup into a post after detection. A compromised content script is stood in for through CDP. Every
 * attack has a positive control next to it (the same action done legitimately works), so a passing
 * negative means the defence held, not that nothing was wired.
 */

const PAGE_URL = 'https://x.com/hostile/isolation';
const CSP_URL = 'https://x.com/hostile/strict-csp';
const KEY = {
  jane: 'x:1993000000000000001',
  sam: 'x:1993000000000000002',
  bait: 'x:1993000000000000003',
  bob: 'x:1993000000000000004',
};
/** Stricter than what x.com serves: scripts only by nonce, no inline styles, frames and images from self. */
const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'nonce-parleytest'; style-src 'self'; img-src 'self' data:; frame-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";

const TABLES = ['customers', 'identities', 'mentions', 'cases', 'events', 'drafts', 'corrections', 'thanks'];

interface HostileLog {
  shadowRoots: unknown[];
  iframeUrls: string[];
  addedNodes: string[];
  messages: unknown[];
  events: string[];
}

describe('isolation from a hostile page', () => {
  let session: ExtensionSession;
  let canary: LocalPolicyServer;
  let control: Page;
  let page: Page;
  let sidebar: Frame;

  const snapshot = async () => {
    const tables: Record<string, unknown[]> = {};
    for (const table of TABLES) {
      const rows = await readTable<Record<string, unknown>>(control, table);
      tables[table] = rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
    return tables;
  };
  const mentionIds = async () =>
    (await readTable<{ id: string }>(control, 'mentions')).map((mention) => mention.id).sort();
  const markerOf = (postId: string) =>
    page.locator(`[data-parley-post-id="${postId}"] button[data-parley-marker]`);
  const openedMentionText = () => sidebar.locator('body').innerText();

  beforeAll(async () => {
    canary = await new LocalPolicyServer().start();
    session = await launch({
      pages: [
        { url: PAGE_URL, file: 'hostile/isolation.html' },
        { url: CSP_URL, file: 'sites/x.html', headers: { 'Content-Security-Policy': STRICT_CSP } },
      ],
    });
    control = await session.context.newPage();
    await control.goto(`chrome-extension://${session.extensionId}/options.html`);
    page = await session.context.newPage();
    await page.goto(PAGE_URL);
  });

  afterAll(async () => {
    await session?.close();
    await canary?.close();
  });

  it('works on the hostile page: the three brand posts are marked and recorded', async () => {
    expect(await settledMentionCount(page)).toBe(3);
    await expect.poll(mentionIds, { timeout: 10_000 }).toEqual([KEY.jane, KEY.sam, KEY.bait].sort());
  });

  it('the page cannot read Parley’s database or storage', async () => {
    const sidebarHtml = readFileSync(path.join(EXTENSION_BUILD, 'sidebar.html'), 'utf8');
    const seen = await page.evaluate(async (extensionId) => {
      const chromeGlobal = (globalThis as { chrome?: Record<string, unknown> }).chrome;
      const databases = (await indexedDB.databases()).map((database) => database.name);
      // Opening 'parley' here only creates an empty database in x.com's own origin.
      const opened = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('parley');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const stores = [...opened.objectStoreNames];
      opened.close();
      indexedDB.deleteDatabase('parley');
      const fetchText = async (url: string) => {
        try {
          return await (await fetch(url)).text();
        } catch (error) {
          return `failed: ${String(error)}`;
        }
      };
      return {
        runtime: typeof (chromeGlobal?.runtime as { sendMessage?: unknown } | undefined)?.sendMessage,
        storage: typeof chromeGlobal?.storage,
        databases,
        stores,
        localStorage: Object.keys(localStorage),
        sessionStorage: Object.keys(sessionStorage),
        cookie: document.cookie,
        caches: await caches.keys(),
        worker: await fetchText(`chrome-extension://${extensionId}/background.js`),
        options: await fetchText(`chrome-extension://${extensionId}/options.html`),
        sidebar: await fetchText(`chrome-extension://${extensionId}/sidebar.html`),
      };
    }, session.extensionId);
    expect(seen.runtime).toBe('undefined');
    expect(seen.storage).toBe('undefined');
    expect(seen.databases).not.toContain('parley');
    expect(seen.stores).toEqual([]);
    expect(seen.localStorage).toEqual([]);
    expect(seen.sessionStorage).toEqual([]);
    expect(seen.cookie).toBe('');
    expect(seen.caches).toEqual([]);
    expect(seen.worker).toMatch(/^failed: TypeError/);
    expect(seen.options).toMatch(/^failed: TypeError/);
    // The sidebar page is web-accessible (it must be, to be framed), but it is only the static shell.
    expect(seen.sidebar).toBe(sidebarHtml);
    // Positive control: the extension origin holds the data the page could not reach.
    expect((await readTable(control, 'mentions')).length).toBe(3);
  });

  it('the page cannot see into the open sidebar, even with DOM prototypes patched before Parley ran', async () => {
    await markerOf('1993000000000000001').click();
    sidebar = await waitForSidebarFrame(page, session.extensionId);
    await expect.poll(openedMentionText, { timeout: 10_000 }).toContain('my order never arrived');
    const seen = await page.evaluate(() => {
      const host = document.querySelector('parley-sidebar');
      const log = (window as unknown as { __hostile: HostileLog }).__hostile;
      let reattach = 'allowed';
      try {
        host?.attachShadow({ mode: 'open' });
      } catch (error) {
        reattach = (error as Error).name;
      }
      const rect = host?.getBoundingClientRect();
      const atSidebar = rect ? document.elementFromPoint(rect.left + rect.width / 2, rect.top + 200) : null;
      return {
        host: host !== null,
        shadowRoot: host?.shadowRoot ?? null,
        hostChildren: host?.childNodes.length ?? -1,
        reattach,
        capturedShadowRoots: log.shadowRoots.length,
        iframeUrls: log.iframeUrls,
        addedNodes: log.addedNodes.filter((html) => /chrome-extension|sidebar\.html|host=/.test(html)),
        frames: window.frames.length,
        iframes: document.querySelectorAll('iframe').length,
        resourceEntries: performance
          .getEntries()
          .map((entry) => entry.name)
          .filter((name) => name.includes('chrome-extension')),
        hitTest: atSidebar?.localName ?? null,
        pageText: document.documentElement.outerHTML,
      };
    });
    expect(seen.host).toBe(true);
    expect(seen.shadowRoot).toBeNull();
    expect(seen.hostChildren).toBe(0);
    expect(seen.reattach).toBe('NotSupportedError');
    expect(seen.capturedShadowRoots).toBe(0);
    expect(seen.iframeUrls).toEqual([]);
    expect(seen.addedNodes).toEqual([]);
    expect(seen.frames).toBe(0);
    expect(seen.iframes).toBe(0);
    expect(seen.resourceEntries).toEqual([]);
    expect(seen.hitTest).toBe('parley-sidebar');
    // What the sidebar shows (customer history, the policy) never enters the page's DOM.
    const sidebarText = await sidebar.locator('body').innerText();
    expect(sidebarText).toMatch(/policy v\d+/);
    expect(seen.pageText).not.toMatch(/policy v\d+/);
    expect(seen.pageText).not.toContain('complaint case');
  });

  it('a sidebar the page frames itself stays unreadable and is given no data by the background', async () => {
    const token = '0f0f0f0f-1111-4222-8333-444455556666';
    const seen = await page.evaluate(
      async ({ extensionId, hostToken }) => {
        const frame = document.createElement('iframe');
        frame.id = 'page-made-sidebar';
        frame.style.cssText = 'position:fixed;left:0;top:0;width:420px;height:700px';
        frame.src = `chrome-extension://${extensionId}/sidebar.html#host=${hostToken}`;
        document.body.append(frame);
        await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
        let documentAccess = 'allowed';
        try {
          void frame.contentWindow?.document.body;
        } catch (error) {
          documentAccess = (error as Error).name;
        }
        let locationAccess = 'allowed';
        try {
          void frame.contentWindow?.location.href;
        } catch (error) {
          locationAccess = (error as Error).name;
        }
        const received: Record<string, unknown[]> = { wrongToken: [], rightToken: [] };
        const wrong = new MessageChannel();
        wrong.port1.onmessage = (event) => received.wrongToken?.push(event.data);
        frame.contentWindow?.postMessage(
          { type: 'parley:host-port', token: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' },
          '*',
          [wrong.port2],
        );
        (window as unknown as { __received: typeof received }).__received = received;
        (window as unknown as { __rightChannel: MessageChannel }).__rightChannel = new MessageChannel();
        return { contentDocument: frame.contentDocument === null, documentAccess, locationAccess };
      },
      { extensionId: session.extensionId, hostToken: token },
    );
    expect(seen).toEqual({
      contentDocument: true,
      documentAccess: 'SecurityError',
      locationAccess: 'SecurityError',
    });

    const pageMade = page.frames().find((frame) => frame.url().endsWith(`#host=${token}`));
    if (!pageMade) throw new Error('the page-made sidebar frame did not load');
    try {
      // The background answers a sidebar frame only with a token our content script registered for this
      // tab; the page chose this one itself, so its copy gets no data: no queue, no mention, no policy.
      await delay(2_000);
      const shown = await pageMade.locator('body').innerText();
      expect(shown).not.toContain('never arrived');
      expect(shown).not.toMatch(/policy v\d+/);
      // It says why instead (the extension page could read the policy from storage itself).
      expect(shown).toContain('Parley cannot show anything here.');
      expect(
        await pageMade
          .locator('button[aria-label="Next mention"]:enabled, button[aria-label="Previous mention"]:enabled')
          .count(),
      ).toBe(0);
      const received = await page.evaluate(
        () => (window as unknown as { __received: Record<string, unknown[]> }).__received.wrongToken ?? [],
      );
      expect(received).toEqual([]);
    } finally {
      await page.evaluate(() => document.getElementById('page-made-sidebar')?.remove());
    }
  });

  it('forged window messages, CustomEvents named after the extension id and runtime calls change nothing', async () => {
    const before = await snapshot();
    const attempts = await page.evaluate(
      async ({ extensionId, keys }) => {
        const forged = [
          {
            type: 'background:insert-reply',
            payload: { requestId: 'r1', postKey: keys.jane, text: 'pwned' },
          },
          { type: 'sidebar:recategorize', payload: { postKey: keys.jane, category: 'spam' } },
          { type: 'sidebar:mutate', payload: { name: 'purge-customer', args: { customerId: 'x' } } },
          { type: 'content:open-mention', payload: { postKey: keys.sam } },
          { type: 'parley:host-port', token: '00000000-0000-4000-8000-000000000000' },
        ];
        for (const message of forged) {
          window.postMessage(message, '*');
          for (const name of [extensionId, `${extensionId}:message`, 'parley', 'parley:insert-reply']) {
            document.dispatchEvent(new CustomEvent(name, { detail: message, bubbles: true }));
            window.dispatchEvent(new CustomEvent(name, { detail: message }));
          }
          new BroadcastChannel('parley').postMessage(message);
        }
        const runtimeErrors: string[] = [];
        const chromeGlobal = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
        try {
          const send = chromeGlobal?.runtime?.sendMessage as (id: string, message: unknown) => void;
          send(extensionId, forged[0]);
        } catch (error) {
          runtimeErrors.push((error as Error).name);
        }
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        return {
          runtimeErrors,
          composer: document.querySelector('[data-testid="tweetTextarea_0"]')?.textContent,
        };
      },
      { extensionId: session.extensionId, keys: KEY },
    );
    expect(attempts.runtimeErrors).toEqual(['TypeError']);
    expect(attempts.composer).toBe('');
    expect(await snapshot()).toEqual(before);
    // The sidebar still shows the mention the agent opened, not the one a forged message asked for.
    expect(await openedMentionText()).toContain('my order never arrived');
    expect(await openedMentionText()).not.toContain('sorted my refund');
  });

  it('page-made markers and scripted clicks on real markers do nothing; a real click does', async () => {
    await page.evaluate(() => {
      const unrelated = document.getElementById('unrelated');
      unrelated?.setAttribute('data-parley-mention', 'crisis');
      unrelated?.setAttribute('data-parley-post-id', '1993000000000000004');
      const fake = document.createElement('button');
      fake.setAttribute('data-parley-marker', '');
      fake.textContent = 'P';
      unrelated?.prepend(fake);
      fake.click();
      const real = document.querySelector<HTMLButtonElement>(
        '[data-parley-post-id="1993000000000000002"] button[data-parley-marker]',
      );
      real?.click();
      real?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      real?.focus();
      real?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      (unrelated?.querySelector('[data-testid="tweetText"] span') as HTMLElement).textContent =
        'What a sunset over the bay tonight. (edited)';
    });
    await delay(1_000);
    expect(await mentionIds()).not.toContain(KEY.bob);
    expect(await openedMentionText()).toContain('my order never arrived');
    expect(await openedMentionText()).not.toContain('sorted my refund');
    // Positive control: the agent's own (trusted) click on Sam's marker opens Sam's mention.
    await markerOf('1993000000000000002').click();
    await expect.poll(openedMentionText, { timeout: 10_000 }).toContain('sorted my refund');
  });

  it('a compromised content script cannot use the sidebar’s operations or send malformed reports', async () => {
    const before = await snapshot();
    const world = await contentScriptWorld(page);
    try {
      const answers = await world.evaluate<Record<string, string>>(`(async () => {
        const keys = ${JSON.stringify(KEY)};
        const post = (id, text) => ({ post: { platform: 'x', postId: id, permalink: null,
          author: { handle: 'eve', displayName: 'Eve' }, text, postedAt: null, postedAtEstimated: false,
          isReply: false, inReplyTo: null }, matchedTerms: ['Acme'], ownAccount: false });
        const attempts = {
          query: { type: 'sidebar:query', payload: { name: 'queue', args: { pageKeys: [keys.jane] } } },
          detail: { type: 'sidebar:query', payload: { name: 'mention-detail', args: { postKey: keys.jane } } },
          saveDraft: { type: 'sidebar:mutate', payload: { name: 'save-draft', args: { postKey: keys.jane, text: 'x' } } },
          purge: { type: 'sidebar:mutate', payload: { name: 'purge-older-than', args: { days: 1 } } },
          recategorize: { type: 'sidebar:recategorize', payload: { postKey: keys.jane, category: 'spam' } },
          insert: { type: 'sidebar:insert-reply', payload: { requestId: 'r', postKey: keys.jane, text: 'pwned' } },
          sync: { type: 'sidebar:sync-policy', payload: {} },
          postsNotArray: { type: 'content:report-posts', payload: { url: location.href, posts: 'all' } },
          tooManyPosts: { type: 'content:report-posts', payload: { url: location.href,
            posts: Array.from({ length: 201 }, (_, i) => post('77' + i, 'Acme is great')) } },
          textTooLong: { type: 'content:report-posts', payload: { url: location.href,
            posts: [post('7799', 'Acme ' + 'x'.repeat(100001))] } },
          extraField: { type: 'content:open-mention', payload: { postKey: 'x' } },
          unknown: { type: 'content:export-everything', payload: {} },
          notAnObject: 42,
        };
        const out = {};
        for (const [name, message] of Object.entries(attempts)) {
          try {
            out[name] = JSON.stringify(await chrome.runtime.sendMessage(message)) ?? 'no answer';
          } catch (error) {
            out[name] = 'rejected: ' + error.message;
          }
        }
        out.control = JSON.stringify((await chrome.runtime.sendMessage(
          { type: 'content:get-scan-config', payload: { url: location.href } })).brand.name);
        return out;
      })()`);
      const { control: scanConfigBrand, ...refused } = answers;
      expect(scanConfigBrand).toBe('"Acme"');
      for (const [name, answer] of Object.entries(refused))
        expect([name, answer]).toEqual([name, 'no answer']);
    } finally {
      await world.close();
    }
    expect(await snapshot()).toEqual(before);
  });

  it('a post rewritten after detection to smuggle markup is stored as text and shown inert', async () => {
    const trap = (name: string) => canary.url(`/${name}`);
    const smuggled = `My Acme blender broke <img src="${trap('text-img')}" onerror="fetch('${trap('text-onerror')}')"><script>fetch('${trap('text-script')}')</script> <a href="javascript:fetch('${trap('text-js')}')">refund</a> <iframe src="${trap('text-frame')}"></iframe>`;
    await page.evaluate(
      ({ text, jsLink }) => {
        const body = document.querySelector('#bait [data-testid="tweetText"]');
        if (!body) throw new Error('no bait post');
        const span = document.createElement('span');
        span.textContent = text; // markup as characters, the way a site shows a post that contains it
        const link = document.createElement('a');
        link.href = jsLink;
        link.textContent = ' (real link)';
        const image = document.createElement('img');
        image.alt = '<b>alt</b>';
        image.src = 'data:,';
        body.replaceChildren(span, link, image);
      },
      { text: smuggled, jsLink: `javascript:fetch('${trap('real-js')}')` },
    );
    await expect
      .poll(
        async () =>
          (await readTable<{ id: string; text: string }>(control, 'mentions')).find((m) => m.id === KEY.bait)
            ?.text,
        {
          timeout: 10_000,
        },
      )
      .toBe(`${smuggled} (real link)`);
    await markerOf('1993000000000000003').click();
    await expect
      .poll(openedMentionText, { timeout: 10_000 })
      .toContain(`<script>fetch('${trap('text-script')}')</script>`);
    const rendered = await sidebar.evaluate(() => ({
      images: [...document.querySelectorAll('img')]
        .map((image) => image.src)
        .filter((src) => src.includes('127.0.0.1')),
      scripts: [...document.querySelectorAll('script')].filter((script) => !script.src).length,
      javascriptLinks: document.querySelectorAll('a[href^="javascript:"]').length,
      frames: document.querySelectorAll('iframe').length,
      bold: document.querySelectorAll('b').length,
    }));
    expect(rendered).toEqual({ images: [], scripts: 0, javascriptLinks: 0, frames: 0, bold: 0 });
    await delay(1_000);
    expect(canary.requests.map((request) => request.path)).toEqual([]);
  });

  it('strict-CSP page (as X serves): the marker and the sidebar still work', async () => {
    const strict = await session.context.newPage();
    const violations: string[] = [];
    strict.on('console', (message) => {
      if (/Content Security Policy/.test(message.text())) violations.push(message.text());
    });
    await strict.goto(CSP_URL);
    expect(await settledMentionCount(strict)).toBe(3);
    // The policy is in force for the page itself: its own inline style is refused.
    const pageInlineStyle = await strict.evaluate(async () => {
      const style = document.createElement('style');
      style.textContent = 'body { --csp-probe: applied; }';
      document.head.append(style);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return getComputedStyle(document.body).getPropertyValue('--csp-probe');
    });
    expect(pageInlineStyle).toBe('');
    expect(violations.length).toBeGreaterThan(0);

    const marker = strict.locator(`${MENTION_SELECTOR} button[data-parley-marker]`).first();
    const look = await marker.evaluate((button) => {
      const style = getComputedStyle(button);
      return { width: style.width, radius: style.borderRadius, color: style.color };
    });
    expect(look).toEqual({ width: '18px', radius: '50%', color: 'rgb(255, 255, 255)' });
    await marker.click();
    const frame = await waitForSidebarFrame(strict, session.extensionId);
    await expect.poll(() => frame.locator('body').innerText(), { timeout: 10_000 }).toMatch(/policy v\d+/);
    const host = await strict.evaluate(() => {
      const element = document.querySelector('parley-sidebar');
      const style = element ? getComputedStyle(element) : null;
      return style ? { position: style.position, zIndex: style.zIndex, width: style.width } : null;
    });
    expect(host).toEqual({ position: 'fixed', zIndex: '2147483646', width: '380px' });
    await strict.close();
  });
});
