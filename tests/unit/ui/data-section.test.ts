// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { buttonNamed, byTestId, mount, press, settle, unmountAll } from './mount';

/** Export and import hold until the test lets them finish. */
const held = vi.hoisted(() => ({ finish: (): void => undefined }));
const hold = <T>(value: T) =>
  new Promise<T>((resolve) => {
    held.finish = () => resolve(value);
  });

vi.mock('../../../lib/db/instance', () => ({ getDb: () => ({}) }));
vi.mock('../../../components/options/file-io', () => ({
  downloadChunks: () => undefined,
  fileTextChunks: async function* () {},
  dateStamp: () => '2026-11-24',
}));
vi.mock('../../../lib/export', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../lib/export')>()),
  exportJson: vi.fn(() => hold({ customers: 1, mentions: 2, cases: 1 })),
  exportCsv: vi.fn(() => hold(3)),
  importJson: vi.fn(() =>
    hold({
      written: { customers: 1, mentions: 2, cases: 1 },
      skipped: { mentions: 0 },
    }),
  ),
}));

const { DataSection } = await import('../../../components/options/DataSection');
const { exportCsv, exportJson } = await import('../../../lib/export');

beforeEach(() => fakeBrowser.reset());

/** The agent picks an export file in the import field. */
function chooseFile(input: HTMLInputElement): void {
  Object.defineProperty(input, 'files', {
    configurable: true,
    value: [new File(['{}\n'], 'export.jsonl')],
  });
  act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
afterEach(() => {
  unmountAll();
  vi.clearAllMocks();
});

describe('options: export and import keep keyboard focus while they run', () => {
  it('an export button stays focused (turned off with aria-disabled) and runs once per press', async () => {
    mount(createElement(DataSection));
    await settle();
    const button = buttonNamed('Everything (JSON Lines)');
    await press(button);
    // Not `disabled`: Chromium drops focus from a focused button that becomes disabled.
    expect([button.disabled, button.getAttribute('aria-disabled')]).toEqual([false, 'true']);
    expect(buttonNamed('Cases (CSV)').disabled).toBe(false);
    expect(document.activeElement).toBe(button);
    await press(button);
    const cases = buttonNamed('Cases (CSV)');
    await press(cases);
    expect([exportJson, exportCsv].map((fn) => vi.mocked(fn).mock.calls.length)).toEqual([1, 0]);
    expect(document.activeElement).toBe(cases);

    await act(async () => held.finish());
    await settle();
    expect(byTestId('export-message').textContent).toBe('Exported 1 customers, 2 mentions and 1 cases.');
    expect(button.getAttribute('aria-disabled')).toBeNull();
    expect(document.activeElement).toBe(cases);
  });

  it('the import file field stays focused while the import runs, and opens no picker meanwhile', async () => {
    mount(createElement(DataSection));
    await settle();
    const input = byTestId<HTMLInputElement>('import-file');
    act(() => input.focus());
    chooseFile(input);
    await settle();
    expect([input.disabled, input.getAttribute('aria-disabled')]).toEqual([false, 'true']);
    expect(document.activeElement).toBe(input);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    act(() => {
      input.dispatchEvent(click);
    });
    expect(click.defaultPrevented).toBe(true);

    await act(async () => held.finish());
    await settle();
    expect(byTestId('import-result').textContent).toMatch(/^Imported 1 customers, 2 mentions/);
    expect(input.getAttribute('aria-disabled')).toBeNull();
    expect(document.activeElement).toBe(input);
  });
});

describe('options: import progress is said in a live region that was there before it started', () => {
  it('the region exists empty, speaks while the import runs, and empties when it ends', async () => {
    mount(createElement(DataSection));
    await settle();
    const region = byTestId('import-progress-said');
    expect([region.getAttribute('role'), region.textContent]).toEqual(['status', '']);
    const input = byTestId<HTMLInputElement>('import-file');
    chooseFile(input);
    await settle();
    // The same element, so a screen reader that watched it from the start hears the change.
    expect(byTestId('import-progress-said')).toBe(region);
    expect(region.textContent).toBe('Checking the file…');

    await act(async () => held.finish());
    await settle();
    expect(byTestId('import-progress-said')).toBe(region);
    expect(region.textContent).toBe('');
  });
});
