// @vitest-environment happy-dom
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SidebarApp } from '../../../components/sidebar/SidebarApp';
import { forgetStorageValues } from '../../../lib/ui/use-extension-storage';
import { mount, settle, unmountAll } from './mount';

beforeEach(() => {
  fakeBrowser.reset();
  forgetStorageValues();
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async () => null) as never);
});
afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

/** Buttons whose aria-label does not hold their visible words: speech input ("click Hide") misses them. */
function namesWithoutTheirWords(root: ParentNode): string[] {
  return [...root.querySelectorAll('button[aria-label]')]
    .map((button) => ({
      name: (button.getAttribute('aria-label') ?? '').toLowerCase(),
      words: (button.textContent ?? '')
        .replace(/[^\p{L}\p{N} ]/gu, '')
        .trim()
        .toLowerCase(),
    }))
    .filter(({ name, words }) => words !== '' && !name.includes(words))
    .map(({ name, words }) => `“${words}” named “${name}”`);
}

describe('sidebar controls say what they show', () => {
  it('the header’s Hide button is named with the word it shows', async () => {
    const { container } = mount(createElement(SidebarApp));
    await settle();
    expect(container.querySelector('.sidebar-header button')).not.toBeNull();
    expect(namesWithoutTheirWords(container)).toEqual([]);
  });
});
