import { describe, expect, it } from 'vitest';
import { mastodonLimitFor } from '../../../lib/background/mastodon-limits';
import { publicReplyCheckContext } from '../../../lib/replies/check-context';
import { checkReply, measureLength } from '../../../lib/replies/checks';
import { replyBoxPrefill } from '../../../lib/replies/reply-prefill';

// 606 characters: over Mastodon's default 500, within an instance allowing 1000.
const REPLY = `${'Thanks for waiting. '.repeat(30)}Sam L.`;
const LIMITS = { 'hachyderm.io': { maxCharacters: 1000, checkedAt: '2026-03-01T09:00:00.000Z' } };

function lengthChecksFor(permalink: string) {
  const lengthLimit = mastodonLimitFor(permalink, LIMITS);
  const context = publicReplyCheckContext({ platform: 'mastodon', policy: undefined, lengthLimit });
  return {
    checks: checkReply(REPLY, context).filter((check) => check.id === 'length'),
    measure: measureLength(REPLY, 'mastodon', lengthLimit),
  };
}

describe('publicReplyCheckContext and an instance’s own length limit', () => {
  it('lets a 606-character reply through on an instance that allows 1000, the counter agreeing', () => {
    expect(REPLY).toHaveLength(606);
    const { checks, measure } = lengthChecksFor('https://hachyderm.io/@fan/113');
    expect(checks).toEqual([]);
    expect(measure).toEqual({ used: 606, limit: 1000, unit: 'graphemes' });
  });

  it('holds it to 500 on an instance that has not told its limit', () => {
    const { checks, measure } = lengthChecksFor('https://mastodon.social/@fan/113');
    expect(checks).toHaveLength(1);
    expect(checks[0]?.message).toContain('606 of 500');
    expect(measure.limit).toBe(500);
  });

  it('leaves the site’s limit alone when no instance limit is given', () => {
    const context = publicReplyCheckContext({ platform: 'mastodon', policy: undefined });
    expect(context).not.toHaveProperty('limitOverride');
    expect(context).not.toHaveProperty('replyPrefill');
  });

  it('holds the reply with the "@fan " Mastodon puts before it to the limit', () => {
    const replyPrefill = replyBoxPrefill({
      platform: 'mastodon',
      authorHandle: 'fan@mastodon.social',
      permalink: 'https://mastodon.social/@fan/113',
    });
    const context = publicReplyCheckContext({ platform: 'mastodon', policy: undefined, replyPrefill });
    const lengthChecks = (text: string) => checkReply(text, context).filter((check) => check.id === 'length');
    const reply = 'a'.repeat(496);
    expect(lengthChecks(reply)[0]?.message).toContain('501 of 500');
    expect(lengthChecks(`@fan ${reply.slice(5)}`)).toEqual([]);
  });
});
