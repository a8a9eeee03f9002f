import { describe, expect, it } from 'vitest';
import { checksSummary } from '../../../components/sidebar/reply/CheckList';
import type { ReplyCheck } from '../../../lib/replies/checks';

const check = (severity: ReplyCheck['severity']) => ({ id: 'x', severity, message: 'm' }) as ReplyCheck;

describe('checksSummary: what a screen reader hears as the checks change', () => {
  it('counts by what the agent must do', () => {
    expect(checksSummary([check('error'), check('warning'), check('warning'), check('info')])).toBe(
      'Checks on your reply: 1 to fix, 2 to check, 1 tip.',
    );
    expect(checksSummary([check('info'), check('info')])).toBe('Checks on your reply: 2 tips.');
  });

  it('says so when nothing is left to fix', () => {
    expect(checksSummary([])).toBe('No problems found in your reply.');
  });
});
