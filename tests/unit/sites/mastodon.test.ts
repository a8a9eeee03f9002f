// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setEnabledHosts } from '../../../lib/sites/enabled-hosts';
import { mastodonAdapter } from '../../../lib/sites/mastodon';
import {
  composerTemplate,
  expectSelectorCounts,
  FIXTURE_NOW,
  loadFixture,
  mountComposerOnClick,
  postElement,
  summarize,
} from './fixture-helpers';

const HOME = 'https://mastodon.social/home';

describe('mastodon adapter on a home timeline fixture', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    loadFixture('mastodon', HOME);
  });
  afterEach(() => {
    vi.useRealTimers();
    setEnabledHosts({ mastodon: [] });
  });

  it('matches only hosts enabled at runtime', () => {
    expect(mastodonAdapter.matchesUrl(new URL(HOME))).toBe(false);
    setEnabledHosts({ mastodon: ['https://Mastodon.Social/'] });
    expect(mastodonAdapter.matchesUrl(new URL(HOME))).toBe(true);
    expect(mastodonAdapter.matchesUrl(new URL('https://fosstodon.org/home'))).toBe(false);
  });

  it('fixture markup has the selectors the adapter reads', () => {
    expectSelectorCounts(document, {
      '.status__wrapper > .status[data-id]': 7,
      '.status--is-quote[data-id]': 1,
      'a.status__relative-time > time[datetime]': 8,
      '.display-name__html': 8,
      '.display-name__account': 8,
      '.status__content__text': 7,
      '.content-warning:not(.content-warning--filter) > p': 1,
      '.hashtag-bar a': 2,
      '.status__action-bar button': 35,
      '.compose-form textarea.autosuggest-textarea__textarea': 1,
    });
  });

  it('finds statuses (not the quoted card) and reads them', () => {
    expect(summarize(mastodonAdapter)).toEqual({
      found: 7,
      read: 7,
      withText: 7,
      withTime: 7,
      withExactTime: 7,
      withPermalink: 7,
      replies: 1,
      mentioningAcme: 5,
    });
  });

  it('reads a local status exactly: handle gets the instance host', () => {
    expect(mastodonAdapter.readPost(postElement(mastodonAdapter, '113555000000000001'))).toEqual({
      platform: 'mastodon',
      postId: '113555000000000001',
      permalink: 'https://mastodon.social/@jane/113555000000000001',
      author: { handle: 'jane@mastodon.social', displayName: 'Jane Doe' },
      text: '@AcmeHelp my order never arrived 😡\nOrdered on the 2nd and tracking hasn’t moved.',
      postedAt: '2026-11-20T12:00:00.000Z',
      postedAtEstimated: false,
      isReply: false,
      inReplyTo: null,
    });
  });

  it("reads the brand's reply with the account it replies to; a boost is not a reply", () => {
    expect(mastodonAdapter.readPost(postElement(mastodonAdapter, '113555000000000002'))).toMatchObject({
      author: { handle: 'AcmeHelp@mastodon.social', displayName: 'Acme Help' },
      isReply: true,
      inReplyTo: 'jane@mastodon.social',
    });
    expect(mastodonAdapter.readPost(postElement(mastodonAdapter, '113555000000000005'))).toMatchObject({
      author: { handle: 'goldenhour@pixelfed.social' },
      isReply: false,
    });
  });

  it('reads remote accounts and custom emoji as :shortcode:', () => {
    expect(mastodonAdapter.readPost(postElement(mastodonAdapter, '113555000000000003'))).toMatchObject({
      author: { handle: 'sam@fosstodon.org', displayName: 'Sam Lee :seedling:' },
      text: 'Loving the new Acme app! :acme_heart:',
      permalink: 'https://mastodon.social/@sam@fosstodon.org/113555000000000003',
    });
  });

  it("excludes a quoted status from the quoting status's text, author and time", () => {
    expect(mastodonAdapter.readPost(postElement(mastodonAdapter, '113555000000000004'))).toMatchObject({
      author: { handle: 'priya@hachyderm.io', displayName: 'Priya Raman' },
      text: 'Does Acme ship to Canada? Asking for this move 👇',
      postedAt: '2026-11-19T18:00:00.000Z',
    });
  });

  it('reads a collapsed content warning (the only text shown) and the hashtags moved out of the text', () => {
    expect(mastodonAdapter.readPost(postElement(mastodonAdapter, '113555000000000007'))).toMatchObject({
      author: { handle: 'dana@mastodon.art' },
      text: 'Acme order never arrived (rant)',
    });
    const hashtags = postElement(mastodonAdapter, '113555000000000006');
    expect(mastodonAdapter.readPost(hashtags)?.text).toBe(
      'Just finished a 10k run 🏃\nLegs are jelly.\n#AcmeRunners #running',
    );
    // Expanded: the warning, then the text.
    hashtags
      .querySelector('.status__info')
      ?.insertAdjacentHTML(
        'afterend',
        '<div class="content-warning"><p><span>long run, sore legs</span></p><button class="link-button">Hide post</button></div>',
      );
    expect(mastodonAdapter.readPost(hashtags)?.text).toBe(
      'long run, sore legs\nJust finished a 10k run 🏃\nLegs are jelly.\n#AcmeRunners #running',
    );
  });

  it("does not read a filter's banner or a quoted status's warning as the post's text", () => {
    const status = postElement(mastodonAdapter, '113555000000000004');
    status
      .querySelector('.status__info')
      ?.insertAdjacentHTML(
        'afterend',
        '<div class="content-warning content-warning--filter"><p><span>Filtered: <mark>Acme</mark></span></p><button class="link-button">Show anyway</button></div>',
      );
    status
      .querySelector('.status--is-quote .status__info')
      ?.insertAdjacentHTML(
        'afterend',
        '<div class="content-warning"><p><span>moving stress</span></p><button class="link-button">Show more</button></div>',
      );
    expect(mastodonAdapter.readPost(status)?.text).toBe('Does Acme ship to Canada? Asking for this move 👇');
  });

  it('degrades on odd markup', () => {
    const status = postElement(mastodonAdapter, '113555000000000006');
    status.querySelector('.status__content__text')?.remove();
    status.querySelector('.hashtag-bar')?.remove();
    status.querySelector('time')?.remove();
    expect(mastodonAdapter.readPost(status)).toMatchObject({ text: '', postedAt: null });
    status.querySelector('.display-name__account')?.remove();
    expect(mastodonAdapter.readPost(status)?.author.handle).toBe('runswithdogs@mas.to');
    status.querySelector('a.status__display-name')?.remove();
    expect(mastodonAdapter.readPost(status)).toBeNull();
  });

  it('anchors the marker after the display-name link', () => {
    const anchor = mastodonAdapter.markerAnchor(postElement(mastodonAdapter, '113555000000000003'));
    expect(anchor?.classList.contains('status__display-name')).toBe(true);
  });

  it('clicking Reply shows the reply indicator; the compose textarea is the composer', async () => {
    const stub = mountComposerOnClick(
      '.status__action-bar button[title="Reply"]',
      'mastodon-reply-indicator',
    );
    const status = postElement(mastodonAdapter, '113555000000000003');
    const textarea = await mastodonAdapter.openReplyComposer(status, { timeoutMs: 1_000 });
    expect(textarea?.classList.contains('autosuggest-textarea__textarea')).toBe(true);
    expect(stub.clicks()).toBe(1);
    // The indicator links this status: recognised without another click.
    expect(await mastodonAdapter.openReplyComposer(status, { timeoutMs: 1_000 })).toBe(textarea);
    expect(stub.clicks()).toBe(1);
    stub.stop();
  });

  it('clicks Reply again once the compose form moved on to another status (A, B, then A)', async () => {
    const slot = document.querySelector('[data-fixture-composer-slot="mastodon-reply-indicator"]');
    const clicked: string[] = [];
    const controller = new AbortController();
    // Mastodon has one compose form: Reply points its indicator at the status clicked last.
    document.addEventListener(
      'click',
      (event) => {
        const status = (event.target as Element).closest('.status[data-id]');
        if (!status || !(event.target as Element).closest('.status__action-bar button[title="Reply"]'))
          return;
        const id = status.getAttribute('data-id') ?? '';
        clicked.push(id);
        const indicator = composerTemplate('mastodon-reply-indicator');
        indicator.querySelector('a.detailed-status__display-avatar')?.setAttribute('href', `/@someone/${id}`);
        setTimeout(() => slot?.replaceChildren(indicator), 10);
      },
      { capture: true, signal: controller.signal },
    );
    const a = postElement(mastodonAdapter, '113555000000000003');
    const b = postElement(mastodonAdapter, '113555000000000001');
    const textarea = await mastodonAdapter.openReplyComposer(a, { timeoutMs: 1_000 });
    expect(await mastodonAdapter.openReplyComposer(b, { timeoutMs: 1_000 })).toBe(textarea);
    expect(await mastodonAdapter.openReplyComposer(a, { timeoutMs: 1_000 })).toBe(textarea);
    expect(clicked).toEqual(['113555000000000003', '113555000000000001', '113555000000000003']);
    expect(slot?.querySelector('a[href$="/113555000000000003"]')).not.toBeNull();
    controller.abort();
  });
});

describe('mastodon adapter on a status page fixture (focused post and its replies)', () => {
  const FOCUSED = '113560000000000010';
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    loadFixture('mastodon-status', `https://mastodon.social/@jane/${FOCUSED}`);
  });
  afterEach(() => vi.useRealTimers());

  it('fixture markup has the selectors the adapter reads', () => {
    expectSelectorCounts(document, {
      '.detailed-status__wrapper .detailed-status': 1,
      '.detailed-status time': 0,
      '.detailed-status a.detailed-status__datetime': 1,
      '.detailed-status .detailed-status__action-bar': 0,
      '.detailed-status__wrapper > .detailed-status__action-bar button[title="Reply"]': 1,
      '.status__wrapper-reply > .status.status--in-thread[data-id]': 3,
      '.status__prepend': 0,
      '.status__content__text > p:first-child > .h-card:first-child > a.mention[href^="/@"]': 4,
    });
  });

  it('reads the focused post with the time its date link shows', () => {
    expect(summarize(mastodonAdapter)).toMatchObject({ found: 4, read: 4, withTime: 4, withExactTime: 3 });
    expect(mastodonAdapter.readPost(postElement(mastodonAdapter, FOCUSED))).toEqual({
      platform: 'mastodon',
      postId: FOCUSED,
      permalink: `https://mastodon.social/@jane/${FOCUSED}`,
      author: { handle: 'jane@mastodon.social', displayName: 'Jane Doe' },
      text: '@AcmeHelp my order never arrived 😡\nOrdered on the 2nd and tracking hasn’t moved.',
      // "Nov 20, 2026, 12:00 PM" in the reader's zone.
      postedAt: new Date(2026, 10, 20, 12, 0).toISOString(),
      postedAtEstimated: true,
      isReply: false,
      inReplyTo: null,
    });
  });

  it('a reply in the thread answers the post its leading mention names', () => {
    const read = (id: string) => mastodonAdapter.readPost(postElement(mastodonAdapter, id));
    // Addressed to the focused post's author: the focused post.
    expect(read('113560000000000011')).toMatchObject({ isReply: true, inReplyTo: FOCUSED });
    expect(read('113560000000000012')).toMatchObject({
      author: { handle: 'AcmeHelp@mastodon.social' },
      isReply: true,
      inReplyTo: FOCUSED,
    });
    // The brand answering Sam's reply: Sam's account, not Jane's post.
    expect(read('113560000000000013')).toMatchObject({
      author: { handle: 'AcmeHelp@mastodon.social' },
      isReply: true,
      inReplyTo: 'sam@fosstodon.org',
    });
  });

  it('a thread reply without a leading mention answers the focused post (the mention was deleted)', () => {
    // The reply box fills in the mention; an agent who deletes it still answers the focused post.
    const brand = postElement(mastodonAdapter, '113560000000000012');
    brand.querySelector('.h-card')?.remove();
    expect(mastodonAdapter.readPost(brand)).toMatchObject({
      author: { handle: 'AcmeHelp@mastodon.social' },
      isReply: true,
      inReplyTo: FOCUSED,
    });
    const sam = postElement(mastodonAdapter, '113560000000000011');
    sam.querySelector('.h-card')?.remove();
    expect(mastodonAdapter.readPost(sam)).toMatchObject({ isReply: true, inReplyTo: FOCUSED });
    const jane = postElement(mastodonAdapter, '113560000000000012');
    jane.querySelector('a.status__display-name')?.setAttribute('href', '/@jane');
    const account = jane.querySelector('.display-name__account');
    if (account) account.textContent = '@jane';
    expect(mastodonAdapter.readPost(jane)).toMatchObject({ isReply: true, inReplyTo: FOCUSED });
  });

  it('a reply above the focused post (the thread it answers) with no mention answers an unknown post', () => {
    const wrapper = postElement(mastodonAdapter, '113560000000000011').closest('[tabindex="-1"]');
    const focusedWrapper = document.querySelector('.detailed-status__wrapper')?.parentElement;
    if (!wrapper || !focusedWrapper) throw new Error('fixture changed');
    const above = wrapper.cloneNode(true) as Element;
    const status = above.querySelector('.status[data-id]') as Element;
    status.setAttribute('data-id', '113560000000000009');
    status.querySelector('.h-card')?.remove();
    focusedWrapper.before(above);
    expect(mastodonAdapter.readPost(status)).toMatchObject({
      postId: '113560000000000009',
      isReply: true,
      inReplyTo: null,
    });
  });

  it("opens the focused post's reply box with its action bar's Reply (outside .detailed-status)", async () => {
    const stub = mountComposerOnClick(
      '.detailed-status__action-bar button[title="Reply"]',
      'mastodon-reply-indicator',
    );
    const focused = postElement(mastodonAdapter, FOCUSED);
    const textarea = await mastodonAdapter.openReplyComposer(focused, { timeoutMs: 1_000 });
    expect(textarea?.classList.contains('autosuggest-textarea__textarea')).toBe(true);
    expect(stub.clicks()).toBe(1);
    // The indicator links the focused post: recognised without another click.
    expect(await mastodonAdapter.openReplyComposer(focused, { timeoutMs: 1_000 })).toBe(textarea);
    expect(stub.clicks()).toBe(1);
    stub.stop();
  });
});
