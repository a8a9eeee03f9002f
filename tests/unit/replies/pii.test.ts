import { describe, expect, it } from 'vitest';
import { checkReply, findPersonalData } from '../../../lib/replies/checks';

function found(text: string): string[] {
  return findPersonalData(text).map((hit) => `${hit.kind}:${text.slice(hit.start, hit.end)}`);
}

describe('personal data patterns', () => {
  it('finds e-mail addresses but not shared inboxes or fediverse handles', () => {
    expect(found('write to jane.doe+shop@gmail.com, support@acme.example or @sam@social.example')).toEqual([
      'email:jane.doe+shop@gmail.com',
    ]);
  });

  it('finds US and international phone numbers', () => {
    const text =
      'call +1 (555) 123-4567, 555.123.4567, 5551234567, 1-800-555-0199, +44 20 7946 0958 or 0044 20 7946 0958';
    expect(found(text)).toEqual([
      'phone:+1 (555) 123-4567',
      'phone:555.123.4567',
      'phone:5551234567',
      'phone:1-800-555-0199',
      'phone:+44 20 7946 0958',
      'phone:0044 20 7946 0958',
    ]);
    expect(found('mon portable: 06 12 34 56 78')).toEqual(['phone:06 12 34 56 78']);
  });

  it('leaves years, dates, prices, times and counts alone', () => {
    const text =
      'Since 2019, in 2023-2024, on 2024-05-01 at 10:30, for $1,234.56 or €1234567890, we waited 10 20 30 40 50 minutes, 1 - 800 people, 123-4567, 3.14159265358';
    expect(found(text)).toEqual([]);
  });

  it('finds order numbers after a keyword or a #', () => {
    const text =
      'your order 1234-5678, order no. A12345, Order #: 99887766, invoice INV-20240117 and #12345678';
    expect(found(text)).toEqual([
      'order:1234-5678',
      'order:A12345',
      'order:99887766',
      'order:INV-20240117',
      'order:#12345678',
    ]);
    expect(found('your order is on its way #2024 #100DaysOfCode')).toEqual([]);
  });

  it('takes a keyword number as an order, not a phone', () => {
    expect(found('order 5551234567')).toEqual(['order:5551234567']);
  });

  it('finds Luhn-valid card numbers only', () => {
    expect(found('card 4111 1111 1111 1111 and 4111-1111-1111-1112 and 5500005555555559')).toEqual([
      'card:4111 1111 1111 1111',
      'card:5500005555555559',
    ]);
  });

  it('finds street addresses', () => {
    expect(found('ship it to 221B Baker Street or 1600 Pennsylvania Ave. please')).toEqual([
      'address:221B Baker Street',
      'address:1600 Pennsylvania Ave.',
    ]);
  });
});

describe('personal data check', () => {
  const context = { platform: 'x', bannedPhrases: [], agentName: 'Sam' } as const;

  it('offers to move a public reply with personal data to private', () => {
    const text = 'Hi, is jo@mail.example right? Order #: 99887766. – Sam';
    const checks = checkReply(text, { ...context, visibility: 'public' });
    expect(
      checks.map((check) => [check.id, check.severity, text.slice(check.span?.start, check.span?.end)]),
    ).toEqual([
      ['pii-email', 'error', 'jo@mail.example'],
      ['pii-order', 'warning', '99887766'],
    ]);
    expect(checks.every((check) => check.fix?.kind === 'move-to-private')).toBe(true);
  });

  it('allows personal data in a private reply', () => {
    const text = 'Hi, is jo@mail.example right? Order #: 99887766. – Sam';
    expect(checkReply(text, { ...context, visibility: 'private' })).toEqual([]);
  });
});
