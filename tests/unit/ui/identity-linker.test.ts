// @vitest-environment happy-dom
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { IdentityLinker } from '../../../components/sidebar/history/IdentityLinker';
import { buttonNamed, byTestId, identityRow, mount, press, settle, typeInto, unmountAll } from './mount';

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

const identity = identityRow;

describe('linking accounts', () => {
  it('a failure after a link shows only the failure, not the earlier success beside it', async () => {
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: {
      type: string;
      payload: { name: string };
    }) => {
      if (message.type === 'sidebar:query')
        return [
          {
            customer: { id: 'cu-sam', displayName: 'Sam Lee' },
            identities: [identity('sam')],
          },
        ];
      if (message.payload.name === 'unlink-identity') throw new Error('Storage is full.');
      return null;
    }) as never);
    const { container } = mount(
      createElement(IdentityLinker, {
        customerId: 'cu-jane',
        identityId: 'x:jane',
        identities: [identity('jane'), identity('jane_b', 'reddit')],
      }),
    );
    typeInto(container.querySelector('input[type="search"]') as HTMLInputElement, 'sam');
    await settle(300);
    await press(buttonNamed('Link', byTestId('link-results')));
    await settle();
    const status = container.querySelector('[role="status"]');
    expect(status?.textContent).toMatch(/^Linked: Sam Lee/);

    await press(buttonNamed('Unlink', byTestId('identities')));
    await settle();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Storage is full.');
    // The live region stays, silent, for the next outcome to be announced in.
    expect(container.querySelector('[role="status"]')).toBe(status);
    expect(status?.textContent).toBe('');
  });
});
