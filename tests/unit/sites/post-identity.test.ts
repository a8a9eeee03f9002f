import { describe, expect, it } from 'vitest';
import type { ScrapedPost } from '../../../lib/domain/types';
import { stillShowsPost } from '../../../lib/sites/post-identity';

/** An adapter whose element reads as `now`. */
const showing = (now: Pick<ScrapedPost, 'postId' | 'author'> | null) => ({
  readPost: () => now as ScrapedPost | null,
});
const element = {} as Element;
const post = (postId: string, handle: string) => ({ postId, author: { handle, displayName: null } });

describe('whether an element still shows the post it was found as', () => {
  it('is the same post while its id is', () => {
    expect(stillShowsPost(showing(post('1991', 'jane')), element, post('1991', 'jane'))).toBe(true);
  });

  it('is another post when the site reused the element for a different id, even by the same author', () => {
    expect(stillShowsPost(showing(post('1995', 'golden')), element, post('1991', 'jane'))).toBe(false);
    expect(stillShowsPost(showing(post('1992', 'jane')), element, post('1991', 'jane'))).toBe(false);
    expect(stillShowsPost(showing(null), element, post('1991', 'jane'))).toBe(false);
  });

  it('is the same post when a made-up id changed as the page filled in (link, "See more") and the author did not', () => {
    // Facebook: the permalink appeared.
    expect(stillShowsPost(showing(post('pfbid02abc', 'Jane')), element, post('h1a2b3c4d', 'jane'))).toBe(
      true,
    );
    // Facebook: "See more" expanded the text the made-up id was built from.
    expect(stillShowsPost(showing(post('h99887766', 'jane')), element, post('h1a2b3c4d', 'jane'))).toBe(true);
    // Generic: a comment without a link.
    const page = 'https://blog.example.com/review/';
    expect(
      stillShowsPost(showing(post(`${page}#h0000beef`, 'Kat')), element, post(`${page}#hdeadbeef`, 'Kat')),
    ).toBe(true);
    // A different author is a different post.
    expect(stillShowsPost(showing(post('h99887766', 'sam')), element, post('h1a2b3c4d', 'jane'))).toBe(false);
  });
});
