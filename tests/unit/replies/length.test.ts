import { describe, expect, it } from 'vitest';
import { checkReply, measureLength, type ReplyCheckContext } from '../../../lib/replies/checks';
import { replyBoxPrefill } from '../../../lib/replies/reply-prefill';

const LONG_URL = `https://example.com/${'a'.repeat(200)}`;
// 89 characters; Bluesky shows and counts it as "help.example.com/hc/en-gb/art..." (32).
const HELP_URL = 'https://help.example.com/hc/en-gb/articles/360012345678-Returning-an-item-bought-in-store';

function lengthChecks(
  text: string,
  context: Partial<ReplyCheckContext> & Pick<ReplyCheckContext, 'platform'>,
) {
  return checkReply(text, { visibility: 'private', bannedPhrases: [], ...context }).filter(
    (check) => check.id === 'length',
  );
}

describe('measureLength', () => {
  it('uses the weighted length on X: links 23, emoji 2, CJK 2', () => {
    expect(measureLength(`see ${LONG_URL}`, 'x')).toEqual({ used: 27, limit: 280, unit: 'weighted' });
    expect(measureLength('👍🏽👨‍👩‍👧', 'x').used).toBe(4);
    expect(measureLength('日本語', 'x').used).toBe(6);
  });

  it('counts graphemes on Bluesky, each link as the composer shortens it', () => {
    expect(measureLength('👍🏽👨‍👩‍👧é', 'bluesky')).toEqual({ used: 3, limit: 300, unit: 'graphemes' });
    // "example.com/aaaaaaaaaaaaa...": host, then the path cut to 13 characters and "...".
    expect(measureLength(LONG_URL, 'bluesky').used).toBe(27);
    expect(measureLength(HELP_URL, 'bluesky').used).toBe('help.example.com/hc/en-gb/art...'.length);
  });

  it('keeps a short Bluesky path whole and drops only the scheme and a bare "/"', () => {
    expect(measureLength('https://www.example.com/', 'bluesky').used).toBe('www.example.com'.length);
    expect(measureLength('http://example.com/help?id=123456', 'bluesky').used).toBe(
      'example.com/help?id=123456'.length,
    );
    expect(measureLength('http://example.com/help?id=1234567', 'bluesky').used).toBe(
      'example.com/help?id=1234...'.length,
    );
  });

  it('leaves trailing punctuation and bare domains out of Bluesky link shortening', () => {
    expect(measureLength(`(see ${LONG_URL}).`, 'bluesky').used).toBe('(see '.length + 27 + ').'.length);
    expect(measureLength(`help.example.com/${'a'.repeat(50)}`, 'bluesky').used).toBe(17 + 50);
  });

  it('counts Mastodon links as 23 and remote mentions by their local part', () => {
    expect(measureLength(`${LONG_URL} 👍🏽`, 'mastodon')).toEqual({
      used: 25,
      limit: 500,
      unit: 'graphemes',
    });
    expect(measureLength('hi @sam@social.example!', 'mastodon').used).toBe('hi @sam!'.length);
  });

  it('counts punctuation after a Mastodon link, and a link to no real domain in full, as Mastodon does', () => {
    expect(measureLength('see https://example.com/help.', 'mastodon').used).toBe('see '.length + 23 + 1);
    expect(measureLength('(https://example.com/help), ok', 'mastodon').used).toBe(1 + 23 + '), ok'.length);
    expect(measureLength('http://localhost/x', 'mastodon').used).toBe('http://localhost/x'.length);
  });

  it('counts code points elsewhere and knows each site limit', () => {
    expect(measureLength('a😀', 'threads')).toEqual({ used: 2, limit: 500, unit: 'characters' });
    expect(measureLength('x', 'instagram').limit).toBe(2200);
    expect(measureLength('x', 'linkedin').limit).toBe(1250);
    expect(measureLength('x', 'youtube').limit).toBe(10_000);
    expect(measureLength('x', 'reddit').limit).toBe(10_000);
    expect(measureLength('x', 'facebook').limit).toBe(8000);
    expect(measureLength('x', 'web').limit).toBeNull();
  });

  it('takes a limit override', () => {
    expect(measureLength('x', 'mastodon', 1000).limit).toBe(1000);
  });
});

describe('length check', () => {
  it('passes at the limit and fails one over, with the overflow span', () => {
    expect(lengthChecks('a'.repeat(280), { platform: 'x' })).toEqual([]);
    const [check] = lengthChecks('a'.repeat(281), { platform: 'x' });
    expect(check?.severity).toBe('error');
    expect(check?.span).toEqual({ start: 280, end: 281 });
    expect(check?.message).toContain('281 of 280');
  });

  it('lets a long link through on X where raw characters would not fit', () => {
    const text = `${'a'.repeat(250)} ${LONG_URL}`;
    expect(text.length).toBeGreaterThan(280);
    expect(lengthChecks(text, { platform: 'x' })).toEqual([]);
  });

  it('counts emoji as 2 on X', () => {
    const text = `${'a'.repeat(278)}😀`;
    expect(lengthChecks(text, { platform: 'x' })).toEqual([]);
    const [check] = lengthChecks(`${text}!`, { platform: 'x' });
    expect(check?.span).toEqual({ start: 280, end: 281 });
  });

  it('counts a family emoji as one grapheme on Bluesky', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(lengthChecks(family.repeat(300), { platform: 'bluesky' })).toEqual([]);
    const [check] = lengthChecks(family.repeat(301), { platform: 'bluesky' });
    expect(check?.span).toEqual({ start: family.length * 300, end: family.length * 301 });
  });

  it('lets a Bluesky reply with a long link through when the shortened link fits', () => {
    const text = `${'a'.repeat(251)} ${HELP_URL}`;
    expect(text.length).toBe(341);
    expect(measureLength(text, 'bluesky').used).toBe(284);
    expect(lengthChecks(text, { platform: 'bluesky' })).toEqual([]);
  });

  it('reports the count Bluesky shows when a reply with a link is too long', () => {
    const text = `${'a'.repeat(280)} ${HELP_URL}`;
    const [check] = lengthChecks(text, { platform: 'bluesky' });
    expect(check?.message).toContain('313 of 300');
    expect(check?.span).toEqual({ start: 281, end: text.length });
  });

  it('honours an instance limit on Mastodon and X Premium', () => {
    expect(lengthChecks('a'.repeat(600), { platform: 'mastodon' })).toHaveLength(1);
    expect(lengthChecks('a'.repeat(600), { platform: 'mastodon', limitOverride: 1000 })).toEqual([]);
    expect(lengthChecks('a'.repeat(600), { platform: 'x', limitOverride: 25_000 })).toEqual([]);
    const [check] = lengthChecks('a'.repeat(600), { platform: 'x', limitOverride: 500 });
    expect(check?.span).toEqual({ start: 500, end: 600 });
  });

  it('fails a Mastodon reply that is one over once the full stop after its link counts', () => {
    const text = `${'a'.repeat(475)} https://example.com/help.`;
    expect(lengthChecks(text, { platform: 'mastodon' })).toEqual([]);
    const [check] = lengthChecks(`a${text}`, { platform: 'mastodon' });
    expect(check?.message).toContain('501 of 500');
  });

  it('never limits the web', () => {
    expect(lengthChecks('a'.repeat(50_000), { platform: 'web' })).toEqual([]);
  });
});

describe('the mention Mastodon puts in the reply box', () => {
  // Jane's account is on mastodon.social; the agent answers her from another instance or from hers.
  const FROM_ELSEWHERE = {
    authorHandle: 'jane@mastodon.social',
    permalink: 'https://fosstodon.org/@jane@mastodon.social/1',
  };
  const FROM_HER_INSTANCE = {
    authorHandle: 'jane@mastodon.social',
    permalink: 'https://mastodon.social/@jane/1',
  };
  const REPLY = 'a'.repeat(495);

  function mastodonLengthChecks(text: string, post: { authorHandle: string; permalink: string | null }) {
    return lengthChecks(text, {
      platform: 'mastodon',
      replyPrefill: replyBoxPrefill({ platform: 'mastodon', ...post }),
    });
  }

  it('writes the author as the agent’s instance knows them', () => {
    expect(replyBoxPrefill({ platform: 'mastodon', ...FROM_ELSEWHERE })).toBe('@jane@mastodon.social ');
    expect(replyBoxPrefill({ platform: 'mastodon', ...FROM_HER_INSTANCE })).toBe('@jane ');
    expect(
      replyBoxPrefill({
        platform: 'mastodon',
        authorHandle: '@Jane@Mastodon.Social',
        permalink: 'https://MASTODON.social/@Jane/1',
      }),
    ).toBe('@Jane ');
    // Without the instance, the full handle: Mastodon counts it as "@jane" all the same.
    expect(
      replyBoxPrefill({ platform: 'mastodon', authorHandle: 'jane@mastodon.social', permalink: null }),
    ).toBe('@jane@mastodon.social ');
  });

  it('fails a 495-character reply that the "@jane " in front takes to 501', () => {
    expect(mastodonLengthChecks('a'.repeat(494), FROM_ELSEWHERE)).toEqual([]);
    for (const post of [FROM_ELSEWHERE, FROM_HER_INSTANCE]) {
      const [check] = mastodonLengthChecks(REPLY, post);
      expect(check?.severity).toBe('error');
      expect(check?.message).toContain('501 of 500');
      expect(check?.message).toContain('Cut 1.');
      // The span points into the agent's reply, not the box's text.
      expect(check?.span).toEqual({ start: 494, end: 495 });
    }
    expect(mastodonLengthChecks(REPLY, FROM_ELSEWHERE)[0]?.message).toContain(
      'counting the @jane@mastodon.social Mastodon puts before your reply',
    );
  });

  it('counts only "@jane " of "@jane@mastodon.social ", as Mastodon does', () => {
    const measure = measureLength(
      REPLY,
      'mastodon',
      undefined,
      replyBoxPrefill({ platform: 'mastodon', ...FROM_ELSEWHERE }),
    );
    expect(measure).toEqual({
      used: 501,
      limit: 500,
      unit: 'graphemes',
      prefilled: { text: '@jane@mastodon.social', used: '@jane '.length },
    });
  });

  it('does not count the author twice when the reply starts with their handle, which replaces it', () => {
    const fromElsewhere = `@jane@mastodon.social ${'a'.repeat(494)}`;
    expect(mastodonLengthChecks(fromElsewhere, FROM_ELSEWHERE)).toEqual([]);
    expect(
      measureLength(
        fromElsewhere,
        'mastodon',
        undefined,
        replyBoxPrefill({ platform: 'mastodon', ...FROM_ELSEWHERE }),
      ),
    ).toEqual({ used: 500, limit: 500, unit: 'graphemes' });
    expect(mastodonLengthChecks(`@Jane, ${'a'.repeat(493)}`, FROM_HER_INSTANCE)).toEqual([]);
    expect(mastodonLengthChecks(`  @jane ${'a'.repeat(492)}`, FROM_HER_INSTANCE)).toEqual([]);
  });

  it('counts both when the reply starts with another account or another form of the handle, as both are posted', () => {
    // "@jan" is not "@jane"; on her own instance Mastodon writes "@jane ", which a reply starting with the
    // full handle does not replace.
    expect(mastodonLengthChecks(`@jan ${'a'.repeat(490)}`, FROM_HER_INSTANCE)[0]?.message).toContain(
      '501 of 500',
    );
    expect(
      measureLength(
        `@jane@mastodon.social ${'a'.repeat(494)}`,
        'mastodon',
        undefined,
        replyBoxPrefill({ platform: 'mastodon', ...FROM_HER_INSTANCE }),
      ).used,
    ).toBe(506);
  });

  it('leaves the counts of X, Bluesky and Threads as they were', () => {
    const cases = [
      { platform: 'x', text: 'a'.repeat(280) },
      { platform: 'bluesky', text: 'a'.repeat(300) },
      { platform: 'threads', text: 'a'.repeat(500) },
    ] as const;
    for (const { platform, text } of cases) {
      const prefill = replyBoxPrefill({
        platform,
        authorHandle: 'jane',
        permalink: `https://${platform}.example/jane/1`,
      });
      expect(prefill).toBe('');
      expect(measureLength(text, platform, undefined, prefill)).toEqual(measureLength(text, platform));
      expect(lengthChecks(text, { platform, replyPrefill: prefill })).toEqual([]);
      expect(lengthChecks(`${text}a`, { platform, replyPrefill: prefill })[0]?.message).toContain(
        `${text.length + 1} of ${text.length}`,
      );
    }
  });
});
