// @vitest-environment happy-dom
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '../../../components/popup/PopupApp';
import { forgetStorageValues } from '../../../lib/ui/use-extension-storage';
import { buttonNamed, mount, press, settle, unmountAll } from './mount';

beforeEach(() => {
  fakeBrowser.reset();
  forgetStorageValues();
  vi.spyOn(browser.tabs, 'query').mockImplementation((async () => []) as never);
});
afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

/** The popup after pressing Sync policy now, with the background answering `answer`. */
async function syncWith(answer: () => Promise<unknown>): Promise<void> {
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) =>
    message.type === 'sidebar:sync-policy' ? answer() : null) as never);
  mount(createElement(PopupApp));
  await settle();
  await press(buttonNamed('Sync policy now'));
  await settle();
}

describe('the popup’s Sync policy now', () => {
  it('shows a failed sync as an error', async () => {
    await syncWith(async () => ({ ok: false, message: 'The policy URL answered 404 Not Found.' }));
    const alert = document.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('The policy URL answered 404 Not Found.');
    expect(alert?.classList.contains('field-error')).toBe(true);
    expect(document.querySelector('[data-testid="sync-message"]')).toBeNull();
  });

  it('shows a background that does not answer as an error', async () => {
    await syncWith(async () => {
      throw new Error('Storage is full.');
    });
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('Storage is full.');
  });

  it('shows a sync that went through as a status', async () => {
    await syncWith(async () => ({ ok: true, message: 'Policy is up to date.' }));
    const status = document.querySelector('[data-testid="sync-message"]');
    expect(status?.textContent).toBe('Policy is up to date.');
    expect(status?.getAttribute('role')).toBe('status');
    expect(document.querySelector('[role="alert"]')).toBeNull();
  });
});
