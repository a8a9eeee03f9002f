// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { POLICY_KEY } from '../../../lib/background/policy-store';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import { forgetStorageValues, useActivePolicy } from '../../../lib/ui/use-extension-storage';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const roots: Root[] = [];
beforeEach(() => {
  fakeBrowser.reset();
  forgetStorageValues();
});
afterEach(() => {
  act(() => {
    for (const root of roots.splice(0)) root.unmount();
  });
  vi.restoreAllMocks();
});

/** What each render of a component using the active policy saw: its policy's name, or null. */
function mountProbe(seen: Array<string | null>): void {
  function Probe() {
    const record = useActivePolicy();
    seen.push(record ? record.policy.brand.name : null);
    return null;
  }
  const root = createRoot(document.body.appendChild(document.createElement('div')));
  roots.push(root);
  act(() => root.render(createElement(Probe)));
}

const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

function storedPolicy(name: string) {
  return {
    policy: { ...DEFAULT_POLICY, brand: { ...DEFAULT_POLICY.brand, name } },
    source: 'url' as const,
    appliedAt: '2026-11-24T10:00:00.000Z',
  };
}

describe('extension storage values in the sidebar', () => {
  it('reads and validates the policy once, and a component mounted later has it at its first render', async () => {
    await browser.storage.local.set({ [POLICY_KEY]: storedPolicy('Globex') });
    const get = vi.spyOn(browser.storage.local, 'get');
    const first: Array<string | null> = [];
    mountProbe(first);
    await settle();
    expect(first.at(-1)).toBe('Globex');

    // As the reply panel mounts for each mention the agent opens.
    const later: Array<string | null> = [];
    mountProbe(later);
    await settle();
    expect(later).toEqual(['Globex']);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('reads again for the next component after a failed read', async () => {
    await browser.storage.local.set({ [POLICY_KEY]: storedPolicy('Globex') });
    const get = vi.spyOn(browser.storage.local, 'get');
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    get.mockRejectedValueOnce(new Error('storage unavailable'));
    const first: Array<string | null> = [];
    mountProbe(first);
    await settle();
    expect(first.at(-1)).toBe(null);
    const later: Array<string | null> = [];
    mountProbe(later);
    await settle();
    expect([first.at(-1), later.at(-1)]).toEqual(['Globex', 'Globex']);
  });

  it('keeps an older read that answers late when the newest one fails', async () => {
    await browser.storage.local.set({ [POLICY_KEY]: storedPolicy('Globex') });
    const seen: Array<string | null> = [];
    mountProbe(seen);
    await settle();
    const get = vi.spyOn(browser.storage.local, 'get');
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let answerFirst: () => void = () => undefined;
    // Two changes in a row: the first one's read answers late, the second one's fails.
    get
      .mockImplementationOnce(
        () =>
          new Promise((resolve) => {
            answerFirst = () => resolve({ [POLICY_KEY]: storedPolicy('Initech') });
          }) as never,
      )
      .mockRejectedValueOnce(new Error('storage unavailable'));
    await act(async () => {
      await browser.storage.local.set({ [POLICY_KEY]: storedPolicy('Initech') });
      await browser.storage.local.set({ [POLICY_KEY]: storedPolicy('Hooli') });
    });
    await settle();
    await act(async () => answerFirst());
    await settle();
    expect(seen.at(-1)).toBe('Initech');
  });

  it('follows changes to storage in every component', async () => {
    await browser.storage.local.set({ [POLICY_KEY]: storedPolicy('Globex') });
    const one: Array<string | null> = [];
    const two: Array<string | null> = [];
    mountProbe(one);
    mountProbe(two);
    await settle();
    await act(async () => {
      await browser.storage.local.set({ [POLICY_KEY]: storedPolicy('Initech') });
    });
    await settle();
    expect([one.at(-1), two.at(-1)]).toEqual(['Initech', 'Initech']);
  });
});
