// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  absoluteUrl,
  isOwnedBy,
  outsideControls,
  ownAll,
  ownFirst,
  ownScope,
  queryAllDeep,
  stableHash,
} from '../../../lib/sites/dom';

function build(html: string): HTMLElement {
  const root = document.createElement('div');
  root.append(new DOMParser().parseFromString(html, 'text/html').body.firstElementChild as Node);
  document.body.replaceChildren(root);
  return root;
}

describe('queryAllDeep', () => {
  it('finds matches in open shadow roots of the named hosts, recursively, once each', () => {
    const root = build('<section><p class="post" id="a"></p><x-host></x-host><y-other></y-other></section>');
    const host = root.querySelector('x-host') as Element;
    const shadow = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('p');
    inner.className = 'post';
    inner.id = 'b';
    const nestedHost = document.createElement('x-host');
    shadow.append(inner, nestedHost);
    const deeper = document.createElement('p');
    deeper.className = 'post';
    deeper.id = 'c';
    nestedHost.attachShadow({ mode: 'open' }).append(deeper);
    const other = root.querySelector('y-other') as Element;
    const hidden = document.createElement('p');
    hidden.className = 'post';
    other.attachShadow({ mode: 'open' }).append(hidden);

    expect(queryAllDeep(root, '.post', 'x-host').map((element) => element.id)).toEqual(['a', 'b', 'c']);
    expect(queryAllDeep(root, '.post', null).map((element) => element.id)).toEqual(['a']);
    expect(queryAllDeep(host, '.post', 'x-host').map((element) => element.id)).toEqual(['b', 'c']);
  });
});

describe('own scoping', () => {
  it('excludes parts of nested posts', () => {
    const root = build(
      '<div class="post" id="outer"><time id="t1"></time><div class="post" id="inner"><time id="t2"></time></div><time id="t3"></time></div>',
    );
    const outer = root.querySelector('#outer') as Element;
    expect(ownAll(outer, 'time', '.post').map((element) => element.id)).toEqual(['t1', 't3']);
    expect(ownFirst(outer, 'time', '.post')?.id).toBe('t1');
    (root.querySelector('#t1') as Element).remove();
    expect(ownFirst(outer, 'time', '.post')?.id).toBe('t3');
    expect(isOwnedBy(outer, root.querySelector('#t2') as Element, '.post')).toBe(false);
  });
});

describe('outsideControls', () => {
  it('moves an anchor out of links and buttons, but not out of the post', () => {
    const root = build('<article><div><a href="/x"><span id="name">Jane</span></a></div></article>');
    const post = root.querySelector('article') as Element;
    expect(outsideControls(root.querySelector('#name'), post)?.localName).toBe('a');
    expect(outsideControls(null, post)).toBeNull();
  });
});

describe('absoluteUrl and stableHash', () => {
  it('resolves http(s) links and drops script URLs', () => {
    expect(absoluteUrl('/r/x/', 'https://www.reddit.com/')).toBe('https://www.reddit.com/r/x/');
    expect(absoluteUrl('javascript:alert(1)', 'https://x.com/')).toBeNull();
    expect(absoluteUrl('data:text/html,hi', 'https://x.com/')).toBeNull();
    expect(absoluteUrl(null, 'https://x.com/')).toBeNull();
  });

  it('resolves a plain path without parsing it exactly as the URL parser would', () => {
    const reference = (href: string, base: string) => {
      const url = new URL(href, base);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    };
    const bases = [
      'https://x.com/home',
      'https://x.com:443/a/b?q=1#h',
      'http://127.0.0.1:8080/',
      'https://mastodon.social/@a',
    ];
    const hrefs = [
      '/janedoe/status/1991',
      '/',
      '/a//b',
      '/a-b_c/9/',
      '//evil.example/x',
      '/a/../b',
      '/%41',
      '/a b',
      '/ä',
      '/a\\b',
    ];
    for (const base of bases)
      for (const href of hrefs)
        expect(absoluteUrl(href, base), `${href} on ${base}`).toBe(reference(href, base));
    expect(absoluteUrl('/janedoe', 'about:blank')).toBeNull();
  });

  it('hashes deterministically', () => {
    expect(stableHash('abc')).toBe(stableHash('abc'));
    expect(stableHash('abc')).not.toBe(stableHash('abd'));
    expect(stableHash('')).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('ownScope', () => {
  const page = (quoted: boolean) =>
    build(
      `<article><a href="/jane">Jane</a><time>1h</time>${quoted ? '<div role="link"><a href="/bob">Bob</a><time>2h</time></div>' : ''}<a href="/jane/status/1">more</a></article>`,
    ).querySelector('article') as Element;
  const nested = 'div[role="link"], article';

  it('finds what ownFirst and ownAll find, with and without a nested post', () => {
    for (const quoted of [false, true]) {
      const article = page(quoted);
      const own = ownScope(article, nested);
      for (const selector of ['a', 'time', 'a[href^="/b"]', 'span']) {
        expect(own.first(selector)).toBe(ownFirst(article, selector, nested));
        expect(own.all(selector)).toEqual(ownAll(article, selector, nested));
      }
    }
    expect(
      ownScope(page(true), nested)
        .all('a')
        .map((link) => link.textContent),
    ).toEqual(['Jane', 'more']);
  });
});
