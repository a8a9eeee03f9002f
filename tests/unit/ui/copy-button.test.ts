// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CopyButton } from '../../../components/shared/CopyButton';
import { mount, unmountAll } from './mount';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async () => undefined);
});
afterEach(() => {
  unmountAll();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const click = (button: HTMLElement) => act(async () => button.click());
const wait = (ms: number) => act(async () => vi.advanceTimersByTime(ms));

describe('the copy button', () => {
  it('says Copied for the full time after the latest press', async () => {
    const { container } = mount(createElement(CopyButton, { text: 'hello' }));
    const button = container.querySelector('button') as HTMLButtonElement;
    await click(button);
    expect(button.textContent).toBe('Copied ✓');
    await wait(1_500);
    await click(button);
    await wait(1_000);
    expect(button.textContent).toBe('Copied ✓');
    await wait(1_000);
    expect(button.textContent).toBe('Copy');
  });

  it('leaves no timer behind once it is gone', async () => {
    const { container } = mount(createElement(CopyButton, { text: 'hello' }));
    await click(container.querySelector('button') as HTMLButtonElement);
    expect(vi.getTimerCount()).toBe(1);
    unmountAll();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('the copy button when the clipboard refuses', () => {
  it('shows the text, selected, where asked to; otherwise only says it failed', async () => {
    vi.mocked(navigator.clipboard.writeText).mockRejectedValue(new Error('Document is not focused.'));
    const { container } = mount(
      createElement(
        'div',
        null,
        createElement(CopyButton, { text: 'Case ACME-1\nline two', showTextOnFailure: true }),
        createElement(CopyButton, { text: 'on screen already' }),
      ),
    );
    const [shown, plain] = [...container.querySelectorAll('button')] as HTMLButtonElement[];
    await click(plain as HTMLButtonElement);
    expect(container.querySelector('textarea')).toBeNull();
    await click(shown as HTMLButtonElement);
    const fallback = container.querySelector<HTMLTextAreaElement>('[data-testid="copy-fallback"]');
    expect(fallback?.value).toBe('Case ACME-1\nline two');
    expect(document.activeElement).toBe(fallback);
    expect(fallback?.labels?.[0]?.textContent).toMatch(/copy it yourself/);
  });
});
