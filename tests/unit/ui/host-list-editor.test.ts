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
