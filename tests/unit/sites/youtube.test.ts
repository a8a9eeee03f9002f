// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { youtubeAdapter } from '../../../lib/sites/youtube';
import {
  expectSelectorCounts,
  FIXTURE_NOW,
  loadFixture,
  mountComposerOnClick,
  postElement,
  summarize,
} from './fixture-helpers';

const WATCH = 'https://www.youtube.com/watch?v=dQw4Acme301';

describe('youtube adapter on a watch page fixture', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    loadFixture('youtube', WATCH);
  });
  afterEach(() => vi.useRealTimers());

  it('fixture markup has the selectors the adapter reads', () => {
    expectSelectorCounts(document, {
      'ytd-comment-thread-renderer': 5,
      'ytd-comment-view-model': 6,
      'ytd-comment-replies-renderer ytd-comment-view-model': 1,
      '#author-text': 6,
      '#content-text': 6,
      '#content-text img[alt]': 3,
      '#published-time-text a[href*="&lc="]': 6,
      '[slot="content"]': 12,
      'yt-pdg-comment-chip-renderer[slot="content"][hidden] + #content-text': 6,
      'h3 a[href^="/@"]': 6,
      '#reply-button-end button': 6,
      '#reply-dialog': 6,
    });
  });

  it('finds and reads every comment; relative times are estimates', () => {
    expect(summarize(youtubeAdapter)).toEqual({
      found: 6,
      read: 6,
      withText: 6,
      withTime: 6,
      withExactTime: 0,
      withPermalink: 6,
      replies: 6,
      mentioningAcme: 3,
    });
  });

  it('reads a comment exactly (pre-wrap line break kept, emoji as alt text)', () => {
    expect(youtubeAdapter.readPost(postElement(youtubeAdapter, 'UgzJd3Ord3rN0tArr1v3d'))).toEqual({
      platform: 'youtube',
      postId: 'UgzJd3Ord3rN0tArr1v3d',
      permalink: 'https://www.youtube.com/watch?v=dQw4Acme301&lc=UgzJd3Ord3rN0tArr1v3d',
      author: { handle: 'janedoe', displayName: null },
      text: '@AcmeHelp my order never arrived 😡\nOrdered on the 2nd and tracking hasn’t moved.',
      postedAt: '2026-11-20T12:00:00.000Z',
      postedAtEstimated: true,
      isReply: true,
      inReplyTo: 'dQw4Acme301',
    });
  });

  it("reads the channel's own reply with its parent comment", () => {
    expect(
      youtubeAdapter.readPost(postElement(youtubeAdapter, 'UgzJd3Ord3rN0tArr1v3d.AcmeR3ply01')),
    ).toMatchObject({
      author: { handle: 'AcmeHelp' },
      text: '@janedoe Sorry Jane! Please send us your order number by DM 🙏',
      inReplyTo: 'UgzJd3Ord3rN0tArr1v3d',
      postedAt: '2026-11-20T13:00:00.000Z',
    });
  });

  it("a reply starting with another account than the parent comment's author answers that account", () => {
    // YouTube lists a reply to a reply under the top comment, and starts its text with "@who".
    const reply = postElement(youtubeAdapter, 'UgzJd3Ord3rN0tArr1v3d.AcmeR3ply01');
    const text = reply.querySelector('#content-text span');
    if (!text) throw new Error('no reply text');
    text.textContent = '@samlee thanks Sam, fixed in 3.0.1';
    expect(youtubeAdapter.readPost(reply)).toMatchObject({ isReply: true, inReplyTo: 'samlee' });
    // The parent's author (any case) or the replier's own handle: the parent comment.
    text.textContent = '@JaneDoe thanks Jane';
    expect(youtubeAdapter.readPost(reply)?.inReplyTo).toBe('UgzJd3Ord3rN0tArr1v3d');
    text.textContent = '@AcmeHelp here: fixed in 3.0.1';
    expect(youtubeAdapter.readPost(reply)?.inReplyTo).toBe('UgzJd3Ord3rN0tArr1v3d');
    // A top comment starting with a mention still answers the video.
    const top = postElement(youtubeAdapter, 'UgxPr1yaCanadaQ');
    const topText = top.querySelector('#content-text span');
    if (topText) topText.textContent = '@samlee does Acme ship to Canada?';
    expect(youtubeAdapter.readPost(top)?.inReplyTo).toBe('dQw4Acme301');
  });

  it('parses "1 day ago (edited)" and "1 month ago"', () => {
    expect(youtubeAdapter.readPost(postElement(youtubeAdapter, 'UgwS4mL0v1ngTheApp'))?.postedAt).toBe(
      '2026-11-19T15:00:00.000Z',
    );
    const monthAgo = new Date(FIXTURE_NOW);
    monthAgo.setMonth(monthAgo.getMonth() - 1);
    expect(youtubeAdapter.readPost(postElement(youtubeAdapter, 'UgzRunsW1thD0gs'))?.postedAt).toBe(
      monthAgo.toISOString(),
    );
  });

  it('degrades on odd markup', () => {
    const comment = postElement(youtubeAdapter, 'UgyG0ldenH0urBr0ll');
    comment.querySelector('#content-text')?.remove();
    expect(youtubeAdapter.readPost(comment)?.text).toBe('');
    comment.querySelector('#author-text span')?.remove();
    expect(youtubeAdapter.readPost(comment)?.author.handle).toBe('goldenhour'); // from the href
    comment.querySelector('#published-time-text a')?.setAttribute('href', '/watch?v=dQw4Acme301');
    expect(youtubeAdapter.readPost(comment)).toBeNull();
  });

  it('anchors the marker on the published-time element', () => {
    const anchor = youtubeAdapter.markerAnchor(postElement(youtubeAdapter, 'UgxPr1yaCanadaQ'));
    expect(anchor?.id).toBe('published-time-text');
  });

  it("opens the reply box in the comment's own #reply-dialog", async () => {
    const stub = mountComposerOnClick(
      '#reply-button-end button',
      'youtube-reply',
      (trigger) => trigger.closest('ytd-comment-view-model')?.querySelector('#reply-dialog') ?? null,
    );
    const comment = postElement(youtubeAdapter, 'UgxPr1yaCanadaQ');
    const editor = await youtubeAdapter.openReplyComposer(comment, { timeoutMs: 1_000 });
    expect(editor?.id).toBe('contenteditable-root');
    expect(editor?.closest('ytd-comment-view-model')).toBe(comment);
    expect(await youtubeAdapter.openReplyComposer(comment, { timeoutMs: 1_000 })).toBe(editor);
    expect(stub.clicks()).toBe(1);
    stub.stop();
  });
});
