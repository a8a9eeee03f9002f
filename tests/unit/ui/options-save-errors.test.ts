// @vitest-environment happy-dom
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AgentSection } from '../../../components/options/AgentSection';
import { PolicyUrlForm } from '../../../components/options/PolicyUrlForm';
import { parseSettings } from '../../../lib/background/settings';
import { buttonNamed, byTestId, mount, press, settle, typeInto, unmountAll } from './mount';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  fakeBrowser.reset();
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  unmountAll();
  vi.restoreAllMocks();
});

const refuseStorage = () =>
  vi.spyOn(browser.storage.local, 'set').mockRejectedValue(new Error('Resource::kQuotaBytes quota exceeded'));

/** Submits the form `button` belongs to, as pressing it would. */
async function submit(button: HTMLButtonElement): Promise<void> {
  await press(button);
  await settle();
}

describe('the agent section when storage refuses the save', () => {
  it('says why, keeps what was typed, and saves it on the next try', async () => {
    const { container } = mount(createElement(AgentSection, { settings: parseSettings({}) }));
    const [name, signature] = container.querySelectorAll('input');
    typeInto(name as HTMLInputElement, 'Sam Lee');
    typeInto(signature as HTMLInputElement, '– Sam, Acme support');
    refuseStorage();
    await submit(buttonNamed('Save'));
    expect(unhandled).toEqual([]);
    const error = byTestId('agent-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe(
      'Not saved: There is no room left to save this (the browser’s storage for Parley is full). Nothing was half-saved; free some disk space and try again. Your name and sign-off are still here.',
    );
    const status = container.querySelector('[role="status"]');
    expect(status?.textContent).toBe('');
    expect((name as HTMLInputElement).value).toBe('Sam Lee');
    expect((signature as HTMLInputElement).value).toBe('– Sam, Acme support');

    vi.restoreAllMocks();
    await submit(buttonNamed('Save'));
    expect(document.querySelector('[data-testid="agent-error"]')).toBeNull();
    // Announced in the region that was already there, empty, before the save.
    expect(container.querySelector('[role="status"]')).toBe(status);
    expect(status?.textContent).toBe('Saved.');
  });
});

describe('the policy URL form when a step fails', () => {
  const url = 'https://policies.example.com/acme.yaml';

  it('a save that storage refuses says why and keeps the URL', async () => {
    vi.spyOn(browser.permissions, 'request').mockImplementation((async () => true) as never);
    const sync = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockImplementation((async () => ({ ok: true, message: 'Synced.' })) as never);
    const { container } = mount(createElement(PolicyUrlForm, { settings: parseSettings({}) }));
    const input = container.querySelector('input') as HTMLInputElement;
    typeInto(input, url);
    refuseStorage();
    await submit(buttonNamed('Save'));
    expect(unhandled).toEqual([]);
    expect(byTestId('policy-url-error').textContent).toBe(
      'The policy URL was not saved: There is no room left to save this (the browser’s storage for Parley is full). Nothing was half-saved; free some disk space and try again.',
    );
    expect(input.value).toBe(url);
    expect(sync).not.toHaveBeenCalled();
  });

  it('removing the URL when storage refuses says why and keeps the field empty', async () => {
    const { container } = mount(
      createElement(PolicyUrlForm, { settings: parseSettings({ policyUrl: url }) }),
    );
    const input = container.querySelector('input') as HTMLInputElement;
    typeInto(input, '');
    refuseStorage();
    await submit(buttonNamed('Save'));
    expect(unhandled).toEqual([]);
    expect(byTestId('policy-url-error').textContent).toBe(
      'The policy URL was not removed: There is no room left to save this (the browser’s storage for Parley is full). Nothing was half-saved; free some disk space and try again.',
    );
    expect(document.querySelector('[data-testid="policy-url-message"]')).toBeNull();
    expect(input.value).toBe('');
  });

  it('a permission request the browser rejects says why and keeps the URL', async () => {
    vi.spyOn(browser.permissions, 'request').mockRejectedValue(
      new Error('This function must be called during a user gesture'),
    );
    const { container } = mount(createElement(PolicyUrlForm, { settings: parseSettings({}) }));
    const input = container.querySelector('input') as HTMLInputElement;
    typeInto(input, url);
    await submit(buttonNamed('Save'));
    expect(unhandled).toEqual([]);
    expect(byTestId('policy-url-error').textContent).toBe(
      'Parley could not ask for permission to read policies.example.com: This function must be called during a user gesture.',
    );
    expect(input.value).toBe(url);
  });
});
