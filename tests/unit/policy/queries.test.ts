import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import {
  describeResolutionStep,
  firstResponseTargetMinutes,
  guidelinesFor,
  policyTemplateValues,
  ratingFor,
  replyTemplatesFor,
} from '../../../lib/policy/queries';

describe('policy queries', () => {
  it('finds ratings and platform-specific response targets', () => {
    expect(ratingFor(DEFAULT_POLICY, 4)?.name).toBe('Critical');
    expect(firstResponseTargetMinutes(DEFAULT_POLICY, 1)).toBe(180);
    expect(firstResponseTargetMinutes(DEFAULT_POLICY, 1, 'x')).toBe(60);
    expect(firstResponseTargetMinutes(DEFAULT_POLICY, 4, 'x')).toBe(15);
  });

  it('suggests reply templates that suit the platform, audience and case, most specific first', () => {
    const onX = replyTemplatesFor(DEFAULT_POLICY, {
      category: 'complaint',
      platform: 'x',
      severity: 3,
      audience: 'repeat',
      caseState: 'open',
    });
    expect(onX[0]?.id).toBe('complaint-repeat-short');
    for (const template of onX) {
      expect(template.category).toBe('complaint');
      expect(!template.platforms || template.platforms.includes('x')).toBe(true);
      expect(template.audience === 'any' || template.audience === 'repeat').toBe(true);
      expect(!template.caseState || template.caseState === 'open').toBe(true);
    }
    const onFacebook = replyTemplatesFor(DEFAULT_POLICY, { category: 'question', platform: 'facebook' });
    expect(onFacebook.map((template) => template.id)).toContain('question-returns-long');
    expect(onFacebook.map((template) => template.id)).not.toContain('question-returns-short');
    expect(replyTemplatesFor(DEFAULT_POLICY, { category: 'question', language: 'fr' })).toEqual([]);
  });

  it('selects guidelines by category and describes resolution steps for agents', () => {
    const { dos, donts } = guidelinesFor(DEFAULT_POLICY, 'spam');
    expect(donts.map((guideline) => guideline.text)).toContain("Don't reply to spam or bait.");
    expect(dos.every((guideline) => !guideline.categories || guideline.categories.includes('spam'))).toBe(
      true,
    );
    const steps = ratingFor(DEFAULT_POLICY, 4)?.resolution.map((step) =>
      describeResolutionStep(step, DEFAULT_POLICY),
    );
    expect(steps).toEqual([
      'Acknowledge publicly',
      'Escalate to Customer care duty manager (on call) (Duty manager) within 15 min',
      'Move to phone or email (ask permission first)',
      'Resolve',
      'Invite them to share the outcome',
    ]);
    expect(policyTemplateValues(DEFAULT_POLICY)).toEqual({
      brandName: 'Acme',
      statusPageUrl: 'https://status.acme.example',
    });
  });
});
