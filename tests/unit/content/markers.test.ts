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
    const search = vi.spyOn(article, 'querySelector');
    markPost(article, { postId: '1', category: 'complaint', anchor, onOpen: () => undefined });
    expect(search).not.toHaveBeenCalled();
    markPost(article, { postId: '1', category: 'praise', anchor, onOpen: () => undefined });
    expect(search).toHaveBeenCalledTimes(1);
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
