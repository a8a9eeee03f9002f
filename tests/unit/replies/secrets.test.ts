import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import { checkReply, type ReplyCheckContext } from '../../../lib/replies/checks';

const PUBLIC: ReplyCheckContext = { platform: 'x', visibility: 'public', bannedPhrases: [] };
const PRIVATE: ReplyCheckContext = { ...PUBLIC, visibility: 'private' };

function asked(text: string, context = PUBLIC): string[] {
  return checkReply(text, context)
    .filter((check) => check.id === 'asks-for-secret')
    .map((check) => text.slice(check.span?.start, check.span?.end));
}

describe('asking the customer for a secret', () => {
  it('warns where a reply asks for a password, a PIN, a card number or a code, public or private', () => {
    expect(asked('Hi Sam, could you DM us your password so we can check the account?')).toEqual(['password']);
    expect(asked("What's your PIN? We'll sort it.", PRIVATE)).toEqual(['PIN']);
    expect(asked('Send us your password without delay.')).toEqual(['password']);
    expect(asked('We need your online banking password to check.')).toEqual(['password']);
    expect(asked('Please send the full card number and the CVV, and we will refund it.')).toEqual([
      'card number',
      'CVV',
    ]);
    expect(asked('Don’t worry, just tell us the verification code we texted you.')).toEqual([
      'verification code',
    ]);
    const [warning] = checkReply('Send us your password.', PRIVATE).filter(
      (check) => check.id === 'asks-for-secret',
    );
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toMatch(/^“password”: this reads as asking for it\. Never ask/);
  });

  it('still warns when a negation earlier in the sentence is about something else', () => {
    expect(asked("Sorry the app isn't loading so please DM us your password")).toEqual(['password']);
    expect(asked("Sorry this isn't working - please DM us your card number and PIN")).toEqual([
      'card number',
      'PIN',
    ]);
    expect(asked("Don't worry please tell us your PIN")).toEqual(['PIN']);
    expect(asked("We can't find the payment but if you send your card number we can check")).toEqual([
      'card number',
    ]);
  });

  it('lets warnings against sharing them pass, and ordinary mentions of them', () => {
    expect(asked("Please don't share passwords or card details: we'll never ask for them.")).toEqual([]);
    expect(asked('We will never ask for your password or security code.')).toEqual([]);
    expect(asked('You can reset your password at acme.example/reset.')).toEqual([]);
    expect(
      asked('Could you send the last four digits of the card number so we can find the payment?'),
    ).toEqual([]);
    expect(asked('Your passport photo looked great! Thanks for sharing.')).toEqual([]);
    expect(
      asked('Please reset your password using the link in the app and let us know if that helps.'),
    ).toEqual([]);
    expect(asked('If you need a new PIN, visit any branch.')).toEqual([]);
    expect(asked("Let us know if the verification code didn't arrive.")).toEqual([]);
    expect(asked("Could you confirm you've changed your password?")).toEqual([]);
    expect(asked('Please never share your PIN, so nobody else can use it.')).toEqual([]);
    expect(asked("There's no need to send your password, but please don't send your PIN either.")).toEqual(
      [],
    );
  });

  it('finds nothing to warn about in the default policy’s templates', () => {
    for (const template of DEFAULT_POLICY.templates) {
      expect(asked(template.text, PRIVATE), template.id).toEqual([]);
    }
  });
});
