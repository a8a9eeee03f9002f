import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import {
  FALLBACK_PUBLIC_HANDOFF,
  handoffScriptsFor,
  publicHandoffTemplate,
} from '../../../lib/replies/handoff';
import { suggestReplies, templateLanguages } from '../../../lib/replies/suggest';
import { complaintOnX, policyWith, template } from './templates';

describe('suggestReplies', () => {
  it('ranks the template written for more of the situation first, with the reasons why', () => {
    const policy = policyWith([
      template({ id: 'general' }),
      template({ id: 'for-x', platforms: ['x'] }),
      template({ id: 'for-x-first-contact', platforms: ['x', 'bluesky'], audience: 'first-contact' }),
      template({ id: 'open-case', caseState: 'open' }),
    ]);
    const ranked = suggestReplies(policy, complaintOnX);
    expect(ranked.map((entry) => entry.template.id)).toEqual([
      'for-x-first-contact',
      'for-x',
      'open-case',
      'general',
    ]);
    expect(ranked[0]?.summary).toBe('Matches complaint on X, first contact');
    expect(ranked[0]?.reasons).toEqual(['on X', 'first contact']);
    expect(ranked[2]?.summary).toBe('Matches complaint, open case');
    expect(ranked[3]?.summary).toBe('Matches complaint');
    const scores = ranked.map((entry) => entry.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores[0]).toBeGreaterThan(scores[1] as number);
  });

  it('leaves out what the policy rules out: other category, platform, audience, state, rating, language', () => {
    const policy = policyWith([
      template({ id: 'question', category: 'question' }),
      template({ id: 'facebook-only', platforms: ['facebook'] }),
      template({ id: 'repeat-only', audience: 'repeat' }),
      template({ id: 'resolved-only', caseState: 'resolved' }),
      template({ id: 'severe-only', severities: [3, 4] }),
      template({ id: 'french', language: 'fr' }),
      template({ id: 'fits', severities: [2] }),
    ]);
    expect(suggestReplies(policy, complaintOnX).map((entry) => entry.template.id)).toEqual(['fits']);
    expect(
      suggestReplies(policy, { ...complaintOnX, language: 'fr-CA' }).map((entry) => entry.template.id),
    ).toEqual(['french']);
  });

  it('names a returning customer and the case state when the template was written for them', () => {
    const policy = policyWith([
      template({ id: 'chasing', audience: 'repeat', caseState: 'awaiting-customer', severities: [3] }),
    ]);
    const [only] = suggestReplies(policy, {
      ...complaintOnX,
      severity: 3,
      audience: 'repeat',
      caseState: 'awaiting-customer',
    });
    expect(only?.summary).toBe('Matches complaint, returning customer, waiting on the customer, severity 3');
  });

  it('without a known case state, claims no state match (the policy query lets any state through)', () => {
    const policy = policyWith([
      template({ id: 'open-case', caseState: 'open' }),
      template({ id: 'general' }),
    ]);
    const ranked = suggestReplies(policy, { ...complaintOnX, caseState: null });
    expect(ranked.map((entry) => entry.template.id)).toEqual(['open-case', 'general']);
    expect(ranked[0]?.reasons).toEqual([]);
    expect(ranked[0]?.score).toBe(ranked[1]?.score);
  });

  it('ranks a template that is over the site limit even before filling below one that fits', () => {
    const long = 'We are so sorry about this. '.repeat(12);
    const policy = policyWith([
      template({ id: 'too-long', platforms: ['x'], audience: 'first-contact', text: long }),
      template({ id: 'short' }),
    ]);
    const ranked = suggestReplies(policy, complaintOnX);
    expect(ranked.map((entry) => entry.template.id)).toEqual(['short', 'too-long']);
    expect(ranked[1]?.tooLong).toBe(true);
    expect(ranked[1]?.summary).toMatch(/too long/);
    // The same text is fine where the limit is higher.
    const onFacebook = suggestReplies(policyWith([template({ id: 'too-long-anywhere', text: long })]), {
      ...complaintOnX,
      platform: 'facebook',
    });
    expect(onFacebook[0]?.tooLong).toBe(false);
  });

  it("measures templates against a Mastodon instance's own limit when it is known", () => {
    const text = 'We are so sorry about this, and we are on it. '.repeat(14); // 644 characters
    const policy = policyWith([template({ id: 'long', text })]);
    const onMastodon = { ...complaintOnX, platform: 'mastodon' as const };
    expect(suggestReplies(policy, onMastodon)[0]?.tooLong).toBe(true);
    expect(suggestReplies(policy, { ...onMastodon, lengthLimit: 1000 })[0]?.tooLong).toBe(false);
  });

  it('counts the @mention Mastodon puts before the reply when judging a template too long', () => {
    const text = 'x'.repeat(495); // with "@jane " in the box: 501 of 500
    const policy = policyWith([template({ id: 'nearly', text })]);
    const onMastodon = { ...complaintOnX, platform: 'mastodon' as const };
    expect(suggestReplies(policy, onMastodon)[0]?.tooLong).toBe(false);
    expect(suggestReplies(policy, { ...onMastodon, replyPrefill: '@jane ' })[0]?.tooLong).toBe(true);
  });

  it('keeps the policy order between equally good templates', () => {
    const policy = policyWith([template({ id: 'b-first' }), template({ id: 'a-second' })]);
    expect(suggestReplies(policy, complaintOnX).map((entry) => entry.template.id)).toEqual([
      'b-first',
      'a-second',
    ]);
  });

  it('on the default policy, suggests the short "chasing us again" reply for a returning customer on X', () => {
    const ranked = suggestReplies(DEFAULT_POLICY, {
      ...complaintOnX,
      severity: 3,
      audience: 'repeat',
      caseState: 'open',
    });
    expect(ranked[0]?.template.id).toBe('complaint-repeat-short');
    for (const { template: suggested } of ranked) {
      expect(suggested.category).toBe('complaint');
      expect(!suggested.platforms || suggested.platforms.includes('x')).toBe(true);
    }
  });
});

describe('templateLanguages', () => {
  it('lists the languages a category has templates in, most templates first', () => {
    const policy = policyWith([
      template({ id: 'de-1', language: 'de' }),
      template({ id: 'en-1' }),
      template({ id: 'de-2', language: 'de' }),
      template({ id: 'q-fr', category: 'question', language: 'fr' }),
    ]);
    expect(templateLanguages(policy, 'complaint')).toEqual(['de', 'en']);
  });
});

describe('move to private', () => {
  it('offers one handoff script per channel that suits the site and language, DM first', () => {
    const scripts = handoffScriptsFor(DEFAULT_POLICY, { platform: 'x', language: 'en' });
    expect(scripts.map((script) => script.channel)).toEqual(['dm', 'email', 'phone']);
    expect(handoffScriptsFor(DEFAULT_POLICY, { platform: 'x', language: 'fr' })).toEqual([]);
  });

  it('uses the best suggestion that asks for a private channel, else the plain fallback', () => {
    const policy = policyWith([
      template({ id: 'plain' }),
      template({ id: 'asks', text: 'Could we continue by {{privateChannel}}? {{agentName}}' }),
    ]);
    const ranked = suggestReplies(policy, complaintOnX);
    expect(publicHandoffTemplate(ranked)).toEqual({
      text: 'Could we continue by {{privateChannel}}? {{agentName}}',
      templateId: 'asks',
    });
    expect(publicHandoffTemplate(ranked.slice(0, 1).filter((e) => e.template.id === 'plain'))).toEqual({
      text: FALLBACK_PUBLIC_HANDOFF,
      templateId: null,
    });
  });
});
