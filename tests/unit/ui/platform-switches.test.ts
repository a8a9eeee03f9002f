// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PlatformSwitches } from '../../../components/shared/PlatformSwitches';
import { loadSettings, parseSettings } from '../../../lib/background/settings';
import { byTestId, mount, settle, unmountAll } from './mount';

beforeEach(() => fakeBrowser.reset());
afterEach(() => unmountAll());

function switchFor(platform: string): HTMLInputElement {
  return byTestId('platform-switches').querySelector(
    `input[data-platform="${platform}"]`,
  ) as HTMLInputElement;
}

describe('the per-site switches', () => {
  it('a second switch pressed before storage reports the first keeps the first one off', async () => {
    // The settings prop stays as it was: storage has not answered yet when the agent presses on.
    mount(createElement(PlatformSwitches, { settings: parseSettings({}), area: browser.storage.local }));
    act(() => switchFor('x').click());
    act(() => switchFor('facebook').click());
    await settle();
    expect([switchFor('x').checked, switchFor('facebook').checked]).toEqual([false, false]);
    expect((await loadSettings(browser.storage.local)).disabledPlatforms).toEqual(['x', 'facebook']);
  });

  it('switching one back on before storage reports leaves the other as pressed', async () => {
    mount(
      createElement(PlatformSwitches, {
        settings: parseSettings({ disabledPlatforms: ['reddit'] }),
        area: browser.storage.local,
      }),
    );
    act(() => switchFor('x').click());
    act(() => switchFor('reddit').click());
    await settle();
    expect((await loadSettings(browser.storage.local)).disabledPlatforms).toEqual(['x']);
  });
});
