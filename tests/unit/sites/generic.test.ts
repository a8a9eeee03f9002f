// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setEnabledHosts } from '../../../lib/sites/enabled-hosts';
import { genericAdapter } from '../../../lib/sites/generic';
import { expectSelectorCounts, FIXTURE_NOW, loadFixture, postElement, summarize } from './fixture-helpers';

const PAGE = 'https://blog.example.com/2026/11/acme-blender-review/';

describe('generic adapter on a blog post with comments and reviews', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    loadFixture('generic', PAGE);
  });
  afterEach(() => {
    vi.useRealTimers();
    setEnabledHosts({ generic: [] });
  });

  it('matches only hosts enabled at runtime', () => {
    expect(genericAdapter.matchesUrl(new URL(PAGE))).toBe(false);
    setEnabledHosts({ generic: ['blog.example.com'] });
    expect(genericAdapter.matchesUrl(new URL(PAGE))).toBe(true);
  });

  it('fixture markup has the conventions the adapter reads', () => {
    expectSelectorCounts(document, {
      article: 5,
      'li.comment': 4,
      'li.comment > article.comment-body': 4,
      '[itemtype$="schema.org/Review"]': 2,
      '[itemprop="reviewBody"]': 2,
      '.comment-content': 4,
      '.comment-author .fn': 4,
      'a.comment-reply-link': 4,
      '#respond textarea': 1,
    });
  });

  it("finds the article, comments and reviews once each (not WordPress's inner comment articles)", () => {
    expect(summarize(genericAdapter)).toEqual({
      found: 7,
      read: 7,
      withText: 7,
      withTime: 7,
      withExactTime: 6,
      withPermalink: 7,
      replies: 4,
      mentioningAcme: 4,
    });
  });

  it('reads the blog post itself', () => {
    expect(genericAdapter.readPost(postElement(genericAdapter, PAGE))).toEqual({
      platform: 'web',
      postId: PAGE,
      permalink: PAGE,
      author: { handle: 'kat', displayName: 'Kat Runner' },
      text: 'I have used the Acme blender every morning for a month. Short version: smoothies are great, cleanup is easy.\nThe companion app lets you save recipes, which I did not expect to use as much as I do.',
      postedAt: '2026-11-18T10:00:00.000Z',
      postedAtEstimated: false,
      isReply: false,
      inReplyTo: null,
    });
  });

  it('reads a comment (own text only) and the brand reply via the WordPress author class', () => {
    expect(genericAdapter.readPost(postElement(genericAdapter, `${PAGE}#comment-101`))).toEqual({
      platform: 'web',
      postId: `${PAGE}#comment-101`,
      permalink: `${PAGE}#comment-101`,
      author: { handle: 'Jane Doe', displayName: 'Jane Doe' },
      text: 'My Acme order never arrived 😡\nOrdered on the 2nd and tracking hasn’t moved.',
      postedAt: '2026-11-19T08:00:00.000Z',
      postedAtEstimated: false,
      isReply: true,
      inReplyTo: PAGE,
    });
    expect(genericAdapter.readPost(postElement(genericAdapter, `${PAGE}#comment-102`))).toMatchObject({
      author: { handle: 'acmehelp', displayName: 'Acme Help' },
      isReply: true,
      inReplyTo: `${PAGE}#comment-101`,
    });
  });

  it('reads schema.org reviews, with a relative date as an estimate', () => {
    expect(genericAdapter.readPost(postElement(genericAdapter, `${PAGE}#review-7`))).toMatchObject({
      author: { handle: 'Priya R.', displayName: 'Priya R.' },
      text: 'Does Acme ship to Canada? The blender looks great but I could not find shipping info.',
      postedAt: '2026-11-10T00:00:00.000Z',
      isReply: false,
    });
    expect(genericAdapter.readPost(postElement(genericAdapter, `${PAGE}#review-8`))).toMatchObject({
      postedAt: '2026-11-06T15:00:00.000Z',
      postedAtEstimated: true,
    });
  });

  it("keeps a post's id on the page's own origin when its link points elsewhere (http://, an old domain)", () => {
    const comment = postElement(genericAdapter, `${PAGE}#comment-101`);
    const links = [...comment.querySelectorAll('a[href*="#comment-101"]')];
    expect(links.length).toBeGreaterThan(0);
    for (const link of links)
      link.setAttribute('href', `http://old-blog.example.net/acme-review/#comment-101`);
    expect(genericAdapter.readPost(comment)).toMatchObject({
      postId: `${PAGE}#comment-101`,
      permalink: 'http://old-blog.example.net/acme-review/#comment-101',
    });
    // Its replies still name it by the same id.
    expect(genericAdapter.readPost(postElement(genericAdapter, `${PAGE}#comment-102`))).toMatchObject({
      inReplyTo: `${PAGE}#comment-101`,
    });
  });

  it('degrades on odd markup', () => {
    const comment = postElement(genericAdapter, `${PAGE}#comment-104`);
    comment.querySelector('.comment-author')?.remove();
    expect(genericAdapter.readPost(comment)).toBeNull();
    expect(genericAdapter.readPost(document.createElement('article'))).toBeNull();
  });

  it("returns the post's comment form, and a comment's form once WordPress moves it there", async () => {
    const form = document.querySelector('#respond textarea');
    expect(
      await genericAdapter.openReplyComposer(postElement(genericAdapter, PAGE), { timeoutMs: 100 }),
    ).toBe(form);
    const comment = postElement(genericAdapter, `${PAGE}#comment-103`);
    comment.addEventListener('click', (event) => {
      if ((event.target as Element).closest('a.comment-reply-link')) {
        event.preventDefault();
        setTimeout(
          () =>
            comment.querySelector('article.comment-body')?.after(document.getElementById('respond') as Node),
          10,
        );
      }
    });
    expect(await genericAdapter.openReplyComposer(comment, { timeoutMs: 1_000 })).toBe(form);
  });
});
