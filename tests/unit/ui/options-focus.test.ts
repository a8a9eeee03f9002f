// @vitest-environment happy-dom
import { act, createElement, Fragment } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DataSection } from '../../../components/options/DataSection';
import { PolicyEditor } from '../../../components/options/PolicyEditor';
import { PolicyUrlForm } from '../../../components/options/PolicyUrlForm';
import { PopupApp } from '../../../components/popup/PopupApp';
import { PolicyNotices } from '../../../components/shared/PolicyNotices';
import type { ActivePolicyRecord, PolicySyncStatus } from '../../../lib/background/policy-store';
import { loadSettings, parseSettings } from '../../../lib/background/settings';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import { forgetStorageValues } from '../../../lib/ui/use-extension-storage';
import { buttonNamed, byTestId, hostListEditor, mount, press, settle, typeInto, unmountAll } from './mount';

beforeEach(() => {
  fakeBrowser.reset();
  forgetStorageValues();
});
afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

/** The background holds every sync until `finish` is called. */
function syncThatWaits(): { finish: () => void } {
  let finish: () => void = () => undefined;
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) => {
    if (message.type !== 'sidebar:sync-policy') return null;
    await new Promise<void>((resolve) => {
      finish = resolve;
    });
    return { ok: true, message: 'Policy is up to date.' };
  }) as never);
  return { finish: () => finish() };
}

const record: ActivePolicyRecord = {
  policy: DEFAULT_POLICY,
  source: 'default',
  appliedAt: '2026-11-24T10:00:00.000Z',
};

describe('options and popup: focus after a press', () => {
  it('Got it on the policy update notice moves on to what follows the notice', async () => {
    const status: PolicySyncStatus = {
      lastAttemptAt: null,
      lastSuccessAt: null,
      error: null,
      lastUpdate: { version: 2, summary: [], at: '2026-11-24T10:00:00.000Z' },
    };
    mount(
      createElement(
        Fragment,
        null,
        createElement(PolicyNotices, { record, status }),
        createElement('button', { type: 'button' }, 'Next control'),
      ),
    );
    await settle();
    await press(buttonNamed('Got it'));
    await settle();
    expect(document.querySelector('[data-testid="policy-update-notice"]')).toBeNull();
    expect(document.activeElement).toBe(buttonNamed('Next control'));
  });

  it('Save policy and Discard changes keep focus once they turn off', async () => {
    mount(createElement(PolicyEditor, { record }));
    await settle(200);
    const editor = byTestId<HTMLTextAreaElement>('policy-editor');
    typeInto(editor, editor.value.replace(/^version: 1$/m, 'version: 2'));
    await settle(200);
    const save = buttonNamed('Save policy');
    await press(save);
    await settle();
    expect(byTestId('policy-editor-message').textContent).toBe('Saved: the edited policy is active.');
    expect(save.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(save);

    typeInto(editor, `# a note\n${editor.value}`);
    const discard = buttonNamed('Discard changes');
    await press(discard);
    expect(discard.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(discard);
  });

  it('Sync now in the options keeps focus while it runs, and takes one press at a time', async () => {
    const sync = syncThatWaits();
    mount(createElement(PolicyUrlForm, { settings: parseSettings({}) }));
    const button = buttonNamed('Sync now');
    await press(button);
    expect(button.textContent).toBe('Syncing…');
    expect([button.disabled, button.getAttribute('aria-disabled')]).toEqual([false, 'true']);
    expect(document.activeElement).toBe(button);
    await press(button);
    expect(browser.runtime.sendMessage).toHaveBeenCalledTimes(1);
    await act(async () => sync.finish());
    await settle();
    expect(document.activeElement).toBe(button);
  });

  it('Sync policy now in the popup keeps focus while it runs', async () => {
    syncThatWaits();
    vi.spyOn(browser.tabs, 'query').mockImplementation((async () => []) as never);
    mount(createElement(PopupApp));
    await settle();
    const button = buttonNamed('Sync policy now');
    await press(button);
    expect(button.textContent).toBe('Syncing…');
    // Not `disabled`: Chromium drops focus from a focused button that becomes disabled.
    expect([button.disabled, button.getAttribute('aria-disabled')]).toEqual([false, 'true']);
    expect(document.activeElement).toBe(button);
  });

  it('Remove on an added site moves on to the next site’s Remove, then to the input', async () => {
    vi.spyOn(browser.permissions, 'remove').mockImplementation((async () => true) as never);
    const editor = hostListEditor;
    const view = mount(editor(['a.example', 'b.example']));
    await press(buttonNamed('Remove', view.container.querySelector('li') as HTMLElement));
    view.render(editor((await loadSettings(browser.storage.local)).genericHosts));
    await settle();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove b.example');

    await press(document.activeElement as HTMLElement);
    view.render(editor((await loadSettings(browser.storage.local)).genericHosts));
    await settle();
    expect(document.activeElement).toBe(view.container.querySelector('input'));
  });

  it('Escape backs out of a delete confirmation, back to its Delete… button', async () => {
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async () => []) as never);
    const { container } = mount(createElement(DataSection));
    const ask = buttonNamed('Delete old cases…');
    await press(ask);
    const cancel = buttonNamed('Cancel');
    expect(document.activeElement).toBe(cancel);
    await act(async () => {
      cancel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(container.querySelector('button.danger')?.textContent).toBe('Delete old cases…');
    expect(document.activeElement?.textContent).toBe('Delete old cases…');
  });

  it('deleting one customer returns focus to the search box', async () => {
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: {
      type: string;
      payload: { name: string; args: { query?: string } };
    }) => {
      if (message.type === 'sidebar:query')
        return message.payload.args.query
          ? [
              {
                customer: { id: 'cu-priya', displayName: 'Priya' },
                identities: [{ id: 'x:priya', handle: 'priya', platform: 'x' }],
              },
            ]
          : [];
      return { cases: 1, mentions: 2, customers: 1 };
    }) as never);
    const { container } = mount(createElement(DataSection));
    const search = container.querySelector('input[type="search"]') as HTMLInputElement;
    typeInto(search, 'priya');
    await settle();
    await press(buttonNamed('Delete…', byTestId('purge-matches')));
    await press(buttonNamed(/^Yes, delete all about Priya/));
    await settle();
    expect(byTestId('purge-message').textContent).toBe('1 cases, 2 mentions and 1 customers deleted.');
    expect(document.activeElement).toBe(search);
  });
});
