import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureBrowser } from './editors/fixture-browser';
import type { FixtureSelectors } from './editors/isolated-entry';

/**
 * Inserting a reply into each social site's own editor, run the way the content script runs it: from an
 * isolated world, against composers mounted with the real editor library from npm (draft-js, lexical,
 * @tiptap/ProseMirror, quill@1, React textareas). Success is judged by the editor library's own state
 * (read in the page's world) and the site-style send button, never by the DOM alone; nothing may press
 * send (clicks on it, form submissions and send keys are counted by the page).
 */

interface EditorFixture {
  name: string;
  page: string;
  kind: string;
  selectors: FixtureSelectors;
  /** Text the site prefilled that the reply goes after. */
  prefix?: string;
  /** Whether the site's send control is disabled until the editor has text. */
  sendStartsDisabled: boolean;
}

const EDITORS: EditorFixture[] = [
  {
    name: 'Draft.js (X)',
    page: 'draft-js.html',
    kind: 'draft-js',
    selectors: {
      post: 'article[data-testid="tweet"]',
      replyControl: '[data-testid="reply"]',
      composer: '[data-testid="tweetTextarea_0"]',
    },
    sendStartsDisabled: true,
  },
  {
    name: 'Lexical rich text (Reddit)',
    page: 'lexical.html?site=reddit',
    kind: 'lexical',
    selectors: {
      post: 'shreddit-comment',
      replyControl: '[slot="comment-reply"]',
      composer: '[bundlename="comment_composer"] shreddit-composer [contenteditable="true"]',
    },
    sendStartsDisabled: true,
  },
  {
    name: 'Lexical plain text (Facebook, Enter sends)',
    page: 'lexical.html?site=facebook',
    kind: 'lexical',
    selectors: {
      post: '[role="article"][aria-label^="Comment by "]',
      replyControl: '[role="button"]',
      composer: '[contenteditable="true"][role="textbox"][aria-label^="Reply to "]',
    },
    sendStartsDisabled: true,
  },
  {
    name: 'TipTap / ProseMirror (Bluesky)',
    page: 'tiptap.html?site=bluesky',
    kind: 'prosemirror',
    selectors: {
      post: '[data-testid^="postThreadItem-by-"]',
      replyControl: '[data-testid="replyBtn"]',
      composer: '[data-testid="composePostView"] [contenteditable="true"]',
    },
    sendStartsDisabled: true,
  },
  {
    name: 'TipTap / ProseMirror (LinkedIn, new markup)',
    page: 'tiptap.html?site=linkedin',
    kind: 'prosemirror',
    selectors: {
      post: '[id^="replaceableComment_urn:li:comment:"]',
      replyControl: 'button[aria-label="Reply"]',
      composer: 'div.tiptap.ProseMirror[role="textbox"]',
    },
    sendStartsDisabled: true,
  },
  {
    name: 'Quill 1 (LinkedIn, legacy markup)',
    page: 'quill1.html',
    kind: 'quill1',
    selectors: {
      post: 'article.comments-comment-entity',
      replyControl: 'button.comments-comment-social-bar__reply-action-button--cr',
      composer: '.comments-comment-box--reply .ql-editor',
    },
    sendStartsDisabled: true,
  },
  {
    name: 'React textarea prefilled with the handle (Mastodon)',
    page: 'textarea-react.html?site=mastodon',
    kind: 'textarea',
    selectors: {
      post: '.status__wrapper',
      replyControl: 'button[title="Reply"]',
      composer: 'textarea.autosuggest-textarea__textarea',
    },
    prefix: '@jane@example.social ',
    sendStartsDisabled: false,
  },
  {
    name: 'React textarea (Instagram)',
    page: 'textarea-react.html?site=instagram',
    kind: 'textarea',
    selectors: {
      post: 'article',
      replyControl: '[role="button"][aria-label="Comment"]',
      composer: 'textarea[aria-label="Add a comment…"]',
    },
    sendStartsDisabled: true,
  },
  {
    name: 'plain textarea (old Reddit)',
    page: 'textarea-plain.html',
    kind: 'textarea',
    selectors: {
      post: '.thing.comment',
      replyControl: '.buttons [role="button"]',
      composer: '.usertext-edit textarea[name="text"]',
    },
    sendStartsDisabled: false,
  },
  {
    name: 'plain contenteditable (YouTube)',
    page: 'contenteditable.html',
    kind: 'contenteditable',
    selectors: {
      post: 'ytd-comment-view-model',
      replyControl: '#reply-button-end button',
      composer: 'ytd-commentbox #contenteditable-root',
    },
    sendStartsDisabled: true,
  },
  {
    name: 'plain contenteditable prefilled with the handle (YouTube reply to a reply)',
    page: 'contenteditable.html?prefill=1',
    kind: 'contenteditable',
    selectors: {
      post: 'ytd-comment-view-model',
      replyControl: '#reply-button-end button',
      composer: 'ytd-commentbox #contenteditable-root',
    },
    prefix: '@jane-doe ',
    sendStartsDisabled: false,
  },
];

const TEXTS: Array<[label: string, text: string]> = [
  ['a single line', 'Hi Jane, sorry about the wait. We are on it.'],
  [
    'paragraphs with a blank line between',
    'Hi Jane,\n\nSorry about the delay: your refund went out today.\nIt takes 3–5 days.\n\nThe Acme team',
  ],
  ['emoji: ZWJ family, flags, skin tone, keycap', 'Thanks 👨‍👩‍👧‍👦 🇫🇷🇯🇵 👍🏽 1️⃣ — ça marche!'],
  ['a URL with a query string', 'Track it here: https://acme.example/track?order=123&ref=social#status'],
  ['markup-like text, double spaces and a tab', '<b>Tom & Jerry</b>  "quoted"\tand  spaced'],
];

let browser: FixtureBrowser;

beforeAll(async () => {
  browser = await FixtureBrowser.start();
});

afterAll(async () => {
  await browser?.close();
});

describe.each(EDITORS)('$name', (editor) => {
  const expected = (text: string): string => (editor.prefix ?? '') + text;

  it(`is detected as ${editor.kind}, and the send control starts ${editor.sendStartsDisabled ? 'disabled' : 'enabled'}`, async () => {
    await browser.open(editor.page);
    await browser.openComposer(editor.selectors);
    expect(await browser.detectKind(editor.selectors.composer)).toBe(editor.kind);
    const state = await browser.state();
    expect(state.text).toBe(editor.prefix ?? '');
    expect(state.sendEnabled).toBe(!editor.sendStartsDisabled);
  });

  it.each(TEXTS)(
    'inserts %s: the editor state holds exactly the text and send is enabled, never pressed',
    async (_label, text) => {
      await browser.open(editor.page);
      const result = await browser.insertReply(editor.selectors, text);
      const state = await browser.state();
      expect(state.text).toBe(expected(text));
      expect(result).toMatchObject({ ok: true, editorKind: editor.kind, sendEnabled: true });
      expect(state.sendEnabled).toBe(true);
      expect(state.submits).toBe(0);
      expect(browser.pageErrors).toEqual([]);
    },
  );

  it('replaces an earlier insert instead of appending to it (keeping a prefilled handle)', async () => {
    await browser.open(editor.page);
    const first = await browser.insertReply(editor.selectors, 'First try,\n\nnot this one.');
    expect(first.ok).toBe(true);
    const second = await browser.insertReply(editor.selectors, 'Second try 🙂');
    const state = await browser.state();
    expect(state.text).toBe(expected('Second try 🙂'));
    expect(second).toMatchObject({ ok: true, sendEnabled: true });
    expect(state.submits).toBe(0);
  });
});

describe('editors that do not take the text', () => {
  const selectors: FixtureSelectors = {
    post: 'article',
    replyControl: 'button',
    composer: '[contenteditable="true"][role="textbox"]',
  };

  it('an editor that rejects every change: reported as failed with the Copy fallback, nothing sent', async () => {
    await browser.open('rejecting.html');
    const result = await browser.insertReply(selectors, 'Hi Jane,\n\nsorry about that.');
    const state = await browser.state();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Copy/);
    expect(state.text).toBe('');
    expect(state.sendEnabled).toBe(false);
    expect(state.submits).toBe(0);
  });

  it('an editor whose DOM changes but whose state does not: the disabled send control makes it a failure', async () => {
    await browser.open('rejecting.html?mode=stale');
    const result = await browser.insertReply(selectors, 'Hi Jane, sorry about that.');
    const state = await browser.state();
    expect(result).toMatchObject({ ok: false, sendEnabled: false });
    expect(result.message).toMatch(/Copy/);
    expect(state.text).toBe('');
    expect(state.submits).toBe(0);
  });

  it('a post whose reply composer never opens: reported as failed with the Copy fallback', async () => {
    await browser.open('rejecting.html');
    const result = await browser.insertReply({ ...selectors, replyControl: '.no-such-control' }, 'Hello');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Copy/);
  }, 20_000);
});

describe('the isolated world', () => {
  it('shares the DOM but not the page’s JavaScript, as a content script', async () => {
    await browser.open('draft-js.html');
    expect(await browser.inIsolatedWorld<boolean>('document.querySelector("article") !== null')).toBe(true);
    expect(await browser.isolatedWorldSees('__fixtureEditor')).toBe(false);
    expect(await browser.isolatedWorldSees('ParleyEditorsTest')).toBe(true);
  });
});
