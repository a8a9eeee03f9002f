// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { detectEditor, findEditableRoot } from '../../../lib/editors/detect';
import { mount } from './markup';

// Markup as each editor library renders it (trimmed): detection must follow the editor, not the site.
const DRAFT_X = `
  <div class="DraftEditor-root">
    <div class="DraftEditor-editorContainer">
      <div id="target" aria-label="Post text" class="notranslate public-DraftEditor-content" contenteditable="true"
           role="textbox" data-testid="tweetTextarea_0">
        <div data-contents="true"><div data-block="true" data-offset-key="a-0-0">
          <div data-offset-key="a-0-0" class="public-DraftStyleDefault-block public-DraftStyleDefault-ltr">
            <span data-offset-key="a-0-0"><br data-text="true"></span>
          </div></div></div>
      </div>
    </div>
  </div>`;
const LEXICAL_REDDIT = `
  <shreddit-composer><div id="target" contenteditable="true" role="textbox" data-lexical-editor="true">
    <p><br></p></div><button slot="submit-button" type="submit">Comment</button></shreddit-composer>`;
const TIPTAP_BLUESKY = `
  <div data-testid="composePostView"><div id="target" contenteditable="true" class="tiptap ProseMirror" role="textbox"
    translate="no"><p><br class="ProseMirror-trailingBreak"></p></div></div>`;
const QUILL_LINKEDIN = `
  <div class="comments-comment-box--reply"><div class="ql-container"><div id="target" class="ql-editor ql-blank"
    contenteditable="true" role="textbox"><p><br></p></div><div class="ql-clipboard" contenteditable="true" tabindex="-1"></div>
    </div></div>`;
const MASTODON = `<form class="compose-form"><textarea id="target" class="autosuggest-textarea__textarea"></textarea></form>`;
const YOUTUBE = `<ytd-commentbox><div id="target" contenteditable="true" aria-label="Add a reply…"></div></ytd-commentbox>`;

describe('detectEditor', () => {
  it.each([
    ['Draft.js (X)', DRAFT_X, 'draft-js'],
    ['Lexical (Reddit)', LEXICAL_REDDIT, 'lexical'],
    ['TipTap/ProseMirror (Bluesky)', TIPTAP_BLUESKY, 'prosemirror'],
    ['Quill (legacy LinkedIn)', QUILL_LINKEDIN, 'quill1'],
    ['React textarea (Mastodon)', MASTODON, 'textarea'],
    ['plain contenteditable (YouTube)', YOUTUBE, 'contenteditable'],
  ])('recognises %s from its markup', (_name, html, kind) => {
    const target = mount(html, '#target');
    const detected = detectEditor(target);
    expect(detected?.strategy.kind).toBe(kind);
    expect(detected?.editable).toBe(target);
  });

  it('uses the editor signature, not the site: a ProseMirror editor on X is ProseMirror', () => {
    const target = mount(
      `<div data-testid="tweetTextarea_0" id="target" contenteditable="true" class="ProseMirror"><p>hi</p></div>`,
      '#target',
    );
    expect(detectEditor(target)?.strategy.kind).toBe('prosemirror');
  });

  it('detects Draft.js by its [data-contents] block container even without Draft class names', () => {
    const target = mount(
      `<div id="target" contenteditable="true"><div data-contents="true"><div data-block="true"></div></div></div>`,
      '#target',
    );
    expect(detectEditor(target)?.strategy.kind).toBe('draft-js');
  });

  it('finds the editor inside a wrapper the adapter returned', () => {
    const wrapper = mount(LEXICAL_REDDIT, 'shreddit-composer');
    const detected = detectEditor(wrapper);
    expect(detected?.strategy.kind).toBe('lexical');
    expect(detected?.editable.id).toBe('target');
  });

  it('walks from an element inside the editor up to its editing host', () => {
    mount(DRAFT_X);
    const inner = document.querySelector<HTMLElement>('.public-DraftStyleDefault-block');
    if (!inner) throw new Error('markup');
    const detected = detectEditor(inner);
    expect(detected?.editable.id).toBe('target');
    expect(detected?.strategy.kind).toBe('draft-js');
  });

  it('takes the outermost editing host when editable islands are nested inside the editor', () => {
    mount(
      `<div id="target" contenteditable="true" data-lexical-editor="true"><p>Hi <span contenteditable="false">
        <span id="island" contenteditable="true">@jane</span></span></p></div>`,
    );
    const island = document.querySelector<HTMLElement>('#island');
    if (!island) throw new Error('markup');
    expect(findEditableRoot(island)?.id).toBe('target');
    expect(detectEditor(island)?.strategy.kind).toBe('lexical');
  });

  it('returns null for markup with nothing editable', () => {
    const element = mount(`<div id="target"><p>Just a post</p><button>Reply</button></div>`, '#target');
    expect(detectEditor(element)).toBeNull();
    const disabled = mount(`<div id="target" contenteditable="false">read only</div>`, '#target');
    expect(detectEditor(disabled)).toBeNull();
  });
});
