// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ContentApp, type ContentBridge } from '../../../lib/content/content-app';
import { WorkClock } from '../../../lib/content/work-clock';
import { insertIntoComposer, insertReplyIntoPost } from '../../../lib/editors/insert-into-post';
import type { ScanConfig } from '../../../lib/messaging/protocol';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import type { SiteAdapter } from '../../../lib/sites/types';
import { xAdapter } from '../../../lib/sites/x';
import { loadFixture, postElement } from '../sites/fixture-helpers';
import { mount } from './markup';

// happy-dom has no editing commands (execCommand) and no editor libraries: these tests cover the flow
// (open, detect, verify, send check, messages) and the textarea's value-setter path. The strategies
// against the real libraries run in Chromium (tests/e2e/editors.e2e.ts).

function adapterOpening(composer: () => HTMLElement | null): SiteAdapter {
  return {
    id: 'test',
    platform: 'web',
    matchesUrl: () => true,
    postSelector: 'article',
    findPosts: () => [],
    readPost: () => null,
    markerAnchor: () => null,
    openReplyComposer: async () => composer(),
  };
}

/** A textarea whose page state follows `input` events and enables Post when non-blank, counting sends. */
function mountTextareaComposer(initial = ''): {
  textarea: HTMLTextAreaElement;
  state: { text: string; sends: number };
} {
  mount(
    `<article><p>Acme?</p></article><form><textarea></textarea><button type="submit" disabled>Post</button></form>`,
  );
  const textarea = document.querySelector('textarea') as HTMLTextAreaElement;
  const button = document.querySelector('button') as HTMLButtonElement;
  const form = document.querySelector('form') as HTMLFormElement;
  textarea.value = initial;
  const state = { text: initial, sends: 0 };
  textarea.addEventListener('input', () => {
    state.text = textarea.value;
    button.disabled = state.text.trim() === '';
  });
  button.addEventListener('click', () => {
    state.sends += 1;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.sends += 1;
  });
  return { textarea, state };
}

describe('insertReplyIntoPost', () => {
  it('inserts into a textarea through the value setter and input event, verified, send enabled, not pressed', async () => {
    const { textarea, state } = mountTextareaComposer();
    const post = document.querySelector('article') as Element;
    const result = await insertReplyIntoPost(
      adapterOpening(() => textarea),
      post,
      'Hi Jane,\r\n\r\nsorted 👍🏽\n',
    );
    expect(result).toMatchObject({ ok: true, editorKind: 'textarea', sendEnabled: true });
    expect(state.text).toBe('Hi Jane,\n\nsorted 👍🏽');
    expect(state.sends).toBe(0);
  });

  it('keeps a prefilled handle and puts the reply after it', async () => {
    const { textarea, state } = mountTextareaComposer('@jane ');
    const result = await insertIntoComposer(textarea, 'Thanks!');
    expect(result.ok).toBe(true);
    expect(state.text).toBe('@jane Thanks!');
  });

  it('reports a composer that does not open, with the Copy fallback', async () => {
    mount('<article>Acme?</article>');
    const post = document.querySelector('article') as Element;
    const result = await insertReplyIntoPost(
      adapterOpening(() => null),
      post,
      'Hi',
    );
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Copy/);
  });

  it('reports an adapter that throws the same way instead of throwing', async () => {
    mount('<article>Acme?</article>');
    const post = document.querySelector('article') as Element;
    const adapter = adapterOpening(() => {
      throw new Error('markup changed');
    });
    const result = await insertReplyIntoPost(adapter, post, 'Hi');
    expect(result.ok).toBe(false);
  });

  it('reports a contenteditable that did not take the text (no editing commands here), with Copy', async () => {
    const editable = mount(
      '<div><div id="box" contenteditable="true"></div><button disabled>Send</button></div>',
      '#box',
    );
    const result = await insertIntoComposer(editable, 'Hi Jane');
    expect(result).toMatchObject({ ok: false, editorKind: 'contenteditable' });
    expect(result.message).toBe(
      "The site's editor didn't take the text. Use Copy instead and paste it into the reply box.",
    );
    expect(editable.textContent).toBe('');
  });

  it('tells the agent to clear the box, not paste next to it, when the site kept only part of the reply', async () => {
    const { textarea, state } = mountTextareaComposer();
    // A composer that cuts what it is given, as a site with a shorter limit than ours would.
    textarea.addEventListener('input', () => {
      if (textarea.value.length > 10) textarea.value = textarea.value.slice(0, 10);
      state.text = textarea.value;
    });
    const result = await insertIntoComposer(textarea, 'Hi Jane, we are on it.');
    expect(result.ok).toBe(false);
    expect(state.text).toBe('Hi Jane, w');
    expect(result.message).toMatch(/^The reply box now holds different text than your reply.*Clear the box/);
  });

  it('refuses empty text and markup with nothing editable', async () => {
    const { textarea } = mountTextareaComposer();
    expect((await insertIntoComposer(textarea, ' \n ')).ok).toBe(false);
    const plain = mount('<div id="x"><p>no editor</p></div>', '#x');
    const result = await insertIntoComposer(plain, 'Hi');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Copy/);
  });
});

describe('a post whose element now shows another post (X recycles timeline cells)', () => {
  const JANE = '1991000000000000001';
  const GOLDEN_HOUR = '1991000000000000005';

  it('the content app no longer hands out that element for the post', async () => {
    loadFixture('x', 'https://x.com/home');
    const bridge: ContentBridge = {
      reportPosts: async (_url, posts) => ({
        results: posts.map(({ post }) => ({
          postKey: `${post.platform}:${post.postId}`,
          category: 'complaint' as const,
          severity: 2 as const,
        })),
        refused: [],
      }),
      openMention: () => undefined,
    };
    const app = new ContentApp(bridge, new WorkClock());
    const config = { enabled: true, brand: DEFAULT_POLICY.brand, mastodonHosts: [], genericHosts: [] };
    app.start(config as unknown as ScanConfig, new URL('https://x.com/home'), { watched: false });
    const deadline = Date.now() + 3_000;
    while (!app.elementFor(`x:${JANE}`) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const cell = app.elementFor(`x:${JANE}`);
    expect(cell).not.toBeNull();
    app.stop();
    const other = postElement(xAdapter, GOLDEN_HOUR);
    cell?.replaceChildren(...[...other.childNodes].map((node) => node.cloneNode(true)));
    expect(app.elementFor(`x:${JANE}`)).toBeNull();
  });
});
