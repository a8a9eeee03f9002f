import { describe, expect, it } from 'vitest';
import { classifyMention, compileRules, rateAsCategory } from '../../../lib/classify/index';
import { type ClassifierRules, classifierRulesSchema } from '../../../lib/classify/rules';

function rules(input: unknown): ClassifierRules {
  return classifierRulesSchema.parse(input);
}

describe('policy rules', () => {
  it('a force rule decides the category over the model', () => {
    const text = '@acme thank you for the lovely flowers, the bouquet was perfect';
    expect(classifyMention({ text }).category).toBe('praise');
    const forced = classifyMention(
      { text },
      { rules: rules({ categoryRules: [{ category: 'spam', keywords: ['bouquet'], effect: 'force' }] }) },
    );
    expect(forced.category).toBe('spam');
    expect(forced.reasons[0]).toEqual({ kind: 'rule', text: 'policy rule forces spam: bouquet' });
  });

  it('matches keywords as whole words, case- and accent-insensitively', () => {
    const policy = rules({
      categoryRules: [{ category: 'crisis', keywords: ['café fire'], effect: 'force' }],
    });
    expect(classifyMention({ text: 'There was a CAFE FIRE downtown' }, { rules: policy }).category).toBe(
      'crisis',
    );
    expect(
      classifyMention({ text: 'The cafe firework show was great' }, { rules: policy }).category,
    ).not.toBe('crisis');
  });

  it('keeps the vowel signs that tell words apart', () => {
    // Hindi कम ("less") is neither काम ("work") nor the start of कमी ("shortage").
    const policy = rules({ categoryRules: [{ category: 'spam', keywords: ['कम'], effect: 'force' }] });
    const category = (text: string) => classifyMention({ text }, { rules: policy }).category;
    expect(category('@acme यह काम अच्छा है')).not.toBe('spam');
    expect(category('@acme पानी की कमी है')).not.toBe('spam');
    expect(category('@acme दाम कम है')).toBe('spam');
  });

  it('sees through invisible characters and full-width letters in the post', () => {
    const policy = rules({ categoryRules: [{ category: 'spam', keywords: ['refund'], effect: 'force' }] });
    const category = (text: string) => classifyMention({ text }, { rules: policy }).category;
    expect(category('@acme Re\u200Bfund now')).toBe('spam');
    expect(category('@acme ＲＥＦＵＮＤ now')).toBe('spam');
  });

  it('a boost adds evidence without forcing', () => {
    const text = '@acme the new menu has changed';
    const before = classifyMention({ text });
    const boosted = classifyMention(
      { text },
      { rules: rules({ categoryRules: [{ category: 'complaint', keywords: ['menu'], effect: 'boost' }] }) },
    );
    expect(boosted.complaintProbability).toBeGreaterThan(before.complaintProbability);
    expect(boosted.reasons.some((reason) => reason.kind === 'rule' && reason.text.includes('menu'))).toBe(
      true,
    );
  });

  it('patterns are regular expressions; one that does not compile is ignored', () => {
    const policy = rules({
      categoryRules: [
        { category: 'spam', patterns: ['(unclosed'], effect: 'force' },
        { category: 'spam', patterns: ['\\bpromo\\d+\\b'], effect: 'force' },
      ],
    });
    expect(classifyMention({ text: 'use PROMO50 at checkout' }, { rules: policy }).category).toBe('spam');
    expect(classifyMention({ text: '@acme hello there' }, { rules: policy }).category).not.toBe('spam');
  });

  it('skips a pattern whose repeated group repeats inside, which would backtrack for minutes on a post', () => {
    const policy = rules({
      categoryRules: [{ category: 'spam', patterns: ['(a+)+!', '\\bpromo\\d+\\b'], effect: 'boost' }],
    });
    expect(compileRules(policy).invalidPatterns).toEqual(['(a+)+!']);
    const started = Date.now();
    classifyMention({ text: `@acme ${'a'.repeat(40)}` }, { rules: policy });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('rates a post as the category an agent gives it, with the policy’s ratings, over a force rule', () => {
    const text =
      '@acme is the new blender dishwasher safe? asking before I call my lawyer about the last one';
    const policy = rules({
      categoryRules: [{ category: 'question', keywords: ['dishwasher safe'], effect: 'force' }],
      severityRules: [
        { label: 'Legal threat', anyKeywords: ['lawyer'], severity: 4, categories: ['complaint', 'crisis'] },
      ],
    });
    expect(classifyMention({ text }, { rules: policy })).toMatchObject({ category: 'question', severity: 1 });
    expect(rateAsCategory({ text }, 'complaint', { rules: policy })).toBe(4);
    expect(rateAsCategory({ text }, 'crisis', { rules: policy })).toBe(4);
    expect(rateAsCategory({ text }, 'praise', { rules: policy })).toBe(1);
    expect(
      rateAsCategory({ text: '@acme my order is two weeks late' }, 'complaint', {}),
    ).toBeGreaterThanOrEqual(2);
  });

  it('severity rules raise the rating and never lower it', () => {
    const text = '@acme I want a refund for this broken blender or I will call my lawyer';
    const policy = rules({
      severityRules: [
        {
          label: 'Legal threat',
          allKeywords: ['refund', 'lawyer'],
          severity: 4,
          categories: ['complaint', 'crisis'],
        },
        { label: 'Mild', anyKeywords: ['blender'], severity: 1 },
      ],
    });
    const result = classifyMention({ text }, { rules: policy });
    expect(result.severity).toBe(4);
    const lowering = classifyMention(
      { text: '@acme food poisoning after eating here' },
      { rules: rules({ severityRules: [{ label: 'Low', anyKeywords: ['poisoning'], severity: 1 }] }) },
    );
    expect(lowering.category).toBe('crisis');
    expect(lowering.severity).toBe(4);
  });

  it('a severity rule limited to other categories does not apply', () => {
    const policy = rules({
      severityRules: [{ label: 'Praise VIP', anyKeywords: ['shoes'], severity: 3, categories: ['praise'] }],
    });
    const question = classifyMention({ text: '@acme do you have these shoes in size 9' }, { rules: policy });
    expect(question.category).toBe('question');
    expect(question.severity).toBe(1);
    const praise = classifyMention({ text: '@acme love these shoes, thank you so much' }, { rules: policy });
    expect(praise.category).toBe('praise');
    expect(praise.severity).toBe(3);
  });

  it('the complaint threshold from the policy moves the complaint line', () => {
    const text = '@acme my parcel is late again';
    const base = classifyMention({ text });
    expect(base.category).toBe('complaint');
    const strict = classifyMention({ text }, { rules: rules({ complaintThreshold: 0.999 }) });
    expect(strict.category).not.toBe('complaint');
  });
});
