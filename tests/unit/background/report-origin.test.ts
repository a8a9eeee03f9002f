import { describe, expect, it } from 'vitest';
import { mayReport } from '../../../lib/background/report-origin';

describe('which posts a page may report', () => {
  it('takes posts of the site the page is, and no other site’s', () => {
    expect(mayReport('https://x.com/home', { platform: 'x', postId: '1' })).toBe(true);
    expect(mayReport('https://twitter.com/acme/status/1', { platform: 'x', postId: '1' })).toBe(true);
    expect(mayReport('https://old.reddit.com/r/acme/', { platform: 'reddit', postId: 't3_a' })).toBe(true);
    expect(mayReport('https://x.com/home', { platform: 'facebook', postId: '1' })).toBe(false);
    expect(mayReport('https://x.com/home', { platform: 'mastodon', postId: '1' })).toBe(false);
    expect(
      mayReport('https://www.instagram.com/p/a/', {
        platform: 'web',
        postId: 'https://www.instagram.com/p/a/',
      }),
    ).toBe(false);
  });

  it('takes Mastodon posts and generic posts on their own origin from hosts enabled at runtime', () => {
    expect(mayReport('https://mastodon.social/home', { platform: 'mastodon', postId: '1130' })).toBe(true);
    expect(
      mayReport('https://blog.example.com/2026/review/', {
        platform: 'web',
        postId: 'https://blog.example.com/2026/review/#comment-4',
      }),
    ).toBe(true);
  });

  it('refuses a generic post whose id names another origin, and pages it cannot place', () => {
    expect(
      mayReport('https://blog.example.com/2026/review/', {
        platform: 'web',
        postId: 'https://x.com/acme/status/1',
      }),
    ).toBe(false);
    expect(mayReport('https://blog.example.com/', { platform: 'web', postId: 'not a url' })).toBe(false);
    expect(mayReport('https://blog.example.com/', { platform: 'x', postId: '1' })).toBe(false);
    expect(mayReport('http://x.com/home', { platform: 'x', postId: '1' })).toBe(false);
    expect(mayReport(undefined, { platform: 'x', postId: '1' })).toBe(false);
    expect(mayReport('not a url', { platform: 'x', postId: '1' })).toBe(false);
  });
});
