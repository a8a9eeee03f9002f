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
    expect(container.querySelector('[role="status"]')?.textContent).toMatch(/^Linked: Sam Lee/);

    await press(buttonNamed('Unlink', byTestId('identities')));
    await settle();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Storage is full.');
    expect(container.querySelector('[role="status"]')).toBeNull();
  });
});
