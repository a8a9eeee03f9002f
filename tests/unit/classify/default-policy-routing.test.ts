import { describe, expect, it } from 'vitest';
import { classifyMention } from '../../../lib/classify/index';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import { ratingFor } from '../../../lib/policy/queries';

/** How the demo policy rates and routes typical posts: the rating decides the path the agent is shown. */
function route(text: string) {
  const { category, severity } = classifyMention({ text }, { rules: DEFAULT_POLICY.classification });
  return { category, severity, advice: ratingFor(DEFAULT_POLICY, severity)?.guidance[category] ?? [] };
}

describe('default policy routing', () => {
  it('tells the agent to take an account or order question to DM at the rating such questions get', () => {
    const { category, severity, advice } = route('@acme how can I update the email on my account?');
    expect({ category, severity }).toEqual({ category: 'question', severity: 1 });
    expect(advice.some((line) => /\bDM\b/.test(line) && /account/.test(line))).toBe(true);
  });
});
