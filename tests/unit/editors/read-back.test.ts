// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readEditableLines } from '../../../lib/editors/dom';
import { mount } from './markup';

// Each editor's rendering of "Hi Jane,\n\nThanks 👍🏽\nAcme" (and of an empty editor), as the library emits it.
const TEXT = 'Hi Jane,\n\nThanks 👍🏽\nAcme';

function draftBlock(key: string, text: string): string {
  const content = text
    ? `<span data-offset-key="${key}"><span data-text="true">${text}</span></span>`
    : `<span data-offset-key="${key}"><br data-text="true"></span>`;
  return `<div data-block="true" data-offset-key="${key}"><div class="public-DraftStyleDefault-block" data-offset-key="${key}">${content}</div></div>`;
}

describe('readEditableLines', () => {
  it.each([
    [
      'Draft.js: one nested block per line, <br data-text> in an empty block',
      `<div data-contents="true">${['Hi Jane,', '', 'Thanks 👍🏽', 'Acme'].map((line, i) => draftBlock(`k${i}`, line)).join('')}</div>`,
    ],
    [
      'Lexical rich text: one <p> per line, <p><br></p> for an empty one',
      '<p dir="ltr"><span data-lexical-text="true">Hi Jane,</span></p><p><br></p><p><span data-lexical-text="true">Thanks 👍🏽</span></p><p><span data-lexical-text="true">Acme</span></p>',
    ],
    [
      'Lexical plain text: one paragraph with <br> line breaks',
      '<p><span data-lexical-text="true">Hi Jane,</span><br><br><span data-lexical-text="true">Thanks 👍🏽</span><br><span data-lexical-text="true">Acme</span></p>',
    ],
    [
      'ProseMirror: <p> per paragraph, trailing break in the empty one',
      '<p>Hi Jane,</p><p><br class="ProseMirror-trailingBreak"></p><p>Thanks 👍🏽</p><p>Acme</p>',
    ],
    [
      'Quill 1: <p> per line, <p><br></p> for an empty one',
      '<p>Hi Jane,</p><p><br></p><p>Thanks 👍🏽</p><p>Acme</p>',
    ],
    ['plain contenteditable with <br>', 'Hi Jane,<br><br>Thanks 👍🏽<br>Acme'],
    [
      'plain contenteditable with Chromium <div> lines',
      'Hi Jane,<div><br></div><div>Thanks 👍🏽</div><div>Acme</div>',
    ],
  ])('%s', (_name, html) => {
    const root = mount(`<div id="root" contenteditable="true">${html}</div>`, '#root');
    expect(readEditableLines(root)).toBe(TEXT);
  });

  it.each([
    ['Draft.js', `<div data-contents="true">${draftBlock('e', '')}</div>`],
    ['Lexical', '<p><br></p>'],
    ['ProseMirror', '<p><br class="ProseMirror-trailingBreak"></p>'],
    ['Quill', '<p><br></p>'],
    ['plain', ''],
  ])('reads an empty %s editor as empty', (_name, html) => {
    const root = mount(`<div id="root" contenteditable="true">${html}</div>`, '#root');
    expect(readEditableLines(root)).toBe('');
  });

  it('keeps a line break that ends a paragraph (break then the placeholder <br>)', () => {
    const root = mount('<div id="root"><p>Hi<br><br></p><p>there</p></div>', '#root');
    expect(readEditableLines(root)).toBe('Hi\n\nthere');
  });

  it('uses emoji images’ alt text and skips decoration images and styles', () => {
    const root = mount(
      '<div id="root"><p>Hi <img alt="😀" src="e.png"><img class="ProseMirror-separator"><style>p{}</style></p></div>',
      '#root',
    );
    expect(readEditableLines(root)).toBe('Hi 😀');
  });
});
