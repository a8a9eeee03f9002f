import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import { templateVariablesIn } from '../../../lib/policy/schema';
import {
  cleanTemplateValue,
  fillPlaceholder,
  fillTemplate,
  removePlaceholder,
} from '../../../lib/replies/fill';
import {
  caseReference,
  customerNameFor,
  defaultSignature,
  templateValuesFor,
} from '../../../lib/replies/variables';

describe('fillTemplate', () => {
  it('fills every occurrence and reports what is missing once, in order of first use', () => {
    const result = fillTemplate(
      'Hi {{customerName}}! Case {{ caseReference }} by {{privateChannel}}, {{customerName}}. {{agentName}} {{privateChannel}}',
      { customerName: 'Jane', caseReference: 'ACME-7K2QD' },
    );
    expect(result.text).toBe(
      'Hi Jane! Case ACME-7K2QD by {{privateChannel}}, Jane. {{agentName}} {{privateChannel}}',
    );
    expect(result.missing).toEqual(['privateChannel', 'agentName']);
  });

  it('treats empty and whitespace values as missing', () => {
    expect(fillTemplate('{{agentSignature}}', { agentSignature: '   ' })).toEqual({
      text: '{{agentSignature}}',
      missing: ['agentSignature'],
    });
    expect(fillTemplate('{{agentSignature}}', { agentSignature: null }).missing).toEqual(['agentSignature']);
  });

  it('never lets a value (page text) become a placeholder or break lines', () => {
    const result = fillTemplate('Hi {{customerName}}, {{agentName}}', {
      customerName: 'Mallory {{agentName}}\nline two',
      agentName: 'Sam',
    });
    expect(result.text).toBe('Hi Mallory agentName line two, Sam');
    expect(templateVariablesIn(result.text)).toEqual([]);
    expect(cleanTemplateValue('  a\t\tb  ')).toBe('a b');
  });

  it('never lets a value turn the direction of the rest of the reply', () => {
    // An unclosed right-to-left override would show the agent's own words after it reversed.
    expect(fillTemplate('Hi {{customerName}}, sorry!', { customerName: '\u202Eenaj\u2067' }).text).toBe(
      'Hi enaj, sorry!',
    );
  });

  it('does not take values from the prototype chain', () => {
    expect(fillTemplate('{{constructor}}', {}).missing).toEqual(['constructor']);
  });

  it('leaves text without placeholders as it is', () => {
    expect(fillTemplate('Thanks!', { customerName: 'Jane' })).toEqual({ text: 'Thanks!', missing: [] });
  });
});

describe('filling and removing one placeholder after edits', () => {
  it('fills only the named placeholder and keeps the agent’s edits', () => {
    const edited = 'Hey {{customerName}}, shall we go to {{privateChannel}}? Ring {{privateChannel}}.';
    expect(fillPlaceholder(edited, 'privateChannel', 'DM')).toBe(
      'Hey {{customerName}}, shall we go to DM? Ring DM.',
    );
    expect(fillPlaceholder(edited, 'privateChannel', '  ')).toBe(edited);
  });

  it('removes an optional placeholder with the space before it', () => {
    expect(removePlaceholder('Live status: {{statusPageUrl}} – Sam', 'statusPageUrl')).toBe(
      'Live status: – Sam',
    );
    expect(removePlaceholder('Hi {{customerName}} {{agentSignature}}', 'agentSignature')).toBe(
      'Hi {{customerName}}',
    );
  });
});

describe('template values for a mention', () => {
  it('derives a short, stable case reference from the brand and the end of the case id', () => {
    expect(caseReference('ca-lx3k9a2b00001a7k2qd', 'Acme')).toBe('ACME-7K2QD');
    expect(caseReference('ca-x', 'Café Møller & Co')).toBe('CAFEMLLE-CAX');
    expect(caseReference('ca-00000abcde', '!!!')).toBe('CASE-ABCDE');
  });

  it('addresses the customer by display name, or by @handle when the page showed none', () => {
    expect(customerNameFor({ authorHandle: 'janed' }, { displayName: 'Jane Doe' })).toBe('Jane Doe');
    expect(customerNameFor({ authorHandle: 'janed' }, { displayName: 'JaneD' })).toBe('@janed');
    expect(customerNameFor({ authorHandle: '@janed' }, null)).toBe('@janed');
    expect(customerNameFor({ authorHandle: 'janed' }, { displayName: '  ' })).toBe('@janed');
  });

  it('never lets a display name tag another account in the public reply', () => {
    expect(customerNameFor({ authorHandle: 'janed' }, { displayName: 'Jane @cnn' })).toBe('Jane cnn');
    expect(customerNameFor({ authorHandle: 'janed' }, { displayName: 'Jo (\uff20AcmeRival)' })).toBe(
      'Jo (AcmeRival)',
    );
    expect(customerNameFor({ authorHandle: 'janed' }, { displayName: '@bob@social.example' })).toBe(
      'bob@social.example',
    );
    for (const hidden of ['@@cnn', '@{cnn}', '@\u202Acnn']) {
      expect(customerNameFor({ authorHandle: 'janed' }, { displayName: `Jane ${hidden}` })).toBe('Jane cnn');
    }
    // Not mentions: an "@" inside a word, or standing alone.
    expect(customerNameFor({ authorHandle: 'janed' }, { displayName: 'Jane @ Acme Fans' })).toBe(
      'Jane @ Acme Fans',
    );
    // The customer's own handle is how the reply addresses them.
    expect(customerNameFor({ authorHandle: 'janed' }, { displayName: '@JaneD' })).toBe('@janed');
  });

  it('collects values from policy, settings, mention and case; unknown ones stay absent', () => {
    const values = templateValuesFor({
      policy: DEFAULT_POLICY,
      settings: { agentName: 'Sam Lee', agentSignature: '^SL' },
      mention: { authorHandle: 'janed', caseId: 'ca-lx3k9a2b00001a7k2qd' },
      customer: { displayName: 'Jane' },
    });
    expect(values).toEqual({
      brandName: 'Acme',
      statusPageUrl: 'https://status.acme.example',
      customerName: 'Jane',
      caseReference: 'ACME-7K2QD',
      agentName: 'Sam Lee',
      agentSignature: '^SL',
    });
    expect(values.privateChannel).toBeUndefined();
  });

  it('signs with the first name when the agent set a name but no sign-off; asks when neither is set', () => {
    const base = {
      policy: DEFAULT_POLICY,
      mention: { authorHandle: 'janed', caseId: 'ca-1' },
      customer: null,
    };
    expect(
      templateValuesFor({ ...base, settings: { agentName: ' Sam Lee ', agentSignature: '' } }),
    ).toMatchObject({ agentName: 'Sam Lee', agentSignature: '– Sam' });
    const unset = templateValuesFor({ ...base, settings: { agentName: '', agentSignature: '' } });
    expect(unset.agentName).toBeUndefined();
    expect(unset.agentSignature).toBeUndefined();
    expect(defaultSignature('')).toBe('');
  });

  it('fills a default-policy template completely once the agent picked a private channel', () => {
    const template = DEFAULT_POLICY.templates.find((entry) => entry.id === 'complaint-repeat-long');
    if (!template) throw new Error('fixture template missing');
    const values = templateValuesFor({
      policy: DEFAULT_POLICY,
      settings: { agentName: 'Sam Lee', agentSignature: '' },
      mention: { authorHandle: 'janed', caseId: 'ca-lx3k9a2b00001a7k2qd' },
      customer: { displayName: 'Jane' },
    });
    expect(fillTemplate(template.text, values).missing).toEqual(['privateChannel']);
    const filled = fillTemplate(template.text, { ...values, privateChannel: 'DM' });
    expect(filled.missing).toEqual([]);
    expect(filled.text).toContain('your case (ACME-7K2QD)');
    expect(filled.text).toContain('by DM within the hour');
    expect(filled.text.endsWith('Sam Lee, Acme')).toBe(true);
  });
});
