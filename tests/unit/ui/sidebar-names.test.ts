// @vitest-environment happy-dom
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SidebarApp } from '../../../components/sidebar/SidebarApp';
import { forgetStorageValues } from '../../../lib/ui/use-extension-storage';
import { mentionDetail, mentionRow, mentionView, mount, settle, unmountAll } from './mount';

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

describe('the mention view’s headings', () => {
  it('nest under the mention’s heading: Reply, Guidance and Case and history are its sections', async () => {
    const mention = mentionRow();
    const detail = mentionDetail(mention);
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: {
      type: string;
      payload: { name: string };
    }) =>
      message.type === 'sidebar:query' && message.payload.name === 'mention-detail'
        ? detail
        : null) as never);
    const { container } = mount(mentionView(mention.id));
    await settle();
    const outline = [...container.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(
      (heading) => `${heading.tagName} ${heading.textContent}`,
    );
    expect(outline[0]).toBe('H2 @jane · Complaint');
    const sections = outline.filter((line) => /^H\d (Reply|Guidance|Case and history)$/.test(line));
    expect(sections).toEqual(['H3 Reply', 'H3 Guidance', 'H3 Case and history']);
    // Nothing after the mention's heading leaves its section.
    expect(outline.slice(1).filter((line) => /^H[12] /.test(line))).toEqual([]);
  });
});
