import { describe, expect, it } from 'vitest';
import { paragraphsHtml } from '../../../lib/editors/strategies/prosemirror';
import { expectedEditorText, normaliseEditorText, sitePrefilledPrefix } from '../../../lib/editors/text';

describe('normaliseEditorText', () => {
  it('unifies line endings, turns no-break spaces into spaces and drops trailing line breaks', () => {
    expect(normaliseEditorText('Hi\r\nthere\rnow\u00a0 ok\n\n')).toBe('Hi\nthere\nnow  ok');
  });

  it('keeps blank lines, leading spaces, tabs and emoji sequences', () => {
    const text = '  Hi\n\n\tthere 👨‍👩‍👧‍👦 🇫🇷';
    expect(normaliseEditorText(text)).toBe(text);
  });
});

describe('sitePrefilledPrefix', () => {
  it('keeps the handles Mastodon and Instagram prefill', () => {
    expect(sitePrefilledPrefix('@jane@example.social ', 'Thanks!')).toBe('@jane@example.social ');
    expect(sitePrefilledPrefix('@jane@example.social @bob ', 'Thanks!')).toBe('@jane@example.social @bob ');
    expect(sitePrefilledPrefix('@jane.doe_1\u00a0', 'Thanks!')).toBe('@jane.doe_1\u00a0');
  });

  it('keeps the handle but not what follows it (an earlier insert is replaced)', () => {
    expect(sitePrefilledPrefix('@jane First try', 'Second try')).toBe('@jane ');
  });

  it('keeps nothing when the reply already starts with that handle', () => {
    expect(sitePrefilledPrefix('@jane ', '@Jane thanks!')).toBe('');
    expect(sitePrefilledPrefix('@jane ', '@jane, thanks!')).toBe('');
    expect(sitePrefilledPrefix('@jane@example.social ', '@jane@example.social. Thanks!')).toBe('');
  });

  it('keeps the prefilled handle when the reply starts with a longer one', () => {
    expect(sitePrefilledPrefix('@jo ', '@jordan thanks for the tip')).toBe('@jo ');
    expect(sitePrefilledPrefix('@jane@example.social ', '@jane thanks')).toBe('@jane@example.social ');
  });

  it('keeps nothing from a box without a leading handle, or a handle not yet ended by a space', () => {
    expect(sitePrefilledPrefix('', 'Hi')).toBe('');
    expect(sitePrefilledPrefix('Old draft @jane ', 'Hi')).toBe('');
    expect(sitePrefilledPrefix('@jane', 'Hi')).toBe('');
    expect(sitePrefilledPrefix('email@example.com ', 'Hi')).toBe('');
  });

  it('gives the text the editor should hold afterwards', () => {
    expect(expectedEditorText('@jane ', 'Hi\n')).toBe('@jane Hi');
  });
});

describe('paragraphsHtml (the ProseMirror paste)', () => {
  it('makes one escaped paragraph per line, an empty one for a blank line, marked as an open slice', () => {
    expect(paragraphsHtml('<b>Tom & "J"</b>\n\nbye')).toBe(
      '<p data-pm-slice="1 1 []">&lt;b&gt;Tom &amp; &quot;J&quot;&lt;/b&gt;</p><p></p><p>bye</p>',
    );
  });
});
