import { describe, expect, it } from 'vitest';
import {
  type Classification,
  type ClassifierModel,
  classifierModel,
  classifyMention,
  createClassifier,
} from '../../../lib/classify/index';

function classify(text: string): Classification {
  return classifyMention({ text, platform: 'x' });
}

function reasonTexts(result: Classification, kind?: string): string {
  return result.reasons
    .filter((reason) => kind === undefined || reason.kind === kind)
    .map((reason) => reason.text)
    .join(' | ');
}

describe('classifyMention: categories on clear cases', () => {
  it('calls a late order with no answer a complaint, negative, severity 2', () => {
    const result = classify('@acme my order is 3 weeks late and nobody answers. Still waiting for a refund');
    expect(result.category).toBe('complaint');
    expect(result.severity).toBe(2);
    expect(result.sentiment.label).toBe('negative');
    expect(result.sentiment.score).toBeLessThan(-0.5);
    expect(result.complaintProbability).toBeGreaterThan(0.8);
    expect(reasonTexts(result, 'model')).toContain('complaint model');
    // Placeholders read as what they stand for, never as "xuser".
    expect(reasonTexts(result)).not.toMatch(/xuser|xnum/);
  });

  it('detects questions with and without a question mark', () => {
    const withoutMark = classify('@acme how do I change the address on my account');
    expect(withoutMark.category).toBe('question');
    expect(reasonTexts(withoutMark, 'signal')).toContain('opens with "how"');
    expect(classify('@acme anyone know if the store on Main St is open today').category).toBe('question');
    expect(classify('@acme do you ship to Canada').category).toBe('question');
    expect(classify('@acme what time does the store close?').category).toBe('question');
    expect(withoutMark.severity).toBe(1);
  });

  it('calls warm thanks praise, positive, severity 1', () => {
    const result = classify('@acme thank you so much, the new headphones are amazing');
    expect(result.category).toBe('praise');
    expect(result.severity).toBe(1);
    expect(result.sentiment.label).toBe('positive');
    expect(reasonTexts(result, 'word')).toContain('"amazing" +4');
  });

  it.each([
    ['safety', '@acme I got food poisoning from your chicken sandwich, my son is in the hospital'],
    ['legal', '@acme you double charged me again and my lawyer is filing a lawsuit'],
    ['outage', '@acme is the site down for everyone? outage since this morning'],
    ['data breach', '@acme someone hacked my account and there were unauthorized charges'],
    ['viral', '@acme your ad is going viral for all the wrong reasons, boycott incoming'],
  ])('rates a %s crisis as crisis, severity 4, naming the phrase', (group, text) => {
    const result = classify(text);
    expect(result.category).toBe('crisis');
    expect(result.severity).toBe(4);
    expect(reasonTexts(result, 'signal')).toContain(`(${group})`);
  });

  it('calls promotions spam', () => {
    const result = classify(
      'Follow me and check out my profile for free followers!!! #win #free #follow #promo',
    );
    expect(result.category).toBe('spam');
    expect(result.severity).toBe(1);
    expect(reasonTexts(result, 'signal')).toContain('"follow me" (promotion)');
    expect(classify('Earn $500 a day working from home, DM me for details').category).toBe('spam');
    // Customers ask support to follow them so they can DM: not a promotion.
    expect(classify('@acme can you follow me so I can DM you my order number').category).not.toBe('spam');
  });

  it('calls small talk neutral', () => {
    const result = classify('@acme Just landed in Denver');
    expect(result.category).toBe('neutral');
    expect(result.severity).toBe(1);
    expect(result.sentiment.label).toBe('neutral');
  });
});

describe('classifyMention: problem reports and questions', () => {
  it.each([
    'Acme lost my parcel',
    '@acme my order never arrived',
    'Acme charged me twice for the same order',
    '@acme the blender I bought last week is already broken',
    'Acme delivered the wrong item again',
    '@acme still waiting for my refund',
    'my Acme headphones stopped working after two days',
    'Acme sent me a damaged TV',
  ])('calls a short problem report a complaint: %s', (text) => {
    const result = classify(text);
    expect(result.category).toBe('complaint');
    expect(result.severity).toBe(2);
    expect(result.sentiment.label).not.toBe('positive');
    expect(reasonTexts(result, 'signal')).toContain('reports a problem');
  });

  it.each([
    'Acme lost my parcel, @acmehelp?',
    '@acme why did you charge me twice?',
    '@acme where is my refund?',
    "@acme why hasn't my order arrived yet?",
    '@acme why does the app keep crashing?',
    '@acme where is my parcel? it was due on Monday',
    '@acme why was I charged a late fee?',
  ])('calls a question that reports a problem a complaint: %s', (text) => {
    const result = classify(text);
    expect(result.category).toBe('complaint');
    expect(result.sentiment.label).toBe('negative');
    expect(reasonTexts(result, 'signal')).toContain('a question that reports a problem is a complaint');
    expect(reasonTexts(result, 'model')).toContain('question in a negative tone +');
  });

  it.each([
    '@acme do you ship to Canada',
    '@acme what time does the store close?',
    '@acme when does the summer sale start?',
    '@acme is the Leeds store open on bank holidays?',
    '@acme can I pay with PayPal?',
    '@acme where can I buy your gift cards?',
  ])('keeps a plain question a question: %s', (text) => {
    const result = classify(text);
    expect(result.category).toBe('question');
    expect(result.complaintProbability).toBeLessThan(0.5);
  });

  it('weighs negative tone with the word model instead of either alone', () => {
    const text = 'Acme lost my parcel';
    const toneBlind: ClassifierModel = {
      ...classifierModel,
      complaint: {
        ...classifierModel.complaint,
        stack: { ...classifierModel.complaint.stack, negative: 0, negativeQuestion: 0 },
      },
    };
    const withTone = classify(text);
    const withoutTone = createClassifier(toneBlind)({ text });
    expect(withTone.sentiment.label).toBe('negative');
    expect(withTone.complaintProbability).toBeGreaterThan(withoutTone.complaintProbability + 0.1);
    expect(reasonTexts(withTone, 'model')).toMatch(
      /complaint model 0\.\d\d \(threshold 0\.50\): .*negative tone 0\.\d\d \+/,
    );
    expect(reasonTexts(withTone, 'model')).toContain('problem reported +');
  });

  it('names the words behind the word model, letter n-grams counted with their word', () => {
    const result = classify('@acme why does the app keep crashing?');
    const words = result.reasons.find((reason) => reason.text.startsWith('complaint words:'));
    expect(words?.text).toMatch(/"crashing" \+/);
    expect(words?.text).not.toContain('letters');
  });
});

describe('classifyMention: praise that turns to a problem', () => {
  it('calls praise followed by a problem after "but" or "though" a complaint', () => {
    for (const text of [
      'Love my new blender but the lid cracked after a week',
      'Great product, though the charger stopped working',
    ]) {
      const result = classify(text);
      expect(result.category, text).toBe('complaint');
      expect(reasonTexts(result, 'signal'), text).toMatch(/a problem after "(but|though)"/);
    }
  });

  it('leaves praise with a "but" and no problem after it as praise', () => {
    expect(classify('Love it but I wish it came in blue too').category).toBe('praise');
    expect(classify('The old one cracked, but this one is great, love it').category).toBe('praise');
  });
});

describe('classifyMention: tone', () => {
  it('reads negation: "not happy" is negative, "not bad" is not', () => {
    const unhappy = classify('@acme I am not happy with this at all');
    expect(unhappy.sentiment.label).toBe('negative');
    expect(unhappy.category).toBe('complaint');
    expect(reasonTexts(unhappy, 'word')).toContain('"not happy" −');
    const notBad = classify('@acme the delivery was not bad, thanks');
    expect(notBad.sentiment.label).not.toBe('negative');
    expect(notBad.category).not.toBe('complaint');
  });

  it('turns praise words around when a sarcasm marker is present', () => {
    const plain = classify('@acme best service ever');
    const sarcastic = classify('@acme yeah right, best service ever /s');
    expect(plain.sentiment.label).toBe('positive');
    expect(sarcastic.sentiment.label).toBe('negative');
    expect(sarcastic.category).toBe('complaint');
    expect(sarcastic.complaintProbability).toBeGreaterThan(plain.complaintProbability);
    expect(reasonTexts(sarcastic, 'signal')).toContain('sarcasm');
  });

  it('scores emoji: hearts are positive, an angry face adds to a complaint', () => {
    const hearts = classify('@acme love the new update 😍🎉');
    expect(hearts.sentiment.label).toBe('positive');
    expect(hearts.category).toBe('praise');
    const angry = classify('@acme my package arrived broken 😡');
    const calm = classify('@acme my package arrived broken');
    expect(angry.category).toBe('complaint');
    expect(angry.sentiment.score).toBeLessThan(calm.sentiment.score);
    expect(reasonTexts(angry, 'word')).toContain('😡');
  });

  it('raises a shouted complaint with a threat to leave to severity 3', () => {
    const shouted = classify('@acme WORST SERVICE EVER!!! I AM CANCELLING MY ACCOUNT');
    expect(shouted.category).toBe('complaint');
    expect(shouted.severity).toBe(3);
    expect(reasonTexts(shouted, 'signal')).toMatch(/severity 3: .*capitals/);
    const quiet = classify('@acme my parcel is late again');
    expect(quiet.category).toBe('complaint');
    expect(quiet.severity).toBe(2);
  });
});

describe('classifyMention: determinism and bounds', () => {
  it('gives the same output for the same input', () => {
    const text = '@acme the app crashes every time I open it, fix it please';
    expect(classify(text)).toEqual(classify(text));
  });

  it('handles empty and very long text', () => {
    const empty = classify('');
    expect(empty.category).toBe('neutral');
    expect(empty.severity).toBe(1);
    const long = classify(`@acme ${'the app keeps crashing and I am furious. '.repeat(2000)}`);
    expect(long.category).toBe('complaint');
  });

  it('keeps probabilities and scores in range', () => {
    for (const text of ['@acme terrible!!!', '@acme wonderful', '@acme hello']) {
      const result = classify(text);
      expect(result.complaintProbability).toBeGreaterThanOrEqual(0);
      expect(result.complaintProbability).toBeLessThanOrEqual(1);
      expect(result.sentiment.score).toBeGreaterThanOrEqual(-1);
      expect(result.sentiment.score).toBeLessThanOrEqual(1);
    }
  });
});
