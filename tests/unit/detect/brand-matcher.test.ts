import { describe, expect, it } from 'vitest';
import { type BrandTermsInput, compileBrandMatcher } from '../../../lib/detect/brand-matcher';

const acmeTerms: BrandTermsInput = {
  name: 'Acme',
  names: ['Acme'],
  aliases: ['Acme Store', 'Acme App'],
  handles: ['acme', 'acmehelp'],
  hashtags: ['acme'],
  domains: ['acme.example'],
  misspellings: ['acmee'],
  exclusions: ['Acme Brick', 'Acme Markets'],
  ownAccounts: [
    { platform: 'x', handle: 'AcmeHelp' },
    { platform: 'mastodon', handle: 'acme@social.example' },
  ],
};

const emptyTerms: BrandTermsInput = {
  name: '',
  names: [],
  aliases: [],
  handles: [],
  hashtags: [],
  domains: [],
  misspellings: [],
  exclusions: [],
  ownAccounts: [],
};

const acme = compileBrandMatcher(acmeTerms);

/** What the reader sees for each match, with how it matched. */
function visible(text: string, matcher = acme): Array<[string, string, string]> {
  return matcher.find(text).map((match) => [text.slice(match.start, match.end), match.kind, match.term]);
}

describe('brand matcher: folding', () => {
  it('ignores case', () => {
    expect(visible('ACME and acme and AcMe')).toEqual([
      ['ACME', 'name', 'Acme'],
      ['acme', 'name', 'Acme'],
      ['AcMe', 'name', 'Acme'],
    ]);
  });

  it('ignores diacritics, precomposed or combining', () => {
    expect(visible('Àcmé is fine')).toEqual([['Àcmé', 'name', 'Acme']]);
    expect(visible('A\u0301cme\u0308 is fine')).toEqual([['A\u0301cme\u0308', 'name', 'Acme']]);
  });

  it('sees through marks of any script on the brand, so none can hide it', () => {
    // A Devanagari anusvara or a Thai mark placed on Latin letters.
    expect(visible('Acme\u0902 support')).toEqual([['Acme\u0902', 'name', 'Acme']]);
    expect(visible('Ac\u0902me and A\u0e4dcme')).toEqual([
      ['Ac\u0902me', 'name', 'Acme'],
      ['A\u0e4dcme', 'name', 'Acme'],
    ]);
  });

  it('folds full-width and mathematical letters', () => {
    expect(visible('ｉ ｌｏｖｅ Ａｃｍｅ！')).toEqual([['Ａｃｍｅ', 'name', 'Acme']]);
    expect(visible('𝐀𝐜𝐦𝐞 again')).toEqual([['𝐀𝐜𝐦𝐞', 'name', 'Acme']]);
    expect(visible('＠ａｃｍｅ')).toEqual([['＠ａｃｍｅ', 'handle', 'acme']]);
  });

  it('sees through zero-width characters and soft hyphens inside the word', () => {
    const text = 'boycott Ac\u200Bme and A\u00ADc\u200Dm\uFEFFe';
    expect(visible(text)).toEqual([
      ['Ac\u200Bme', 'name', 'Acme'],
      ['A\u00ADc\u200Dm\uFEFFe', 'name', 'Acme'],
    ]);
  });

  it('sees through bidi controls and keeps them out of the span', () => {
    const text = 'x \u202EAcme\u202C and \u2067Acme\u2069 and A\u200Fcme';
    expect(visible(text)).toEqual([
      ['Acme', 'name', 'Acme'],
      ['Acme', 'name', 'Acme'],
      ['A\u200Fcme', 'name', 'Acme'],
    ]);
  });

  it('does not let an invisible character glue a suffix on unnoticed', () => {
    // Folded, this reads "acmeville": the reader sees one word, so it is not the brand.
    expect(visible('Acme\u200Bville')).toEqual([]);
  });

  it('matches multi-word terms across any whitespace run', () => {
    const text = 'the Acme \n\t Store app and Acme\u00A0App';
    expect(visible(text)).toEqual([
      ['Acme \n\t Store', 'alias', 'Acme Store'],
      ['Acme\u00A0App', 'alias', 'Acme App'],
    ]);
  });
});

describe('brand matcher: boundaries', () => {
  it('respects word boundaries', () => {
    expect(visible('Acmeville AcmeStore NotAcme acme2 acme_bot')).toEqual([]);
  });

  it('treats hyphens and apostrophes as boundaries (acme-ish, possessives)', () => {
    expect(visible("acme-ish, Acme's and Acme’s")).toEqual([
      ['acme', 'name', 'Acme'],
      ['Acme', 'name', 'Acme'],
      ['Acme', 'name', 'Acme'],
    ]);
  });

  it('matches next to emoji and punctuation', () => {
    expect(visible('🔥Acme🔥 (Acme) "acme"! 👍🏽acme')).toEqual([
      ['Acme', 'name', 'Acme'],
      ['Acme', 'name', 'Acme'],
      ['acme', 'name', 'Acme'],
      ['acme', 'name', 'Acme'],
    ]);
  });

  it('needs no spaces around terms in scripts written without them', () => {
    const matcher = compileBrandMatcher({ ...emptyTerms, names: ['Acme', '无印良品'] });
    expect(visible('我喜欢Acme的东西', matcher)).toEqual([['Acme', 'name', 'Acme']]);
    expect(visible('我喜欢无印良品的东西', matcher)).toEqual([['无印良品', 'name', '无印良品']]);
    // Next to kana with a voicing mark (で, が, ド).
    expect(visible('ここでAcmeを使った', matcher)).toEqual([['Acme', 'name', 'Acme']]);
    expect(visible('ブランドAcmeは', matcher)).toEqual([['Acme', 'name', 'Acme']]);
  });

  it('prefers the longest term when terms overlap', () => {
    expect(visible('Acme Store')).toEqual([['Acme Store', 'alias', 'Acme Store']]);
    expect(visible('Acme Stores')).toEqual([['Acme', 'name', 'Acme']]);
  });

  it('matches misspellings as words', () => {
    expect(visible('acmee broke again, acmeee too')).toEqual([['acmee', 'misspelling', 'acmee']]);
  });
});

describe('brand matcher: handles and hashtags', () => {
  it('matches listed handles exactly', () => {
    expect(visible('@acmestore @acme_uk @acme @AcmeHelp: @acme.')).toEqual([
      ['@acme', 'handle', 'acme'],
      ['@AcmeHelp', 'handle', 'acmehelp'],
      ['@acme', 'handle', 'acme'],
    ]);
  });

  it('does not take another server or domain handle for ours', () => {
    expect(visible('@acme@other.social and @acme.bsky.social')).toEqual([]);
  });

  it('does not read a name after @ as a mention of the brand when the handle is not listed', () => {
    const matcher = compileBrandMatcher({ ...emptyTerms, names: ['Acme'] });
    expect(visible('@acme hi', matcher)).toEqual([]);
    expect(visible('acme hi', matcher)).toEqual([['acme', 'name', 'Acme']]);
  });

  it('does not read an e-mail address as a handle', () => {
    expect(visible('write to bob@acme now')).toEqual([]);
  });

  it('matches hashtags, listed and derived from names', () => {
    expect(visible('#acme #AcmeStore #Acmee #acmefail')).toEqual([
      ['#acme', 'hashtag', 'acme'],
      ['#AcmeStore', 'hashtag', 'Acme Store'],
      ['#Acmee', 'hashtag', 'acmee'],
    ]);
  });

  it('matches a handle or hashtag followed by a possessive', () => {
    expect(visible("@acme's reply to #acme's fans")).toEqual([
      ['@acme', 'handle', 'acme'],
      ['#acme', 'hashtag', 'acme'],
    ]);
  });

  it('matches listed Mastodon handles with their server', () => {
    const matcher = compileBrandMatcher({ ...emptyTerms, handles: ['acme@social.example'] });
    expect(visible('cc @acme@social.example please', matcher)).toEqual([
      ['@acme@social.example', 'handle', 'acme@social.example'],
    ]);
  });
});

describe('brand matcher: domains', () => {
  it('matches the domain in links and bare text, with subdomains', () => {
    const text = 'see https://www.acme.example/help, help.acme.example/path?q=1 or acme.example.';
    expect(visible(text)).toEqual([
      ['www.acme.example', 'domain', 'acme.example'],
      ['help.acme.example', 'domain', 'acme.example'],
      ['acme.example', 'domain', 'acme.example'],
    ]);
  });

  it('matches an address at the domain', () => {
    expect(visible('mail support@acme.example')).toEqual([['acme.example', 'domain', 'acme.example']]);
  });

  it('rejects look-alike hosts', () => {
    expect(visible('acme.example.evil.com evil-acme.example notacme.example acme.examples.net')).toEqual([]);
  });

  it('accepts domains written as URLs in the policy', () => {
    const matcher = compileBrandMatcher({ ...emptyTerms, domains: ['HTTPS://WWW.Acme.Example/'] });
    expect(visible('go to http://acme.example:8080/x', matcher)).toEqual([
      ['acme.example', 'domain', 'HTTPS://WWW.Acme.Example/'],
    ]);
  });
});

describe('brand matcher: exclusions', () => {
  it('drops matches inside an exclusion phrase', () => {
    expect(visible('Acme Brick delivered; ACME   MARKETS too')).toEqual([]);
  });

  it('keeps the brand next to an exclusion', () => {
    expect(visible('Acme Brick is not Acme')).toEqual([['Acme', 'name', 'Acme']]);
  });

  it('applies word boundaries to exclusions too', () => {
    expect(visible('Acme Bricklayers')).toEqual([['Acme', 'name', 'Acme']]);
  });
});

describe('brand matcher: terms', () => {
  it('ignores empty and invisible-only terms', () => {
    const matcher = compileBrandMatcher({
      ...emptyTerms,
      names: ['', '   ', '\u200B'],
      handles: ['@', ''],
      hashtags: ['#'],
      domains: ['https://'],
    });
    expect(matcher.termCount).toBe(0);
    expect(matcher.find('anything @ # at all')).toEqual([]);
  });

  it('treats regular-expression metacharacters literally', () => {
    const matcher = compileBrandMatcher({
      ...emptyTerms,
      names: ['C++ Tools', 'A.C.M.E', '(Acme)*', '.NET+'],
    });
    expect(visible('we use C++ Tools and A.C.M.E daily', matcher)).toEqual([
      ['C++ Tools', 'name', 'C++ Tools'],
      ['A.C.M.E', 'name', 'A.C.M.E'],
    ]);
    expect(visible('AXCXMXE and Acme and (Acme)* and .NET+', matcher)).toEqual([
      ['(Acme)*', 'name', '(Acme)*'],
      ['.NET+', 'name', '.NET+'],
    ]);
  });

  it('counts distinct terms', () => {
    expect(acme.termCount).toBe(8);
  });

  it('finds every one of a thousand terms in a single text', () => {
    const names = Array.from({ length: 1000 }, (_, index) => `Brand ${index.toString(36)} Zed`);
    const handles = Array.from({ length: 1000 }, (_, index) => `brand_${index}`);
    const matcher = compileBrandMatcher({ ...emptyTerms, names, handles });
    expect(matcher.termCount).toBe(2000);
    const text = names.map((name, index) => `${name.toUpperCase()} and @${handles[index]};`).join(' ');
    const matches = matcher.find(text);
    expect(matches).toHaveLength(2000);
    for (let index = 0; index < 1000; index++) {
      const nameMatch = matches[index * 2];
      const handleMatch = matches[index * 2 + 1];
      expect(nameMatch?.term).toBe(names[index]);
      expect(nameMatch && text.slice(nameMatch.start, nameMatch.end)).toBe(names[index]?.toUpperCase());
      expect(handleMatch?.term).toBe(handles[index]);
      expect(handleMatch && text.slice(handleMatch.start, handleMatch.end)).toBe(`@${handles[index]}`);
    }
    // A prefix of another term's handle is not a match: @brand_1 must not fire inside @brand_10.
    expect(matcher.find('@brand_1000')).toEqual([]);
  });

  it('maps offsets back to the original text around astral and expanding characters', () => {
    const text = '😀😀 ﷽ ﬁne Ａｃｍｅ’s 𝕒𝕔𝕞𝕖';
    const found = acme.find(text);
    expect(found.map((match) => text.slice(match.start, match.end))).toEqual(['Ａｃｍｅ', '𝕒𝕔𝕞𝕖']);
  });
});

describe('brand matcher: own accounts', () => {
  it('recognises the brand’s accounts case-insensitively, with or without @', () => {
    expect(acme.isOwnAccount('x', 'acmehelp')).toBe(true);
    expect(acme.isOwnAccount('x', '@ACMEHELP')).toBe(true);
    expect(acme.isOwnAccount('x', 'acmehelp2')).toBe(false);
    expect(acme.isOwnAccount('bluesky', 'acmehelp')).toBe(false);
    expect(acme.isOwnAccount('x', '')).toBe(false);
  });

  it('handles Mastodon user@domain', () => {
    expect(acme.isOwnAccount('mastodon', '@acme@social.example')).toBe(true);
    expect(acme.isOwnAccount('mastodon', 'Acme@Social.Example')).toBe(true);
    // Local accounts show without their server: the local part decides.
    expect(acme.isOwnAccount('mastodon', 'acme')).toBe(true);
    expect(acme.isOwnAccount('mastodon', 'acme@other.social')).toBe(false);
  });
});
