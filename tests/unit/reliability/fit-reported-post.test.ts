import { describe, expect, it } from 'vitest';
import { MAX_PAGE_URL, pageUrlForMessage } from '../../../lib/messaging/page-url';
import { contentToBackground, fitReportedPost, type ReportedPost } from '../../../lib/messaging/protocol';

/**
 * One hostile post must not keep the rest of its report from being recorded: the background refuses a
 * report whole when any post breaks a limit (found by tests/e2e/reliability/hostile-input.e2e.ts, where
 * a 150 KB post and a 5,000-character name hid every other post in their batches).
 */
const reported = (changes: Partial<ReportedPost['post']> = {}, terms = ['Acme']): ReportedPost => ({
  post: {
    platform: 'x',
    postId: '1994000000000000001',
    permalink: 'https://x.com/jane/status/1994000000000000001',
    author: { handle: 'jane', displayName: 'Jane' },
    text: 'Acme order is late',
    postedAt: '2026-11-20T12:00:00.000Z',
    postedAtEstimated: false,
    isReply: false,
    inReplyTo: null,
    ...changes,
  },
  matchedTerms: terms,
  ownAccount: false,
});

const accepted = (posts: ReportedPost[]) =>
  contentToBackground()['content:report-posts'].safeParse({ url: 'https://x.com/home', posts }).success;

describe('fitReportedPost', () => {
  it('leaves an ordinary post exactly as it was', () => {
    expect(fitReportedPost(reported())).toEqual(reported());
  });

  it('cuts a 150 KB text and a 5,000-character name so the whole report is accepted', () => {
    const hostile = reported({
      text: `Acme ${'x'.repeat(150_000)}`,
      author: { handle: 'longname', displayName: 'N'.repeat(5_000) },
    });
    expect(accepted([hostile, reported()])).toBe(false); // the defect: one post sinks the batch
    const fitted = fitReportedPost(hostile);
    expect(fitted?.post.text).toHaveLength(100_000);
    expect(fitted?.post.text.startsWith('Acme xxx')).toBe(true);
    expect(fitted?.post.author.displayName).toHaveLength(2_000);
    expect(accepted([fitted as ReportedPost, reported()])).toBe(true);
  });

  it('never cuts an emoji in half', () => {
    const text = `${'a'.repeat(99_999)}😀😀`;
    const fitted = fitReportedPost(reported({ text }));
    expect(fitted?.post.text).toBe('a'.repeat(99_999));
    expect(fitted?.post.text.isWellFormed()).toBe(true);
  });

  it('leaves out a post whose id or handle is too long to keep exactly', () => {
    expect(fitReportedPost(reported({ postId: '9'.repeat(501) }))).toBeNull();
    expect(fitReportedPost(reported({ author: { handle: 'h'.repeat(301), displayName: null } }))).toBeNull();
  });

  it('leaves out a post without an author (a handle of only "@" or spaces), which the database refuses', () => {
    for (const handle of ['', '@', '  ', '@@ '])
      expect(fitReportedPost(reported({ author: { handle, displayName: 'Someone' } })), handle).toBeNull();
    expect(fitReportedPost(reported({ author: { handle: '@jane', displayName: null } }))).not.toBeNull();
  });

  it('drops over-long optional fields instead of refusing the post', () => {
    const fitted = fitReportedPost(
      reported(
        {
          permalink: `https://x.com/${'p'.repeat(2_100)}`,
          postedAt: 'T'.repeat(65),
          inReplyTo: 'r'.repeat(501),
          replyingTo: ['jane', 'h'.repeat(301), ...Array.from({ length: 60 }, (_, index) => `user${index}`)],
        },
        Array.from({ length: 150 }, (_, index) => `term ${index} ${'t'.repeat(2_100)}`),
      ),
    );
    expect(fitted?.post.permalink).toBeNull();
    expect(fitted?.post.postedAt).toBeNull();
    expect(fitted?.post.inReplyTo).toBeNull();
    expect(fitted?.post.replyingTo).toHaveLength(50);
    expect(fitted?.post.replyingTo?.[1]).toBe('user0');
    expect(fitted?.matchedTerms).toHaveLength(100);
    expect(accepted([fitted as ReportedPost])).toBe(true);
  });
});

describe('pageUrlForMessage', () => {
  const long = `https://x.com/search?q=${'acme%20'.repeat(1_000)}#top`;

  it('sends an ordinary address as it is', () => {
    expect(pageUrlForMessage('https://x.com/home?s=20#x')).toBe('https://x.com/home?s=20#x');
  });

  it('drops the query and fragment of an address too long for the background to accept', () => {
    expect(accepted([reported()])).toBe(true);
    const refused = contentToBackground()['content:report-posts'].safeParse({ url: long, posts: [] });
    expect(refused.success).toBe(false); // what the page's reports met before
    expect(pageUrlForMessage(long)).toBe('https://x.com/search');
    const sent = contentToBackground()['content:report-posts'].safeParse({
      url: pageUrlForMessage(long),
      posts: [reported()],
    });
    expect(sent.success).toBe(true);
  });

  it('cuts a path that alone is too long', () => {
    const path = `https://example.social/${'p'.repeat(5_000)}`;
    expect(pageUrlForMessage(path)).toHaveLength(MAX_PAGE_URL);
    expect(pageUrlForMessage(path).startsWith('https://example.social/ppp')).toBe(true);
  });
});
