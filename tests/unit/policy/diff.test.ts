import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import { diffPolicies, staleness } from '../../../lib/policy/diff';
import { parsePolicyText } from '../../../lib/policy/parse';
import { type Policy, policySchema } from '../../../lib/policy/schema';
import { defaultPolicyYaml } from '../../../lib/policy/yaml';

const clone = (): Policy => structuredClone(DEFAULT_POLICY);
const summaryOf = (next: Policy) => diffPolicies(DEFAULT_POLICY, policySchema.parse(next)).summary;

describe('diffPolicies', () => {
  it('reports nothing for identical policies, even when parsed from YAML with another key order', () => {
    const parsed = parsePolicyText(defaultPolicyYaml());
    if (!parsed.ok) throw new Error('default policy must parse');
    expect(diffPolicies(DEFAULT_POLICY, parsed.policy).summary).toEqual([]);
    expect(
      diffPolicies(DEFAULT_POLICY, { ...clone(), version: 2, updatedAt: '2026-02-01T00:00:00Z' }).summary,
    ).toEqual([]);
  });

  it('puts crisis mode first', () => {
    const next = clone();
    next.crisis.active = true;
    next.crisis.summary = 'Checkout in the Acme app is failing for some customers.';
    next.bannedPhrases.push({ phrase: 'per the terms' });
    expect(summaryOf(next)).toEqual([
      'Crisis mode turned on: Checkout in the Acme app is failing for some customers.',
      "Banned phrase 'per the terms' added",
    ]);
    const off = diffPolicies(policySchema.parse(next), DEFAULT_POLICY).summary;
    expect(off[0]).toBe('Crisis mode turned off');
    expect(off).toContain("Banned phrase 'per the terms' removed");
  });

  it('describes response-target changes in minutes, per platform too', () => {
    const next = clone();
    next.sla.firstResponseMinutes[4] = 10;
    next.sla.byPlatform = { x: { 1: 75 }, instagram: { 2: 30 } };
    expect(summaryOf(next)).toEqual([
      'First-response target for severity 4 changed from 15 to 10 minutes',
      'First-response target for severity 1 on X changed from 60 to 75 minutes',
      'First-response target for severity 1 on Facebook now follows the general target (180 minutes)',
      'First-response target for severity 2 on Instagram set to 30 minutes',
    ]);
  });

  it('names templates by name and says what changed', () => {
    const next = clone();
    const changed = next.templates[1] as Policy['templates'][number];
    changed.text = `${changed.text} Thanks for bearing with us.`;
    changed.platforms = ['x'];
    const removed = next.templates.splice(2, 1)[0] as Policy['templates'][number];
    next.templates.push({
      id: 'refund-delay-x',
      name: 'Refund delay (X)',
      category: 'complaint',
      platforms: ['x'],
      language: 'en',
      audience: 'any',
      text: "Sorry your refund hasn't arrived, {{customerName}}. DM us and I'll chase it today. {{agentSignature}}",
      requiredVariables: ['customerName'],
    });
    expect(summaryOf(next)).toEqual([
      `Template '${changed.name}' changed: text, platforms`,
      "Template 'Refund delay (X)' added (X)",
      `Template '${removed.name}' removed`,
    ]);
  });

  it('covers ratings, guidance, thank-the-fan, contacts, brand terms and detection rules', () => {
    const next = clone();
    const high = next.ratings.find((rating) => rating.level === 3) as Policy['ratings'][number];
    high.resolution = high.resolution.filter((step) => step.type !== 'apologise');
    high.guidance.praise = undefined;
    high.guidance.question = ['Ask which order they mean before you answer.'];
    high.guidance.crisis = ['Point to the status page.'];
    next.thankTheFan.loyalFanMinPraises = 5;
    (next.escalationContacts[0] as Policy['escalationContacts'][number]).address = '#social-escalations';
    next.brand.aliases.push('Acme Shop');
    next.brand.exclusions = next.brand.exclusions.filter((term) => term !== 'Acme Brick');
    next.brand.handles.push('acme_uk');
    next.brand.emails.push('refunds@acme.example');
    next.classification.severityRules.pop();
    next.dos.push({ text: 'Follow up within a day when you promised news.' });
    expect(summaryOf(next)).toEqual([
      "New do: 'Follow up within a day when you promised news.'",
      'Resolution path for severity 3 (High) changed: Acknowledge publicly → Move to DM, email or phone (ask permission first) → Escalate to Priya Shah (Social support team lead) within 60 min → Resolve → Invite them to share the outcome',
      "Guidance for question at severity 3 (High) changed: added 'Ask which order they mean before you answer.'; removed 'A question asked for the third time is a complaint: treat it as one.'",
      'Guidance for praise at severity 3 (High) removed',
      "Guidance for crisis at severity 3 (High) added: 'Point to the status page.'",
      'A loyal fan is now someone with 5 praise mentions (was 3)',
      "Escalation contact 'Priya Shah' changed: address",
      "Brand alias 'Acme Shop' added",
      "Handle '@acme_uk' added",
      "E-mail address 'refunds@acme.example' added",
      "Exclusion 'Acme Brick' removed",
      'Detection rules changed: 1 severity rule removed or replaced',
    ]);
  });
});

describe('staleness: whether a changed copy of the same published file would replace the active policy', () => {
  const at = (version: number, updatedAt: string): Policy => ({ ...DEFAULT_POLICY, version, updatedAt });
  it('a higher version does; a lower one never; the same one only when updatedAt is later', () => {
    const active = at(3, '2026-11-20T10:00:00Z');
    expect(staleness(active, at(4, '2026-11-01T10:00:00Z'))).toBeNull();
    expect(staleness(active, at(2, '2026-11-24T10:00:00Z'))).toBe('lower-version');
    expect(staleness(active, at(3, '2026-11-21T10:00:00Z'))).toBeNull();
    expect(staleness(active, at(3, '2026-11-20T10:00:00Z'))).toBe('same-version-not-newer');
    expect(staleness(active, at(3, 'not a date'))).toBe('same-version-not-newer');
  });
});
