// @vitest-environment happy-dom
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { CurrentSite } from '../../../components/popup/CurrentSite';
import { parseSettings } from '../../../lib/background/settings';
import { byTestId, mount, settle, unmountAll } from './mount';

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

const settings = parseSettings({ mastodonHosts: ['mastodon.social', 'fosstodon.org'] });

async function popupOn(url: string): Promise<HTMLElement> {
  vi.spyOn(browser.tabs, 'query').mockImplementation((async () => [{ url }]) as never);
  mount(createElement(CurrentSite, { settings }));
  await settle();
  return byTestId('current-site');
}

/** The switch's name and description, as a screen reader reads them. */
function switchWords(site: HTMLElement): { name: string; description: string } {
  const input = site.querySelector('input[role="switch"]') as HTMLInputElement;
  const describedBy = input.getAttribute('aria-describedby');
  return {
    name: (input.closest('label')?.textContent ?? '').trim(),
    description: describedBy ? (document.getElementById(describedBy)?.textContent ?? '') : '',
  };
}

describe('the popup’s switch for the current site', () => {
  it('on a Mastodon instance, says it switches off every instance, and how to stop only this one', async () => {
    const words = switchWords(await popupOn('https://mastodon.social/@acme'));
    expect(words.name).toBe('Parley on every Mastodon instance you added');
    expect(words.description).toMatch(/covers mastodon\.social and every other Mastodon instance/);
    expect(words.description).toMatch(/remove it under Sites in the options/);
  });

  it('on a site of its own platform, names the site', async () => {
    const words = switchWords(await popupOn('https://x.com/acme'));
    expect(words).toEqual({ name: 'Parley on x.com (X)', description: '' });
  });
});
