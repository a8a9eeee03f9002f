// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MENTION_ATTRIBUTE, markPost, POST_ID_ATTRIBUTE, unmarkPost } from '../../../lib/content/markers';

function post(): { article: Element; anchor: Element } {
  document.body.innerHTML =
    '<article><div data-testid="User-Name"><a href="/jane">Jane</a></div><div>text</div></article>';
  const article = document.querySelector('article') as Element;
  return { article, anchor: article.querySelector('[data-testid="User-Name"]') as Element };
}

const markers = (root: ParentNode) => root.querySelectorAll('button[data-parley-marker]');

/** What the page can do: its own button with our marker's markup, planted in the post. */
function plantLookAlike(article: Element): HTMLButtonElement {
  const lookAlike = document.createElement('button');
  lookAlike.setAttribute('data-parley-marker', '');
  lookAlike.textContent = 'P';
  article.prepend(lookAlike);
  return lookAlike;
}

/** happy-dom has no `isTrusted`; the markers open only on a real click, so mark this one as real. */
function trustedClick(target: Element): void {
  const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
  Object.defineProperty(click, 'isTrusted', { value: true });
  target.dispatchEvent(click);
}

describe('post markers', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('marks a post once, beside its anchor, and relabels it when the category changes', () => {
    const { article, anchor } = post();
    markPost(article, { postId: '1', category: 'complaint', anchor, onOpen: () => undefined });
    expect(article.getAttribute(MENTION_ATTRIBUTE)).toBe('complaint');
    expect(article.getAttribute(POST_ID_ATTRIBUTE)).toBe('1');
    expect(markers(article)).toHaveLength(1);
    expect(anchor.nextElementSibling?.matches('button[data-parley-marker]')).toBe(true);

    markPost(article, { postId: '1', category: 'praise', anchor, onOpen: () => undefined });
    expect(markers(article)).toHaveLength(1);
    expect(markers(article)[0]?.getAttribute('aria-label')).toBe('Open in Parley: praise');
  });

  it('opens nothing on a synthetic click (page scripts can dispatch them)', () => {
    const { article, anchor } = post();
    const onOpen = vi.fn();
    markPost(article, { postId: '1', category: 'question', anchor, onOpen });
    (markers(article)[0] as HTMLButtonElement).click();
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('does not search a post never marked before for a marker of its own', () => {
    const { article, anchor } = post();
    const searchOne = vi.spyOn(article, 'querySelector');
    const searchAll = vi.spyOn(article, 'querySelectorAll');
    markPost(article, { postId: '1', category: 'complaint', anchor, onOpen: () => undefined });
    expect(searchOne).not.toHaveBeenCalled();
    expect(searchAll).not.toHaveBeenCalled();
    markPost(article, { postId: '1', category: 'praise', anchor, onOpen: () => undefined });
    expect(searchOne.mock.calls.length + searchAll.mock.calls.length).toBe(1);
  });

  it('opens the post on a real click on its marker', () => {
    const { article, anchor } = post();
    const onOpen = vi.fn();
    markPost(article, { postId: '1', category: 'question', anchor, onOpen });
    trustedClick(markers(article)[0] as Element);
    expect(onOpen).toHaveBeenCalledOnce();
  });

  it('replaces a look-alike the page planted in a marked post with a marker of its own', () => {
    const { article, anchor } = post();
    markPost(article, { postId: '1', category: 'complaint', anchor, onOpen: () => undefined });
    markers(article)[0]?.remove();
    const lookAlike = plantLookAlike(article);
    const onOpen = vi.fn();
    markPost(article, { postId: '1', category: 'praise', anchor, onOpen });
    expect(article.contains(lookAlike)).toBe(false);
    expect(lookAlike.hasAttribute('aria-label')).toBe(false);
    expect(markers(article)).toHaveLength(1);
    trustedClick(markers(article)[0] as Element);
    expect(onOpen).toHaveBeenCalledOnce();
  });

  it('keeps its own marker, not a look-alike planted before it, when relabelling twice', () => {
    const { article, anchor } = post();
    markPost(article, { postId: '1', category: 'complaint', anchor, onOpen: () => undefined });
    const own = markers(article)[0];
    const lookAlike = plantLookAlike(article);
    markPost(article, { postId: '1', category: 'praise', anchor, onOpen: () => undefined });
    markPost(article, { postId: '1', category: 'crisis', anchor, onOpen: () => undefined });
    expect(article.contains(lookAlike)).toBe(false);
    expect(markers(article)).toHaveLength(1);
    expect(markers(article)[0]).toBe(own);
    expect(own?.getAttribute('aria-label')).toBe('Open in Parley: crisis');
  });

  it('opens nothing on a real click on a look-alike the page planted', () => {
    const { article, anchor } = post();
    const onOpen = vi.fn();
    markPost(article, { postId: '1', category: 'complaint', anchor, onOpen });
    markers(article)[0]?.remove();
    const lookAlike = plantLookAlike(article);
    markPost(article, { postId: '1', category: 'praise', anchor, onOpen });
    // Removed by the relabel; the page can put it back.
    article.prepend(lookAlike);
    trustedClick(lookAlike);
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('opens nothing on a real click on its marker once the page moved it into another post', () => {
    document.body.innerHTML = '<article id="a"><div>a</div></article><article id="b"><div>b</div></article>';
    const [first, second] = document.querySelectorAll('article') as unknown as [Element, Element];
    const openFirst = vi.fn();
    markPost(first, { postId: '1', category: 'complaint', anchor: null, onOpen: openFirst });
    markPost(second, { postId: '2', category: 'complaint', anchor: null, onOpen: () => undefined });
    const stolen = markers(first)[0] as Element;
    second.prepend(stolen);
    trustedClick(stolen);
    expect(openFirst).not.toHaveBeenCalled();
  });

  it('adds no marker to the brand’s own replies', () => {
    const { article, anchor } = post();
    markPost(article, { postId: '2', category: 'own-reply', anchor, onOpen: () => undefined });
    expect(article.getAttribute(MENTION_ATTRIBUTE)).toBe('own-reply');
    expect(markers(article)).toHaveLength(0);
  });

  it('marks a post again after it was unmarked (a recycled cell), with one marker', () => {
    const { article, anchor } = post();
    markPost(article, { postId: '1', category: 'complaint', anchor, onOpen: () => undefined });
    unmarkPost(article);
    expect(article.hasAttribute(MENTION_ATTRIBUTE)).toBe(false);
    expect(markers(article)).toHaveLength(0);
    markPost(article, { postId: '3', category: 'neutral', anchor, onOpen: () => undefined });
    expect(markers(article)).toHaveLength(1);
    expect(article.getAttribute(POST_ID_ATTRIBUTE)).toBe('3');
  });

  it('keeps one marker when an own reply’s cell is reused for a customer’s post', () => {
    const { article, anchor } = post();
    markPost(article, { postId: '2', category: 'own-reply', anchor, onOpen: () => undefined });
    markPost(article, { postId: '4', category: 'complaint', anchor, onOpen: () => undefined });
    markPost(article, { postId: '4', category: 'crisis', anchor, onOpen: () => undefined });
    expect(markers(article)).toHaveLength(1);
  });

  it('puts the marker first in the post when the anchor is not inside it', () => {
    const { article } = post();
    const outside = document.createElement('div');
    document.body.append(outside);
    markPost(article, { postId: '1', category: 'complaint', anchor: outside, onOpen: () => undefined });
    expect(article.firstElementChild?.matches('button[data-parley-marker]')).toBe(true);
    expect(markers(outside)).toHaveLength(0);
  });
});
