import { describe, expect, it } from 'vitest';
import {
  DatasetFormatError,
  parseAirlineCsv,
  parseComplaintsCsv,
  parseCsv,
} from '../../../lib/classify/datasets';
import { scoreLexicon } from '../../../lib/classify/lexicon';
import { evaluate, groupFolds, stratifiedFolds } from '../../../lib/classify/metrics';
import { normalizeText, repairDatasetArtefacts, tokenize } from '../../../lib/classify/text';

describe('text normalisation', () => {
  it('replaces handles, links, money, numbers and training brand names', () => {
    const { tokens } = tokenize('@Delta flight 1234 cost me $450, see https://t.co/abc #united');
    expect(tokens).toEqual(['xuser', 'flight', 'xnum', 'cost', 'me', 'xmoney', '.', 'see', 'xurl', 'xbrand']);
  });

  it('keeps an email-like address from becoming a handle', () => {
    expect(normalizeText('mail me at jo@example.com')).toContain('jo@example.com');
  });

  it('marks words in a negation scope, which punctuation ends', () => {
    expect(tokenize("I don't like it. Love the rest").negated).toEqual([
      'i',
      'dont',
      'not_like',
      'not_it',
      '.',
      'love',
      'the',
      'rest',
    ]);
  });

  it('cuts elongations, splits emoji, keeps ! and ?', () => {
    expect(tokenize('Soooo goood😍!!! why??').tokens).toEqual(['soo', 'good', '😍', '!', 'why', '?']);
  });

  it('undoes the airline dataset substitutions', () => {
    expect(repairDatasetArtefacts('my flight was Cancelled Flightled and Late Flightr')).toBe(
      'my flight was Cancelled and Later',
    );
  });

  it('scores the lexicon with emoji and negation', () => {
    expect(scoreLexicon(tokenize('not good').tokens).score).toBeLessThan(0);
    expect(scoreLexicon(tokenize('good 😍').tokens).contributions.map(({ word }) => word)).toEqual([
      'good',
      '😍',
    ]);
  });
});

describe('datasets', () => {
  it('parses quoted CSV fields with commas, quotes and newlines', () => {
    expect(parseCsv('a,b\n"x, ""y""","line1\nline2"\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line1\nline2'],
    ]);
  });

  it('parses both formats and rejects bad labels and missing columns with clear errors', () => {
    expect(parseComplaintsCsv('tweet_id,text,complaint,domain\n1,hi,1,food\n')).toEqual([
      { text: 'hi', complaint: true, domain: 'food' },
    ]);
    expect(parseAirlineCsv('airline_sentiment,airline,text\npositive,Delta,yay\n')[0]?.sentiment).toBe(
      'positive',
    );
    expect(() => parseComplaintsCsv('text,complaint\nhi,yes\n')).toThrow(/complaint must be 0 or 1/);
    expect(() => parseAirlineCsv('text,label\nhi,1\n')).toThrow(DatasetFormatError);
    expect(() => parseAirlineCsv('text,label\nhi,1\n')).toThrow(/missing column\(s\) airline_sentiment/);
  });
});

describe('metrics', () => {
  it('computes per-class precision, recall, F1, macro-F1 and the confusion matrix', () => {
    const report = evaluate(['a', 'b'], ['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(report.confusion).toEqual([
      [1, 1],
      [0, 2],
    ]);
    expect(report.perClass[0]).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(report.perClass[1]?.precision).toBeCloseTo(2 / 3);
    expect(report.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2);
  });

  it('makes stratified folds reproducibly and one fold per group', () => {
    const labels = ['x', 'x', 'x', 'x', 'y', 'y', 'y', 'y'];
    const folds = stratifiedFolds(labels, 2, 1);
    expect(folds).toEqual(stratifiedFolds(labels, 2, 1));
    expect(folds.filter((fold, index) => fold === 0 && labels[index] === 'x')).toHaveLength(2);
    expect(groupFolds(['b', 'a', 'b'])).toEqual({ folds: [1, 0, 1], names: ['a', 'b'] });
  });
});
