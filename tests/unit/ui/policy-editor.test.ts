// @vitest-environment happy-dom
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PolicyEditor } from '../../../components/options/PolicyEditor';
import type { ActivePolicyRecord } from '../../../lib/background/policy-store';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import { byTestId, mount, settle, typeInto, unmountAll } from './mount';

beforeEach(() => fakeBrowser.reset());
afterEach(unmountAll);

const record: ActivePolicyRecord = {
  policy: DEFAULT_POLICY,
  source: 'default',
  appliedAt: '2026-11-24T10:00:00.000Z',
};

describe('the policy editor’s spoken summary', () => {
  it('changes only when the result does, not after every pause in typing', async () => {
    mount(createElement(PolicyEditor, { record }));
    await settle(200);
    const summary = byTestId('policy-editor-summary');
    const said = summary.textContent;
    expect(said).toBe(`Valid policy, version ${DEFAULT_POLICY.version}.`);
    const changes: string[] = [];
    new MutationObserver(() => changes.push(summary.textContent ?? '')).observe(summary, {
      childList: true,
      characterData: true,
      subtree: true,
    });

    const editor = byTestId<HTMLTextAreaElement>('policy-editor');
    typeInto(editor, `# a note\n${editor.value}`);
    expect(summary.textContent).toBe(said);
    await settle(200);
    typeInto(editor, `# a longer note\n${editor.value}`);
    await settle(200);
    expect(changes).toEqual([]);

    typeInto(editor, `version: [\n${editor.value}`);
    await settle(200);
    expect(changes).toHaveLength(1);
    expect(summary.textContent).toMatch(/^\d+ errors?\. First, line \d+: /);
  });
});
