import { describe, expect, it } from 'vitest';
import { type EnabledHostLists, reportFilter } from '../../../lib/background/report-origin';
import type { Platform } from '../../../lib/domain/types';

const mayReport = (
  senderUrl: string | undefined,
  post: { platform: Platform; postId: string },
  enabled: EnabledHostLists,
) => reportFilter(senderUrl, enabled)(post);

const NONE = { mastodonHosts: [], genericHosts: [] };
const ENABLED = { mastodonHosts: ['Mastodon.Social'], genericHosts: ['blog.example.com'] };

describe('which posts a page may report', () => {
  it('takes posts of the site the page is, on every host its adapters read, and no other site’s', () => {
    expect(mayReport('https://x.com/home', { platform: 'x', postId: '1' }, NONE)).toBe(true);
    expect(mayReport('https://twitter.com/acme/status/1', { platform: 'x', postId: '1' }, NONE)).toBe(true);
    expect(mayReport('https://old.reddit.com/r/acme/', { platform: 'reddit', postId: 't3_a' }, NONE)).toBe(
      true,
    );
    expect(mayReport('https://facebook.com/acme', { platform: 'facebook', postId: '1' }, NONE)).toBe(true);
    expect(mayReport('https://x.com/home', { platform: 'facebook', postId: '1' }, NONE)).toBe(false);
    // A listed site is read by its own adapter, even when also enabled as a Mastodon or generic host.
    const everywhere = { mastodonHosts: ['x.com'], genericHosts: ['www.instagram.com'] };
    expect(mayReport('https://x.com/home', { platform: 'mastodon', postId: '1' }, everywhere)).toBe(false);
    expect(
      mayReport(
        'https://www.instagram.com/p/a/',
        { platform: 'web', postId: 'https://www.instagram.com/p/a/' },
        everywhere,
      ),
    ).toBe(false);
  });

  it('takes Mastodon posts from enabled instances, and generic posts on their own origin from enabled sites', () => {
    expect(mayReport('https://mastodon.social/home', { platform: 'mastodon', postId: '1130' }, ENABLED)).toBe(
      true,
    );
    expect(mayReport('https://hostile.example/home', { platform: 'mastodon', postId: '1130' }, ENABLED)).toBe(
      false,
    );
    const comment = { platform: 'web' as const, postId: 'https://blog.example.com/2026/review/#comment-4' };
    expect(mayReport('https://blog.example.com/2026/review/', comment, ENABLED)).toBe(true);
    expect(mayReport('https://blog.example.com/2026/review/', comment, NONE)).toBe(false);
  });

  it('refuses a generic post whose id names another origin, and pages it cannot place', () => {
    const page = 'https://blog.example.com/2026/review/';
    expect(mayReport(page, { platform: 'web', postId: 'https://x.com/acme/status/1' }, ENABLED)).toBe(false);
    expect(
      mayReport(page, { platform: 'web', postId: 'http://blog.example.com/2026/review/' }, ENABLED),
    ).toBe(false);
    expect(mayReport(page, { platform: 'web', postId: 'not a url' }, ENABLED)).toBe(false);
    expect(mayReport(page, { platform: 'x', postId: '1' }, ENABLED)).toBe(false);
    expect(mayReport(undefined, { platform: 'x', postId: '1' }, ENABLED)).toBe(false);
    expect(mayReport('not a url', { platform: 'x', postId: '1' }, ENABLED)).toBe(false);
  });
});
