import { describe, expect, it } from 'vitest';
import { searchTemplates } from '../../../lib/replies/template-search';
import { complaintOnX, policyWith, template } from './templates';

const policy = policyWith([
  template({
    id: 'late-general',
    name: 'Late parcel',
    text: 'So sorry your parcel is late {{customerName}}.',
  }),
  template({ id: 'late-x', name: 'Late parcel (X)', text: 'Sorry, your parcel is late!', platforms: ['x'] }),
  template({ id: 'late-praise', name: 'Parcel came', category: 'praise', text: 'Glad the parcel came!' }),
  template({ id: 'late-ig', name: 'Late parcel (IG)', text: 'Parcel late?', platforms: ['instagram'] }),
  template({ id: 'refund-es', name: 'Reembolsó', text: 'Su reembolso está en camino.', language: 'es' }),
  template({ id: 'vip', name: 'Parcel, repeat', text: 'Again, the parcel…', audience: 'repeat' }),
]);

describe('searchTemplates', () => {
  it('finds by every word of name or text: the fitting ones first as ranked, then the rest in policy order', () => {
    const found = searchTemplates(policy, 'PARCEL', complaintOnX);
    expect(found.map((entry) => entry.template.id)).toEqual([
      'late-x',
      'late-general',
      'late-praise',
      'late-ig',
      'vip',
    ]);
    expect(found[0]?.summary).toBe('Matches complaint on X');
    expect(found.slice(2).map((entry) => entry.summary)).toEqual([
      'Written for praise',
      'Written for Instagram only',
      'Written for returning customers',
    ]);
    expect(searchTemplates(policy, 'late sorry', complaintOnX).map((entry) => entry.template.id)).toEqual([
      'late-x',
      'late-general',
    ]);
  });

  it('folds case and accents both ways, and an empty query finds nothing', () => {
    expect(searchTemplates(policy, 'reembolso', complaintOnX).map((entry) => entry.template.id)).toEqual([
      'refund-es',
    ]);
    expect(searchTemplates(policy, 'REEMBOLSÓ', complaintOnX)[0]?.summary).toBe('Written for replies in es');
    expect(searchTemplates(policy, '  ', complaintOnX)).toEqual([]);
    expect(searchTemplates(policy, 'nothing like this', complaintOnX)).toEqual([]);
  });

  it('stops at the limit and says when a template is too long for the site', () => {
    const long = template({
      id: 'long',
      name: 'Long parcel story',
      text: 'parcel '.repeat(60),
      category: 'question',
    });
    const found = searchTemplates(policyWith([long, ...policy.templates]), 'parcel', complaintOnX, 3);
    expect(found).toHaveLength(3);
    const story = searchTemplates(policyWith([long]), 'story', complaintOnX)[0];
    expect([story?.tooLong, story?.summary]).toEqual([
      true,
      'Written for question (too long for this site: cut it)',
    ]);
  });
});

describe('searchTemplates: what counts as a word of a template', () => {
  it('finds by the start of a word, not inside one, and never by a placeholder', () => {
    const templates = policyWith([
      template({ id: 'late', name: 'Late parcel', text: 'Hi {{customerName}}, your parcel is late.' }),
      template({ id: 'returns', name: 'Returns', text: 'Returns are free. {{agentSignature}}' }),
    ]);
    const ids = (query: string) =>
      searchTemplates(templates, query, complaintOnX).map((entry) => entry.template.id);
    expect(ids('ret')).toEqual(['returns']);
    expect(ids('arcel')).toEqual([]);
    expect(ids('customer')).toEqual([]);
    expect(ids('agent signature')).toEqual([]);
    expect(ids('late')).toEqual(['late']);
  });
});
