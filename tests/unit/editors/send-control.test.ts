// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findSendControl, isControlEnabled } from '../../../lib/editors/send-control';
import { mount } from './markup';

function editor(): HTMLElement {
  const element = document.querySelector<HTMLElement>('#editor');
  if (!element) throw new Error('markup has no #editor');
  return element;
}

describe('findSendControl', () => {
  it("finds X's inline reply button, not the post's own Reply control", () => {
    mount(`
      <article data-testid="tweet"><button data-testid="reply" aria-label="Reply">Reply</button></article>
      <div><div class="DraftEditor-root"><div id="editor" contenteditable="true"></div></div>
        <div data-testid="toolBar"><button aria-label="Add emoji">😀</button>
          <button id="send" data-testid="tweetButtonInline" disabled>Reply</button></div></div>`);
    expect(findSendControl(editor())?.id).toBe('send');
  });

  it('finds Bluesky’s publish button above the editor by its test id', () => {
    mount(`<div data-testid="composePostView"><div><button>Cancel</button>
      <button id="send" data-testid="composerPublishBtn">Reply</button></div>
      <div><div id="editor" class="ProseMirror" contenteditable="true"></div></div></div>`);
    expect(findSendControl(editor())?.id).toBe('send');
  });

  it("finds the submit button of the editor's form and ignores the form's other buttons", () => {
    mount(`<form><textarea id="editor"></textarea><button type="button" aria-label="Insert emoji">☺</button>
      <button>Add image</button><button id="send" type="submit">Publicar</button></form>`);
    expect(findSendControl(editor())?.id).toBe('send');
  });

  it('finds a labelled div[role=button] after the editor (Facebook, Instagram)', () => {
    mount(`<div role="article"><div role="button">Reply</div></div>
      <form role="presentation"><div><div id="editor" contenteditable="true"></div></div>
      <div><div id="send" role="button" aria-label="Comment" aria-disabled="true">➤</div></div></form>`);
    expect(findSendControl(editor())?.id).toBe('send');
  });

  it("finds YouTube's #submit-button", () => {
    mount(`<ytd-commentbox><div id="editor" contenteditable="true"></div><ytd-button-renderer id="cancel-button">
      <button aria-label="Cancel">Cancel</button></ytd-button-renderer><ytd-button-renderer id="submit-button">
      <button id="send" aria-label="Reply">Reply</button></ytd-button-renderer></ytd-commentbox>`);
    expect(findSendControl(editor())?.id).toBe('send');
  });

  it('prefers the nearest composer when the page has another one (X home timeline composer)', () => {
    mount(`<div><div contenteditable="true"></div><button data-testid="tweetButtonInline">Post</button></div>
      <div role="dialog"><div><div id="editor" contenteditable="true"></div></div>
      <button id="send" data-testid="tweetButton">Reply</button></div>`);
    expect(findSendControl(editor())?.id).toBe('send');
  });

  it("stops at the composer's form: a later comment's Reply is not its send control", () => {
    // A reply box open in a thread, its send button not recognised (a localized label), and the next
    // comment's Reply after it.
    mount(`<div><div role="article" aria-label="Comment by Sam Lee"><div role="button">Reply</div></div>
      <form role="presentation"><div><div id="editor" contenteditable="true"></div></div>
      <div><div role="button" aria-label="Insert an emoji">☺</div><div role="button" aria-label="Publicar">➤</div></div></form>
      <div role="article" aria-label="Comment by Priya Raman"><div id="other" role="button">Reply</div></div></div>`);
    expect(findSendControl(editor())).toBeNull();
  });

  it('returns null when nothing around the editor looks like a send control', () => {
    mount(`<div><button>Reply</button><div><div id="editor" contenteditable="true"></div>
      <button aria-label="Add emoji">😀</button></div></div>`);
    expect(findSendControl(editor())).toBeNull();
  });
});

describe('isControlEnabled', () => {
  it('reads disabled, aria-disabled and a disabled fieldset', () => {
    const root = mount(`<button id="a">Post</button><button id="b" disabled>Post</button>
      <div id="c" role="button" aria-disabled="true">Post</div><div id="d" role="button" aria-disabled="false">Post</div>
      <fieldset disabled><button id="e">Post</button></fieldset>`);
    const enabled = (id: string) => {
      const element = root.querySelector(`#${id}`);
      if (!element) throw new Error(id);
      return isControlEnabled(element);
    };
    expect([enabled('a'), enabled('b'), enabled('c'), enabled('d'), enabled('e')]).toEqual([
      true,
      false,
      false,
      true,
      false,
    ]);
  });
});
