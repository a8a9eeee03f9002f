// @vitest-environment happy-dom
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckList, checksSummary } from '../../../components/sidebar/reply/CheckList';
import type { ReplyCheck } from '../../../lib/replies/checks';
import { byTestId, mount, unmountAll } from './mount';

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

describe('CheckList’s summary', () => {
  afterEach(unmountAll);

  it('stays the same live region as the first check appears and the last one goes', () => {
    const list = (checks: ReplyCheck[]) =>
      createElement(CheckList, { checks, spansCurrent: false, privateChannels: [] });
    const panel = mount(list([]));
    const region = byTestId('reply-checks-summary');
    expect(region.getAttribute('role')).toBe('status');

    panel.render(list([check('error')]));
    expect(byTestId('reply-checks-summary')).toBe(region);
    expect(region.textContent).toBe('Checks on your reply: 1 to fix.');

    panel.render(list([]));
    expect(byTestId('reply-checks-summary')).toBe(region);
    expect(region.textContent).toBe('No problems found in your reply.');
  });
});
