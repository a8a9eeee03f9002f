// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadSettings } from '../../../lib/background/settings';
import { buttonNamed, hostListEditor, mount, press, settle, typeInto, unmountAll } from './mount';

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

const editor = hostListEditor;

describe('the host list’s permissions', () => {
  it.each([
    ['localhost', 'http://localhost/*'],
    ['forum.example.com', 'https://forum.example.com/*'],
  ])('removing %s gives back the access adding it asked for', async (host, pattern) => {
    const request = vi.spyOn(browser.permissions, 'request').mockImplementation((async () => true) as never);
    const remove = vi.spyOn(browser.permissions, 'remove').mockImplementation((async () => true) as never);
    const view = mount(editor([]));
    typeInto(view.container.querySelector('input') as HTMLInputElement, host);
    await press(buttonNamed('Add'));
    await settle();
    expect(request).toHaveBeenCalledWith({ origins: [pattern] });

    view.render(editor((await loadSettings(browser.storage.local)).genericHosts));
    await press(buttonNamed('Remove'));
    await settle();
    expect((await loadSettings(browser.storage.local)).genericHosts).toEqual([]);
    expect(remove).toHaveBeenCalledWith({ origins: [pattern] });
  });
});

describe('the host list when storage refuses', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });
  const refuseStorage = () =>
    vi
      .spyOn(browser.storage.local, 'set')
      .mockRejectedValue(new Error('Resource::kQuotaBytes quota exceeded'));

  it('says a host was not added, and keeps it in the field', async () => {
    vi.spyOn(browser.permissions, 'request').mockImplementation((async () => true) as never);
    const view = mount(editor([]));
    const input = view.container.querySelector('input') as HTMLInputElement;
    typeInto(input, 'forum.example.com');
    refuseStorage();
    await press(buttonNamed('Add'));
    await settle();
    expect(unhandled).toEqual([]);
    expect(view.container.querySelector('[role="alert"]')?.textContent).toBe(
      'forum.example.com was not added: There is no room left to save this (the browser’s storage for Parley is full). Nothing was half-saved; free some disk space and try again.',
    );
    expect(input.value).toBe('forum.example.com');
  });

  it('says a host was not removed, and keeps its access', async () => {
    const remove = vi.spyOn(browser.permissions, 'remove').mockImplementation((async () => true) as never);
    const view = mount(editor(['forum.example.com']));
    refuseStorage();
    await press(buttonNamed('Remove'));
    await settle();
    expect(unhandled).toEqual([]);
    expect(view.container.querySelector('[role="alert"]')?.textContent).toBe(
      'forum.example.com was not removed: There is no room left to save this (the browser’s storage for Parley is full). Nothing was half-saved; free some disk space and try again.',
    );
    expect(remove).not.toHaveBeenCalled();
  });
});
