// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { normalizeWhitespace, readLabel, readText } from '../../../lib/sites/text';

function fragment(html: string): Element {
  // Test-only markup; product code never parses page text as HTML.
  const parsed = new DOMParser().parseFromString(`<div id="root">${html}</div>`, 'text/html');
  return parsed.getElementById('root') as Element;
}

describe('readText', () => {
  it('replaces emoji images with their alt text, drops other images', () => {
    const node = fragment(
      'Loving it <img alt="😍" src="x.svg"> and <img class="emojione custom-emoji" alt=":acme:" src="a.png"> <img alt="Photo of a blender" src="p.jpg">',
    );
    expect(readText(node)).toBe('Loving it 😍 and :acme:');
  });

  it('collapses whitespace and keeps paragraph breaks as single newlines', () => {
    const node = fragment('<p>  First   line\n continues </p><p></p><p>Second<br>Third</p><div>Fourth</div>');
    expect(readText(node)).toBe('First line continues\nSecond\nThird\nFourth');
  });

  it('pre-wrap mode keeps newline characters and does not break at layout divs', () => {
    const node = fragment(
      '<span>Hi </span><div style="display:inline-flex"><a>@acme</a></div><span> there\n\nnew para</span>',
    );
    expect(readText(node, { whitespace: 'pre-wrap' })).toBe('Hi @acme there\nnew para');
    expect(readText(node)).toBe('Hi\n@acme\nthere new para');
  });

  it('skips hidden, aria-hidden, scripts, styles, svg and form fields', () => {
    const node = fragment(
      'a<span hidden>b</span><span aria-hidden="true">c</span><span style="display: none">d</span><script>e()</script><style>.f{}</style><svg><text>g</text></svg><textarea>h</textarea>i',
    );
    expect(readText(node)).toBe('ai');
  });

  it('can keep aria-hidden copies and skip screen-reader-only ones (LinkedIn)', () => {
    const node = fragment(
      '<span aria-hidden="true">Jane Doe</span><span class="visually-hidden">Jane Doe</span>',
    );
    expect(
      readText(node, { keepAriaHidden: true, skip: (el) => el.classList.contains('visually-hidden') }),
    ).toBe('Jane Doe');
  });

  it('strips direction marks but keeps emoji joiners', () => {
    const node = fragment('\u202aJane\u202c \u200e@jane 👩\u200d💻');
    expect(readText(node)).toBe('Jane @jane 👩\u200d💻');
  });

  it('handles empty input', () => {
    expect(readText(null)).toBe('');
    expect(readText(fragment(''))).toBe('');
  });
});

describe('readLabel and normalizeWhitespace', () => {
  it('reads a one-line label', () => {
    expect(readLabel(fragment('<p>Sam</p><p>Lee</p>'))).toBe('Sam Lee');
  });

  it('normalizes text the same way as readText', () => {
    expect(normalizeWhitespace('  a \u00a0 b \n\n\n c  ')).toBe('a b\nc');
  });
});

describe('normalizeWhitespace: text that needs nothing', () => {
  it('answers as the full normalisation does, for random text of spaces, breaks and letters', () => {
    const alphabet = ['a', 'b', ' ', '\n', '\t', '\r', '\u00a0', '\u200b', '\u2028', 'é'];
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const slow = (text: string) =>
      text
        .replace(/[\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
        .split(/\r\n|[\n\r\u2028\u2029]/)
        .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
        .filter(Boolean)
        .join('\n');
    let unchanged = 0;
    for (let run = 0; run < 20_000; run++) {
      let text = '';
      const length = Math.floor(random() * 8);
      for (let index = 0; index < length; index++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(normalizeWhitespace(text), JSON.stringify(text)).toBe(slow(text));
      if (text.length > 1 && slow(text) === text) unchanged += 1;
    }
    expect(unchanged).toBeGreaterThan(200);
  });
});
