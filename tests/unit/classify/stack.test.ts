import { describe, expect, it } from 'vitest';
import type { ComplaintRow } from '../../../lib/classify/datasets';
import { analyzeText, extractFeatures, type FeatureVector } from '../../../lib/classify/features';
import { classifierModel } from '../../../lib/classify/index';
import { fitSmallLogistic, seededRandom } from '../../../lib/classify/learn';
import { stackComplaint } from '../../../lib/classify/model';
import { findProblemPhrases, indexPhrases } from '../../../lib/classify/signals';
import { tokenize } from '../../../lib/classify/text';
import { COMPLAINT_SETTINGS, fitLinear, trainComplaintModel } from '../../../lib/classify/train';

function problemsIn(text: string): string[] {
  return findProblemPhrases(indexPhrases(tokenize(text).tokens)).map(({ phrase }) => phrase);
}

describe('problem phrases', () => {
  it('finds reports of lost, late, broken and billing trouble, with their group', () => {
    expect(problemsIn('Acme lost my parcel')).toEqual(['lost my']);
    expect(problemsIn("my order still hasn't arrived, 2 weeks late")).toEqual(
      expect.arrayContaining(['still hasnt', 'weeks late']),
    );
    expect(problemsIn('you charged me twice')).toEqual(['charged me']);
    const hits = findProblemPhrases(indexPhrases(tokenize('the screen is cracked').tokens));
    expect(hits).toEqual([{ phrase: 'cracked', group: 'broken', weight: 1 }]);
  });

  it('leaves out problem words that a denial covers', () => {
    expect(problemsIn('no problems at all, thanks')).toEqual([]);
    expect(problemsIn('not a problem')).toEqual([]);
    expect(problemsIn('parcel was not late')).toEqual([]);
    expect(problemsIn('no issues but the box was damaged')).toEqual(['damaged']);
  });

  it('becomes a dense feature of both models', () => {
    expect(extractFeatures(analyzeText('Acme lost my parcel')).get('d:problem')).toBe(0.5);
    expect(extractFeatures(analyzeText('lost my parcel and charged me twice')).get('d:problem')).toBe(1);
    expect(extractFeatures(analyzeText('lovely parcel')).has('d:problem')).toBe(false);
  });
});

describe('fitSmallLogistic', () => {
  it('recovers the coefficients that generated the labels, the same way every time', () => {
    const random = seededRandom(5);
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let index = 0; index < 4000; index += 1) {
      const first = random() * 4 - 2;
      const second = random() < 0.5 ? 1 : 0;
      rows.push([first, second]);
      const probability = 1 / (1 + Math.exp(-(-0.5 + 1.5 * first - 1 * second)));
      labels.push(random() < probability ? 1 : 0);
    }
    const fitted = fitSmallLogistic(rows, labels, { l2: 0.01 });
    expect(fitted.bias).toBeCloseTo(-0.5, 0);
    expect(fitted.weights[0]).toBeCloseTo(1.5, 0);
    expect(fitted.weights[1]).toBeCloseTo(-1, 0);
    expect(fitSmallLogistic(rows, labels, { l2: 0.01 })).toEqual(fitted);
  });

  it('shrinks the weights, not the bias, as the penalty grows', () => {
    const rows = [[1], [1], [0], [0], [1], [0]];
    const labels = [1, 1, 0, 0, 0, 1];
    const loose = fitSmallLogistic(rows, labels, { l2: 0.001 });
    const tight = fitSmallLogistic(rows, labels, { l2: 100 });
    expect(Math.abs(tight.weights[0] as number)).toBeLessThan(Math.abs(loose.weights[0] as number) / 10);
  });
});

describe('naive-Bayes scaling', () => {
  it('returns weights for the plain features and favours the feature that separates the classes', () => {
    const vectors: FeatureVector[] = [];
    const labels: number[] = [];
    for (let index = 0; index < 40; index += 1) {
      const label = index % 2;
      // "w:telling" appears in most complaints and few others; "w:common" everywhere.
      const vector: FeatureVector = new Map([['w:common', 1]]);
      if ((label === 1 && index % 10 !== 1) || index % 20 === 0) vector.set('w:telling', 1);
      vectors.push(vector);
      labels.push(label);
    }
    const settings = {
      ...COMPLAINT_SETTINGS,
      minCount: 1,
      epochs: 30,
      learningRate: 0.1,
      naiveBayesScale: 1,
    };
    const fitted = fitLinear(vectors, labels, 2, settings);
    const weightOf = (name: string) => {
      const pair = fitted.weights[fitted.names.indexOf(name)] as number[];
      return (pair[1] as number) - (pair[0] as number);
    };
    expect(weightOf('w:telling')).toBeGreaterThan(1);
    expect(Math.abs(weightOf('w:common'))).toBeLessThan(0.05);
  });
});

describe('stacked complaint model', () => {
  it('leans the way each piece of evidence should', () => {
    const { stack, threshold } = classifierModel.complaint;
    expect(stack.words).toBeGreaterThan(0);
    expect(stack.negative).toBeGreaterThan(0);
    expect(stack.problem).toBeGreaterThan(0);
    expect(stack.negativeQuestion).toBeGreaterThan(0);
    expect(threshold).toBe(0.5);
    const calm = stackComplaint(stack, { words: 0, negative: 0.1, problem: 0, negativeQuestion: 0 });
    const upset = stackComplaint(stack, { words: 0, negative: 0.9, problem: 0.5, negativeQuestion: 0.9 });
    expect(upset.logit).toBeGreaterThan(calm.logit);
    expect(upset.contributions.problem).toBeCloseTo(stack.problem * 0.5);
  });

  it('trains deterministically on a small set, fitting the stack on out-of-fold scores', () => {
    const complaints = [
      'my order never arrived and nobody answers',
      'you charged me twice, where is my refund',
      'the app keeps crashing, fix it',
      'still waiting for my parcel, 3 weeks late',
      'worst service, my package was damaged',
      'lost my luggage again',
    ];
    const others = [
      'thank you for the quick delivery',
      'do you ship to Canada',
      'love the new store',
      'what time do you open on Sunday',
      'great service as always',
      'just landed, lovely flight',
    ];
    const rows: ComplaintRow[] = [];
    for (let copy = 0; copy < 4; copy += 1) {
      for (const text of complaints) rows.push({ text: `${text} ${copy}`, complaint: true, domain: 'test' });
      for (const text of others) rows.push({ text: `${text} ${copy}`, complaint: false, domain: 'test' });
    }
    const first = trainComplaintModel(rows, classifierModel.sentiment);
    expect(trainComplaintModel(rows, classifierModel.sentiment)).toEqual(first);
    expect(first.stack.words).toBeGreaterThan(0);
    expect(Object.keys(first.weights).length).toBeGreaterThan(10);
  });
});
