// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PageScanner } from '../../../lib/content/page-scanner';
import { instagramAdapter } from '../../../lib/sites/instagram';
import type { SiteAdapter } from '../../../lib/sites/types';
import { expectSelectorCounts, FIXTURE_NOW, loadFixture, postElement, summarize } from './fixture-helpers';

const PAGE = 'https://www.instagram.com/p/DCx9TrailKat/';

describe('instagram adapter on a post dialog fixture', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    loadFixture('instagram', PAGE);
  });
  afterEach(() => vi.useRealTimers());

  it('fixture markup has the selectors the adapter reads', () => {
    expectSelectorCounts(document, {
      '[role="dialog"] article': 1,
      '[role="dialog"] ul li': 8,
      // The list item holding the comments' list: not a post.
      '[role="dialog"] ul li:has(> ul:first-child)': 1,
      '[role="dialog"] li a[href*="/p/"] > time[datetime]': 7,
      '[role="dialog"] li h3 a[href]': 7,
      'a[href*="/c/"][href*="/r/"] time': 1,
      '[role="dialog"] form textarea': 1,
    });
  });

  it('finds the caption and comment rows (not layout list items)', () => {
    expect(summarize(instagramAdapter)).toEqual({
      found: 7,
      read: 7,
      withText: 7,
      withTime: 7,
      withExactTime: 7,
      withPermalink: 7,
      replies: 6,
      mentioningAcme: 4,
    });
  });

  it('reads the caption row as the post itself', () => {
    expect(instagramAdapter.readPost(postElement(instagramAdapter, 'DCx9TrailKat'))).toEqual({
      platform: 'instagram',
      postId: 'DCx9TrailKat',
      permalink: 'https://www.instagram.com/p/DCx9TrailKat/',
      author: { handle: 'trailrunner.kat', displayName: null },
      text: 'New kicks day! Anyone tried the Acme trail line? 👟 #trailrunning',
      postedAt: '2026-11-19T15:00:00.000Z',
      postedAtEstimated: false,
      isReply: false,
      inReplyTo: null,
    });
  });

  it("reads a comment's own text (not its replies) and the brand reply's parent", () => {
    expect(instagramAdapter.readPost(postElement(instagramAdapter, '18031112222333444'))).toEqual({
      platform: 'instagram',
      postId: '18031112222333444',
      permalink: 'https://www.instagram.com/p/DCx9TrailKat/c/18031112222333444/',
      author: { handle: 'jane.doe', displayName: null },
      text: '@acmehelp my order never arrived 😡',
      postedAt: '2026-11-20T12:00:00.000Z',
      postedAtEstimated: false,
      isReply: true,
      inReplyTo: 'DCx9TrailKat',
    });
    expect(instagramAdapter.readPost(postElement(instagramAdapter, '18031112222339999'))).toMatchObject({
      author: { handle: 'acmehelp' },
      text: '@jane.doe so sorry! Please DM us your order number 🙏',
      inReplyTo: '18031112222333444',
    });
  });

  it("a reply starting with another account than the parent comment's author answers that account", () => {
    // Instagram lists a reply to a reply under the top comment, and starts its text with "@who".
    const reply = postElement(instagramAdapter, '18031112222339999');
    const mention = reply.querySelector('span[dir="auto"] a');
    if (!mention) throw new Error('no mention');
    mention.setAttribute('href', '/sam_lee/');
    mention.textContent = '@sam_lee';
    expect(instagramAdapter.readPost(reply)).toMatchObject({
      text: '@sam_lee so sorry! Please DM us your order number 🙏',
      isReply: true,
      inReplyTo: 'sam_lee',
    });
    // The parent's author, or the replier's own handle: the parent comment.
    mention.textContent = '@jane.doe';
    expect(instagramAdapter.readPost(reply)?.inReplyTo).toBe('18031112222333444');
    mention.textContent = '@acmehelp';
    expect(instagramAdapter.readPost(reply)?.inReplyTo).toBe('18031112222333444');
    // A top comment starting with a mention still answers the post.
    expect(instagramAdapter.readPost(postElement(instagramAdapter, '18031112222333444'))?.inReplyTo).toBe(
      'DCx9TrailKat',
    );
  });

  it('loading more comments reads the new rows only, not every comment loaded before', async () => {
    let reads = 0;
    const counting: SiteAdapter = {
      ...instagramAdapter,
      // As a browser answers it: happy-dom matches a scoped query's ancestors ("[role=dialog] ul li")
      // only inside the root, so it finds no rows under a row's wrapper where Chromium finds them all.
      findPosts: (root) =>
        instagramAdapter.findPosts(document).filter((post) => root === post || root.contains(post)),
      readPost(element) {
        reads += 1;
        return instagramAdapter.readPost(element);
      },
    };
    const scanner = new PageScanner(
      [counting],
      { find: () => [], isOwnAccount: () => false },
      { found() {}, lost() {} },
    );
    scanner.scan(document);
    await scanner.whenIdle();
    expect(reads).toBe(7);

    // Instagram appends the next comments to the list that holds the loaded ones.
    const row = postElement(instagramAdapter, '18031112222336777').parentElement;
    const list = row?.parentElement;
    if (!row || !list) throw new Error('no comment list');
    const observer = new MutationObserver(() => {});
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    for (const id of ['18031112222340001', '18031112222340002', '18031112222340003']) {
      const more = row.cloneNode(true) as Element;
      more.querySelector('a[href*="/c/"]')?.setAttribute('href', `/p/DCx9TrailKat/c/${id}/`);
      list.append(more);
    }
    const records = observer.takeRecords();
    observer.disconnect();
    reads = 0;
    scanner.handleMutations(records);
    await scanner.whenIdle();
    expect(reads).toBe(3);
  });

  it('degrades on odd markup', () => {
    const row = postElement(instagramAdapter, '18031112222336777');
    row.querySelector('h3')?.remove();
    expect(instagramAdapter.readPost(row)?.author.handle).toBe('golden.hour'); // from the avatar link
    for (const link of row.querySelectorAll('a[href]')) link.setAttribute('href', '/explore/');
    expect(instagramAdapter.readPost(row)).toBeNull();
    expect(instagramAdapter.readPost(document.createElement('li'))).toBeNull();
  });

  it('anchors the marker after the time link', () => {
    const anchor = instagramAdapter.markerAnchor(postElement(instagramAdapter, '18031112222334555'));
    expect(anchor?.localName).toBe('a');
    expect(anchor?.querySelector('time')).not.toBeNull();
  });

  it('clicking Reply prefills the textarea; that textarea is the composer', async () => {
    const row = postElement(instagramAdapter, '18031112222334555');
    const textarea = document.querySelector<HTMLTextAreaElement>('form textarea');
    let clicks = 0;
    row.addEventListener('click', (event) => {
      if ((event.target as Element).closest('button')?.textContent === 'Reply' && textarea) {
        clicks += 1;
        setTimeout(() => {
          textarea.value = '@sam_lee ';
        }, 20);
      }
    });
    expect(await instagramAdapter.openReplyComposer(row, { timeoutMs: 1_000 })).toBe(textarea);
    expect(clicks).toBe(1);
    // Already prefilled for this row: returned without another click.
    expect(await instagramAdapter.openReplyComposer(row, { timeoutMs: 1_000 })).toBe(textarea);
    expect(clicks).toBe(1);
  });

  it('sets the one comment box up for each row again once another row took it (A, B, then A)', async () => {
    const textarea = document.querySelector<HTMLTextAreaElement>('form textarea');
    if (!textarea) throw new Error('no comment box');
    const clicked: string[] = [];
    const controller = new AbortController();
    document.addEventListener(
      'click',
      (event) => {
        const row = (event.target as Element).closest('li');
        if ((event.target as Element).closest('button')?.textContent !== 'Reply' || !row) return;
        const handle = instagramAdapter.readPost(row)?.author.handle;
        clicked.push(handle ?? '');
        setTimeout(() => {
          textarea.value = `@${handle} `;
        }, 10);
      },
      { capture: true, signal: controller.signal },
    );
    const sam = postElement(instagramAdapter, '18031112222334555');
    const priya = postElement(instagramAdapter, '18031112222335666');
    await instagramAdapter.openReplyComposer(sam, { timeoutMs: 1_000 });
    await instagramAdapter.openReplyComposer(priya, { timeoutMs: 1_000 });
    expect(await instagramAdapter.openReplyComposer(sam, { timeoutMs: 1_000 })).toBe(textarea);
    expect(clicked).toEqual(['sam_lee', 'priya.travels', 'sam_lee']);
    expect(textarea.value).toBe('@sam_lee ');
    // Set up as a reply to Sam, the box is not the caption's: the caption has no Reply to click.
    expect(
      await instagramAdapter.openReplyComposer(postElement(instagramAdapter, 'DCx9TrailKat'), {
        timeoutMs: 50,
      }),
    ).toBeNull();
    textarea.value = '';
    expect(
      await instagramAdapter.openReplyComposer(postElement(instagramAdapter, 'DCx9TrailKat'), {
        timeoutMs: 50,
      }),
    ).toBe(textarea);
    controller.abort();
  });
});
