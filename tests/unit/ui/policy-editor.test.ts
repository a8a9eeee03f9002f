// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PolicyEditor } from '../../../components/options/PolicyEditor';
import type { ActivePolicyRecord } from '../../../lib/background/policy-store';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import { DEFAULT_MAX_POLICY_BYTES } from '../../../lib/policy/sync';
import { buttonNamed, byTestId, mount, press, settle, typeInto, unmountAll } from './mount';

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

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

describe('the policy editor with a policy URL set', () => {
  const policyUrl = 'https://policies.example.com/acme.yaml';

  it('says before and after saving that the next sync brings the published file back', async () => {
    mount(createElement(PolicyEditor, { record, policyUrl }));
    await settle(200);
    expect(byTestId('policy-editor-synced').textContent).toContain(policyUrl);
    const editor = byTestId<HTMLTextAreaElement>('policy-editor');
    typeInto(editor, editor.value.replace(/^version: 1$/m, 'version: 2'));
    await settle(200);
    await press(buttonNamed('Save policy'));
    await settle();
    expect(byTestId('policy-editor-message').textContent).toMatch(
      /^Saved: the edited policy is active\. The next sync from the policy URL .* replaces it/,
    );
  });

  it('says nothing of syncing where no URL is set', async () => {
    mount(createElement(PolicyEditor, { record }));
    await settle(200);
    expect(document.querySelector('[data-testid="policy-editor-synced"]')).toBeNull();
  });
});

describe('the policy editor when storage refuses the policy', () => {
  const refuse = () =>
    vi
      .spyOn(browser.storage.local, 'set')
      .mockRejectedValue(new Error('Resource::kQuotaBytes quota exceeded'));

  it('Save policy says why it failed and keeps the edits to save again', async () => {
    mount(createElement(PolicyEditor, { record }));
    await settle(200);
    const editor = byTestId<HTMLTextAreaElement>('policy-editor');
    const edited = editor.value.replace(/^version: 1$/m, 'version: 2');
    typeInto(editor, edited);
    await settle(200);
    refuse();
    const save = buttonNamed('Save policy');
    await press(save);
    await settle();
    expect(byTestId('policy-editor-error').textContent).toBe(
      'The policy was not saved: There is no room left to save this (the browser’s storage for Parley is full). Nothing was half-saved; free some disk space and try again. Your edits are still here.',
    );
    expect(byTestId('policy-editor-error').getAttribute('role')).toBe('alert');
    expect(document.querySelector('[data-testid="policy-editor-message"]')).toBeNull();
    expect(editor.value).toBe(edited);
    expect(save.getAttribute('aria-disabled')).toBe('false');

    vi.restoreAllMocks();
    await press(save);
    await settle();
    expect(document.querySelector('[data-testid="policy-editor-error"]')).toBeNull();
    expect(byTestId('policy-editor-message').textContent).toBe('Saved: the edited policy is active.');
  });

  it('an imported file that cannot be stored says so, and nothing is said to be applied', async () => {
    mount(createElement(PolicyEditor, { record }));
    await settle(200);
    refuse();
    const input = byTestId<HTMLInputElement>('policy-file');
    const yaml = byTestId<HTMLTextAreaElement>('policy-editor').value.replace(/^version: 1$/m, 'version: 3');
    Object.defineProperty(input, 'files', { configurable: true, value: [new File([yaml], 'acme.yaml')] });
    act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle(20);
    expect(byTestId('policy-editor-error').textContent).toBe(
      'acme.yaml was not applied: There is no room left to save this (the browser’s storage for Parley is full). Nothing was half-saved; free some disk space and try again.',
    );
    expect(document.querySelector('[data-testid="policy-editor-message"]')).toBeNull();
  });
});

describe('importing a policy file', () => {
  it('refuses a file over the size a sync accepts without reading it, naming both sizes', async () => {
    mount(createElement(PolicyEditor, { record }));
    await settle(200);
    const read = vi.spyOn(File.prototype, 'text');
    const input = byTestId<HTMLInputElement>('policy-file');
    const big = new File([new Uint8Array(DEFAULT_MAX_POLICY_BYTES + 1)], 'big.yaml');
    Object.defineProperty(input, 'files', { configurable: true, value: [big] });
    act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle(20);
    expect(read).not.toHaveBeenCalled();
    expect(byTestId('policy-editor-error').textContent).toBe(
      'big.yaml was not applied: it is 1,048,577 bytes; the limit is 1 MiB (1,048,576 bytes).',
    );
    expect(document.querySelector('[data-testid="policy-editor-message"]')).toBeNull();
  });
});
