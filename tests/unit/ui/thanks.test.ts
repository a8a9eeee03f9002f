import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import type { Policy } from '../../../lib/policy/schema';
import {
  assignVaried,
  fillPromptTemplate,
  inviteToShareTemplates,
  pickThanks,
  stableHash,
  thanksTemplatesFor,
} from '../../../lib/ui/thanks';

describe('assignVaried', () => {
  it('gives different keys different options while there are enough', () => {
    const keys = ['x:1', 'x:2', 'x:3'];
    const assigned = assignVaried(keys, ['A', 'B', 'C']);
    expect(new Set(assigned.values()).size).toBe(3);
  });

  it('is deterministic and does not depend on the order keys arrive in', () => {
    const first = assignVaried(['x:1', 'x:2', 'x:9'], ['A', 'B']);
    const second = assignVaried(['x:9', 'x:1', 'x:2'], ['A', 'B']);
    expect([...first.entries()].sort()).toEqual([...second.entries()].sort());
  });

  it('reuses options only after every option was used', () => {
    const keys = Array.from({ length: 6 }, (_, index) => `reddit:t1_${index}`);
    const counts = new Map<string, number>();
    for (const value of assignVaried(keys, ['A', 'B', 'C']).values())
      counts.set(value, (counts.get(value) ?? 0) + 1);
    expect([...counts.values()]).toEqual([2, 2, 2]);
  });

  it('spreads hashes', () => {
    expect(stableHash('x:1')).not.toBe(stableHash('x:2'));
    expect(stableHash('same')).toBe(stableHash('same'));
  });
});

describe('thank-you templates', () => {
  it('keeps loyal-fan wording for loyal fans', () => {
    const forNewFan = thanksTemplatesFor(DEFAULT_POLICY, { visibility: 'public', loyal: false });
    const forLoyalFan = thanksTemplatesFor(DEFAULT_POLICY, { visibility: 'public', loyal: true });
    expect(forNewFan.map((template) => template.id)).not.toContain('fan-public-loyal');
    expect(forNewFan.length).toBeGreaterThan(1);
    expect(forLoyalFan.map((template) => template.id)).toEqual(['fan-public-loyal']);
  });

  it('never thanks a first-time fan with wording that assumes they have praised us before', () => {
    const assumesHistory = /keep coming|always|so many|all the kind things|your posts/i;
    for (const visibility of ['public', 'private'] as const) {
      const forNewFan = thanksTemplatesFor(DEFAULT_POLICY, { visibility, loyal: false });
      expect(forNewFan.length).toBeGreaterThan(0);
      for (const template of forNewFan) expect(template.text).not.toMatch(assumesHistory);
    }
    const loyalNote = thanksTemplatesFor(DEFAULT_POLICY, { visibility: 'private', loyal: true });
    expect(loyalNote.map((template) => template.id)).toEqual(['fan-private-team']);
  });

  it('gives two fans on the same page different public thanks, and the same one each time', () => {
    const pageKeys = ['x:100', 'x:200'];
    const first = pickThanks(DEFAULT_POLICY, { postKey: 'x:100', pageKeys, loyal: false });
    const second = pickThanks(DEFAULT_POLICY, { postKey: 'x:200', pageKeys, loyal: false });
    expect(first.publicTemplate?.id).toBeDefined();
    expect(first.publicTemplate?.id).not.toBe(second.publicTemplate?.id);
    expect(first.privateTemplate?.visibility).toBe('private');
    expect(pickThanks(DEFAULT_POLICY, { postKey: 'x:100', pageKeys, loyal: false })).toEqual(first);
  });

  it('returns nothing to suggest when the policy has no thank-you templates', () => {
    const bare: Policy = { ...DEFAULT_POLICY, thankTheFan: { ...DEFAULT_POLICY.thankTheFan, templates: [] } };
    expect(pickThanks(bare, { postKey: 'x:1', pageKeys: [], loyal: true })).toEqual({
      publicTemplate: null,
      privateTemplate: null,
    });
  });

  it('finds the invite-to-share templates by visibility', () => {
    const invite = inviteToShareTemplates(DEFAULT_POLICY, 'x');
    expect(invite.publicTemplate?.visibility).toBe('public');
    expect(invite.privateTemplate?.visibility).toBe('private');
  });
});

describe('fillPromptTemplate', () => {
  const template = {
    id: 'fan-public-test',
    name: 'Test',
    visibility: 'public' as const,
    language: 'en',
    text: 'Thank you, {{customerName}}! Love from {{brandName}}. {{agentSignature}}',
    requiredVariables: ['customerName' as const],
  };
  it('fills known values and drops optional placeholders that have none', () => {
    expect(fillPromptTemplate(template, { customerName: 'Sam', brandName: 'Acme' })).toBe(
      'Thank you, Sam! Love from Acme.',
    );
    expect(
      fillPromptTemplate(template, { customerName: 'Sam', brandName: 'Acme', agentSignature: '– Jo' }),
    ).toBe('Thank you, Sam! Love from Acme. – Jo');
  });
  it('keeps required placeholders visible so the agent sees what is missing', () => {
    expect(fillPromptTemplate(template, { brandName: 'Acme' })).toContain('{{customerName}}');
  });
});
