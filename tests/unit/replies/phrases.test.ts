import { describe, expect, it } from 'vitest';
import { type BannedPhrase, checkReply, type ReplyCheck } from '../../../lib/replies/checks';

function run(text: string, bannedPhrases: BannedPhrase[] = []): ReplyCheck[] {
  return checkReply(text, { platform: 'web', visibility: 'private', bannedPhrases });
}

function spans(text: string, checks: ReplyCheck[], id: string): string[] {
  return checks
    .filter((check) => check.id === id)
    .map((check) => text.slice(check.span?.start, check.span?.end));
}

describe('banned phrases', () => {
  const banned: BannedPhrase[] = [
    { phrase: 'guarantee', reason: 'Legal has not approved promises.', suggestion: 'aim to' },
    { phrase: 'no refunds' },
    { phrase: 'C++ (beta)' },
  ];

  it('finds each occurrence, case- and accent-insensitively, as whole words', () => {
    const text = 'We GUARANTEE it. Guarantée! No  refunds. guaranteed delivery';
    const checks = run(text, banned);
    expect(spans(text, checks, 'banned-phrase')).toEqual(['GUARANTEE', 'Guarantée', 'No  refunds']);
    expect(checks.every((check) => check.severity === 'error')).toBe(true);
  });

  it('gives the reason and offers the suggestion as a replacement', () => {
    const [check] = run('we guarantee it', banned);
    expect(check?.message).toContain('Legal has not approved promises.');
    expect(check?.fix).toEqual({ kind: 'replace', replacement: 'aim to' });
    const [plain] = run('no refunds here', banned);
    expect(plain?.fix).toBeUndefined();
  });

  it('matches phrases with punctuation literally', () => {
    const text = 'try C++ (beta) or C++ beta';
    expect(spans(text, run(text, banned), 'banned-phrase')).toEqual(['C++ (beta)']);
  });

  it('finds phrases in scripts written without spaces, touching their neighbours', () => {
    const cjk: BannedPhrase[] = [{ phrase: '保証' }, { phrase: 'サーバー' }, { phrase: 'คืนเงิน' }];
    const japanese = '必ず保証します。サーバーを再起動しました';
    expect(spans(japanese, run(japanese, cjk), 'banned-phrase')).toEqual(['保証', 'サーバー']);
    const thai = 'เราจะคืนเงินให้คุณภายในสามวัน';
    expect(spans(thai, run(thai, cjk), 'banned-phrase')).toEqual(['คืนเงิน']);
    // A Latin phrase right next to Han text, as in "免费Wi-Fi".
    const mixed = '免费Wi-Fi保证';
    expect(spans(mixed, run(mixed, [{ phrase: 'wi-fi' }]), 'banned-phrase')).toEqual(['Wi-Fi']);
  });

  it('tells apart words that differ only in a vowel sign or tone mark', () => {
    // Thai ไม่ ("not") and ไม้ ("wood"); Hindi कम ("less") and काम ("work").
    const thai = 'ไม้บรรทัดนี้ไม่ได้ใช้';
    expect(spans(thai, run(thai, [{ phrase: 'ไม่' }]), 'banned-phrase')).toEqual(['ไม่']);
    const hindi = 'यह काम कम है';
    expect(spans(hindi, run(hindi, [{ phrase: 'कम' }]), 'banned-phrase')).toEqual(['कम']);
    // A phrase without the mark is another word too, and the span keeps the mark the agent typed.
    expect(spans(thai, run(thai, [{ phrase: 'ไม' }]), 'banned-phrase')).toEqual([]);
    // The same marks typed in another order are the same word.
    const reordered = 'ปุ่ม'.replace('\u0e38\u0e48', '\u0e48\u0e38');
    expect(spans(reordered, run(reordered, [{ phrase: 'ปุ่ม' }]), 'banned-phrase')).toEqual([reordered]);
  });

  it('reads a hyphen or dash between words as a space, in the phrase and in the draft', () => {
    const text = 'Try self service, self–service, self‐service or self-service.';
    expect(spans(text, run(text, [{ phrase: 'self-service' }]), 'banned-phrase')).toEqual([
      'self service',
      'self–service',
      'self‐service',
      'self-service',
    ]);
    expect(spans(text, run(text, [{ phrase: 'self service' }]), 'banned-phrase')).toHaveLength(4);
    const calm = 'Please calm-down, or calm—down.';
    expect(spans(calm, run(calm), 'arguing')).toEqual(['calm-down', 'calm—down']);
  });

  it('keeps combining accents after a phrase inside its span', () => {
    const text = 'a cafe\u0301 nearby';
    expect(spans(text, run(text, [{ phrase: 'café' }]), 'banned-phrase')).toEqual(['cafe\u0301']);
  });

  it('still keeps Latin phrases to whole words', () => {
    const text = 'refunded, prerefund, refund_x, refund.';
    expect(spans(text, run(text, [{ phrase: 'refund' }]), 'banned-phrase')).toEqual(['refund']);
  });

  it('ignores empty phrases', () => {
    expect(run('anything at all', [{ phrase: '' }, { phrase: '  ' }])).toEqual([]);
  });
});

describe('arguing and blaming wording', () => {
  it('flags the usual phrases, with any apostrophe', () => {
    const text =
      'Obviously, as I already said, you should have read it. Calm down: that’s not our fault. Actually, you are late. You failed to reply, per my last message. With all due respect, no.';
    const found = spans(text, run(text), 'arguing');
    expect(found).toEqual([
      'Obviously',
      'as I already said',
      'you should have',
      'Calm down',
      'that’s not our fault',
      'Actually, you',
      'You failed to',
      'per my last',
      'With all due respect',
    ]);
    expect(
      run(text)
        .filter((check) => check.id === 'arguing')
        .every((check) => check.severity === 'warning'),
    ).toBe(true);
  });

  it('prefers the longest phrase and respects word boundaries', () => {
    const text = 'As I said before: unobviously calm downstream, not our faults';
    expect(spans(text, run(text), 'arguing')).toEqual(['As I said']);
  });

  it('flags contracted and conditional forms of the same blame and impatience', () => {
    const text =
      "You should've ordered earlier. Like I said, I already told you. That's your fault; it isn't our fault. If you'd read the page… You're mistaken. Sorry you feel that way; sorry if you were upset.";
    expect(spans(text, run(text), 'arguing')).toEqual([
      "You should've",
      'Like I said',
      'I already told you',
      "That's your fault",
      "isn't our fault",
      "If you'd read",
      "You're mistaken",
      'Sorry you feel',
      'sorry if you',
    ]);
  });

  it('leaves a kind reply alone', () => {
    expect(run('So sorry about the wait, Jo. We have sent a replacement today. – Sam')).toEqual([]);
    expect(run("It's not your fault, Jo, and I'm sorry you had to chase us. – Sam")).toEqual([]);
  });

  it('leaves "you should have" alone when it says what the customer can expect', () => {
    const text =
      "You should have received an email from us. You should've got a text too, and you should have the new one by Friday.";
    expect(spans(text, run(text), 'arguing')).toEqual([]);
    // Still blame: what the customer should have done, or been.
    const blame = 'You should have been more careful. You should have seen the warning.';
    expect(spans(blame, run(blame), 'arguing')).toEqual(['You should have', 'You should have']);
  });
});

describe('banned phrases that are also arguing wording', () => {
  it('are marked once, as the policy bans them, not also as arguing wording', () => {
    const text = 'Please calm down, it is not our fault. Like I said, we shipped it.';
    const checks = run(text, [{ phrase: 'calm down', reason: 'Dismissive.', suggestion: 'I understand' }]);
    const marked = checks.map((check) => `${check.id}: ${text.slice(check.span?.start, check.span?.end)}`);
    expect(marked).toContain('banned-phrase: calm down');
    expect(marked).not.toContain('arguing: calm down');
    // Arguing wording the policy does not list is still marked.
    expect(marked).toContain('arguing: Like I said');
  });
});
