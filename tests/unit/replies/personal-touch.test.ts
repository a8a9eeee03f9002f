import { describe, expect, it } from 'vitest';
import { checkReply, REPLY_CHECKS, type ReplyCheckContext } from '../../../lib/replies/checks';

const TEMPLATE =
  'Hi Jo, we are so sorry your parcel is late. Could you send us a direct message with your order number so we can look into it right away? – Sam';

const publicContext: ReplyCheckContext = {
  platform: 'x',
  visibility: 'public',
  bannedPhrases: [],
  templateText: TEMPLATE,
  agentName: 'Sam Lee',
};

function ids(text: string, context: ReplyCheckContext = publicContext): string[] {
  return checkReply(text, context).map((check) => check.id);
}

describe('template unchanged', () => {
  it('warns when the reply is the template, whitespace aside', () => {
    const [check] = checkReply(`  ${TEMPLATE.replace(/ /g, '\n ')} `, publicContext);
    expect(check?.id).toBe('template-unchanged');
    expect(check?.severity).toBe('warning');
    expect(check?.message).toMatch(/^Tailor this reply/);
  });

  it('warns when under a tenth of the words changed', () => {
    expect(ids(TEMPLATE.replace('so sorry', 'very sorry'))).toEqual(['template-unchanged']);
  });

  it('is not fooled by punctuation or the apostrophe used', () => {
    const short = { ...publicContext, templateText: "Thanks @jo, we're on it! – Sam" };
    expect(ids("Thanks @jo, we're on it!! – Sam", short)).toEqual(['template-unchanged']);
    expect(ids("Thanks @jo we're on it! – Sam", short)).toEqual(['template-unchanged']);
    expect(ids('Thanks @jo, we’re on it! – Sam', short)).toEqual(['template-unchanged']);
    // Changing a word, a handle or the contraction itself still counts.
    expect(ids("Thanks @kim, we're on it! – Sam", short)).toEqual([]);
    expect(ids('Thanks @jo, we are on it! – Sam', short)).toEqual([]);
  });

  it('is satisfied once the reply is tailored', () => {
    const tailored = TEMPLATE.replace(
      'your parcel is late',
      'the blue kettle arrived two weeks late and dented',
    );
    expect(ids(tailored)).toEqual([]);
  });

  it('does nothing without a template', () => {
    expect(ids(TEMPLATE, { ...publicContext, templateText: undefined })).toEqual([]);
    expect(ids(TEMPLATE, { ...publicContext, templateText: '   ' })).toEqual([]);
  });
});

describe('human name', () => {
  const reply = 'Sorry about the kettle, Jo: a new one ships today.';

  it('nudges a public reply without the agent name', () => {
    const [check] = checkReply(reply, { ...publicContext, templateText: undefined });
    expect(check).toMatchObject({ id: 'human-name', severity: 'info' });
    expect(check?.message).toContain('Sam');
  });

  it('accepts the agent’s first or last name anywhere, in any case', () => {
    const context = { ...publicContext, templateText: undefined };
    expect(ids(`${reply} ^sam`, context)).toEqual([]);
    expect(ids(`${reply} (LEE)`, context)).toEqual([]);
    expect(ids(`${reply} Samantha`, context)).toEqual(['human-name']);
  });

  it('reads names with apostrophes, one-character names and initials as a signature', () => {
    const context = { ...publicContext, templateText: undefined };
    expect(ids(`${reply} – O'Brien`, { ...context, agentName: "Kim O'Brien" })).toEqual([]);
    expect(ids(`${reply} – O’Brien`, { ...context, agentName: "Kim O'Brien" })).toEqual([]);
    expect(ids(`${reply} – Obrien's`, { ...context, agentName: "Kim O'Brien" })).toEqual(['human-name']);
    expect(ids('好的，我们马上处理。——李', { ...context, agentName: '李' })).toEqual([]);
    expect(ids('好的，我们马上处理。', { ...context, agentName: '李' })).toEqual(['human-name']);
    expect(ids(`${reply} ^SL`, context)).toEqual([]);
    expect(ids(`${reply} ^sl`, context)).toEqual([]);
    expect(ids(`${reply} ^SK`, context)).toEqual(['human-name']);
    // A one-letter sign-off is not a name when the name has longer parts.
    expect(ids(`${reply} – S`, context)).toEqual(['human-name']);
  });

  it('accepts the sign-off the agent set', () => {
    const context = { ...publicContext, templateText: undefined, agentSignature: '~ Team Acme (S.)' };
    expect(ids(`${reply} ~ Team Acme (S.)`, context)).toEqual([]);
    expect(ids(`${reply} ~ Team Acme`, context)).toEqual(['human-name']);
  });

  it('accepts a signature at the end when the agent name is unknown', () => {
    const context = { ...publicContext, templateText: undefined, agentName: undefined };
    expect(ids(`${reply} – Kim`, context)).toEqual([]);
    expect(ids(`${reply} ^KL`, context)).toEqual([]);
    expect(ids(reply, context)).toEqual(['human-name']);
  });

  it('does not nudge private replies', () => {
    expect(ids(reply, { ...publicContext, templateText: undefined, visibility: 'private' })).toEqual([]);
  });
});

describe('checkReply', () => {
  it('runs every registered check and sorts errors first, then by position', () => {
    expect(REPLY_CHECKS.length).toBeGreaterThanOrEqual(6);
    const text = `Obviously we guarantee it, mail jo@mail.example ${'a'.repeat(260)}`;
    const checks = checkReply(text, {
      ...publicContext,
      templateText: undefined,
      bannedPhrases: [{ phrase: 'guarantee' }],
    });
    expect(checks.map((check) => check.id)).toEqual([
      'banned-phrase',
      'pii-email',
      'length',
      'arguing',
      'human-name',
    ]);
  });

  it('has nothing to say about an empty draft', () => {
    expect(checkReply('  \n ', publicContext)).toEqual([]);
  });
});
