// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { ReplyPanel } from '../../../components/sidebar/reply/ReplyPanel';
import { byTestId, mentionRow, mount, settle, typeInto, unmountAll } from './mount';

beforeEach(() => {
  // No stored draft, and every save goes through.
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async () => null) as never);
});

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

function mountPanel() {
  return mount(
    createElement(ReplyPanel, {
      postKey: 'x:1',
      mention: mentionRow(),
      caseRow: null,
      customer: null,
      isRepeatCustomer: false,
    }),
  );
}

const buttonNamed = (name: string | RegExp): HTMLButtonElement => {
  const found = [...document.querySelectorAll('button')].find((button) =>
    typeof name === 'string' ? button.textContent === name : name.test(button.textContent ?? ''),
  );
  if (!found) throw new Error(`no button named ${name}`);
  return found;
};

/** A mouse click in Chromium: the button takes focus on mousedown, and React renders before the click. */
async function click(element: HTMLElement): Promise<void> {
  await act(async () => element.focus());
  await act(async () => element.click());
}

/** A public reply with personal data in it, moved to a private channel with the check's button. */
async function moveToPrivate(): Promise<void> {
  typeInto(byTestId<HTMLTextAreaElement>('reply-editor'), 'Hi Jane, email me at jane.doe@example.com please');
  await settle(150);
  await click(buttonNamed(/^Move to /));
  await settle();
}

describe('moving to a private channel', () => {
  it('takes focus to the private message as the Move buttons go', async () => {
    mountPanel();
    await settle();
    await moveToPrivate();
    await settle(150);
    expect(document.querySelector('.reply-private-actions')).toBeNull();
    expect(document.activeElement).toBe(byTestId('reply-private').querySelector('textarea'));
  });
});

describe('a field to fill in', () => {
  /** The reply with an optional gap for the private channel, and that gap's row. */
  async function gap(): Promise<{ input: HTMLInputElement; row: HTMLElement }> {
    mountPanel();
    await settle();
    typeInto(
      byTestId<HTMLTextAreaElement>('reply-editor'),
      'Could you send us a message by {{privateChannel}}?',
    );
    const input = byTestId('reply-variables').querySelector('input') as HTMLInputElement;
    return { input, row: input.closest('.reply-variable') as HTMLElement };
  }
  const focus = (element: HTMLElement) => act(() => element.focus());

  it('keeps the row while Tab moves to its own chips and Leave out, and fills in on leaving it', async () => {
    const { input, row } = await gap();
    typeInto(input, 'carrier pigeon');
    const [chip] = row.querySelectorAll('button');
    await focus(chip as HTMLElement);
    await focus(buttonNamed('Leave out'));
    expect(row.isConnected).toBe(true);
    expect(document.activeElement).toBe(buttonNamed('Leave out'));

    await focus(byTestId('reply-insert'));
    expect(row.isConnected).toBe(false);
    expect(byTestId<HTMLTextAreaElement>('reply-editor').value).toBe(
      'Could you send us a message by carrier pigeon?',
    );
    expect(document.activeElement).toBe(byTestId('reply-insert'));
  });

  it('takes the chip pressed after typing, not the typed text', async () => {
    const { input, row } = await gap();
    typeInto(input, 'carrier pigeon');
    const chip = row.querySelector('.reply-chip') as HTMLButtonElement;
    const choice = chip.textContent;
    await click(chip);
    expect(byTestId<HTMLTextAreaElement>('reply-editor').value).toBe(
      `Could you send us a message by ${choice}?`,
    );
  });

  it('leaves it out when Leave out is pressed after typing', async () => {
    const { input } = await gap();
    typeInto(input, 'carrier pigeon');
    await click(buttonNamed('Leave out'));
    await settle();
    expect(byTestId<HTMLTextAreaElement>('reply-editor').value).toBe('Could you send us a message by?');
    expect(document.activeElement).toBe(byTestId('reply-editor'));
  });
});

describe('copying when the clipboard refuses', () => {
  beforeEach(() => {
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new DOMException('Denied', 'NotAllowedError')) },
    });
  });

  it('selects the private message, not the public reply, for the agent to copy by hand', async () => {
    mountPanel();
    await settle();
    await moveToPrivate();
    const privateText = byTestId('reply-private').querySelector('textarea') as HTMLTextAreaElement;
    expect(privateText.value).not.toBe('');

    await click(buttonNamed('Copy private message'));
    await settle();
    expect(document.activeElement).toBe(privateText);
    expect([privateText.selectionStart, privateText.selectionEnd]).toEqual([0, privateText.value.length]);
    expect(byTestId('reply-status').textContent).toBe(
      'Copying was blocked. The private message is selected: press Ctrl+C (⌘C).',
    );
  });

  it('selects the public reply for Copy', async () => {
    mountPanel();
    await settle();
    const editor = byTestId<HTMLTextAreaElement>('reply-editor');
    typeInto(editor, 'Hi Jane, sorry about the wait.');
    await click(byTestId('reply-copy'));
    await settle();
    expect(document.activeElement).toBe(editor);
    expect(byTestId('reply-status').textContent).toBe(
      'Copying was blocked. The reply is selected: press Ctrl+C (⌘C).',
    );
  });
});

describe('Mark as sent', () => {
  /** The background holds mark-sent until `finish` is called; everything else answers at once. */
  function markSentThatWaits(): { finish: () => void } {
    let finish: () => void = () => undefined;
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: {
      type: string;
      payload: { name?: string };
    }) => {
      if (message.type !== 'sidebar:mutate' || message.payload.name !== 'mark-sent') return null;
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      return {};
    }) as never);
    return { finish: () => finish() };
  }

  it('keeps what the agent typed while it was being recorded', async () => {
    const background = markSentThatWaits();
    mountPanel();
    await settle();
    const editor = byTestId<HTMLTextAreaElement>('reply-editor');
    typeInto(editor, 'Hi Jane, sorted: your parcel is on its way.');
    await click(byTestId('reply-mark-sent'));
    typeInto(editor, 'Hi Jane, sorted: your parcel is on its way. One more thing');
    await act(async () => background.finish());
    await settle();
    expect(editor.value).toBe('Hi Jane, sorted: your parcel is on its way. One more thing');
    expect(byTestId('reply-status').textContent).toMatch(/^Recorded as sent/);
  });

  it('clears the reply that was recorded', async () => {
    const background = markSentThatWaits();
    mountPanel();
    await settle();
    const editor = byTestId<HTMLTextAreaElement>('reply-editor');
    typeInto(editor, 'Hi Jane, sorted: your parcel is on its way.');
    await click(byTestId('reply-mark-sent'));
    await act(async () => background.finish());
    await settle();
    expect(editor.value).toBe('');
  });
});

describe('finding a template the suggestions leave out', () => {
  it('finds it by a word, says what it was written for, and picking it fills the reply', async () => {
    mountPanel();
    await settle();
    const suggested = [...byTestId('reply-suggestions').querySelectorAll('.reply-suggestion-name')];
    expect(suggested.map((name) => name.textContent)).not.toContain('How do returns work? (short)');
    const search = byTestId<HTMLInputElement>('template-search');
    typeInto(search, 'RETURNS work');
    await settle(450);
    const found = byTestId('template-search-results');
    const card = [...found.querySelectorAll('button')].find((button) =>
      button.textContent?.startsWith('How do returns work? (short)'),
    );
    expect(card?.querySelector('.reply-suggestion-why')?.textContent).toBe('Written for question');
    expect(document.querySelector('.template-search [role="status"]')?.textContent).toMatch(
      /templates? found/,
    );
    if (!card) throw new Error('no card');
    await click(card);
    await settle();
    expect(byTestId<HTMLTextAreaElement>('reply-editor').value).toMatch(/return/i);
    expect(search.value).toBe('');
    expect(document.querySelector('[data-testid="template-search-results"]')).toBeNull();
  });

  it('says when nothing matches, and Escape clears the search before it leaves the field', async () => {
    mountPanel();
    await settle();
    const search = byTestId<HTMLInputElement>('template-search');
    typeInto(search, 'zebra crossing');
    await settle(450);
    expect(document.querySelector('.template-search [role="status"]')?.textContent).toBe(
      'No template has all of those words.',
    );
    const escapeKey = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    await act(async () => {
      search.dispatchEvent(escapeKey);
    });
    expect([search.value, escapeKey.defaultPrevented]).toEqual(['', true]);
  });
});

describe('search results', () => {
  it('all show at once, as many as the spoken count says, which waits until typing pauses', async () => {
    mountPanel();
    await settle();
    const search = byTestId<HTMLInputElement>('template-search');
    const status = () => document.querySelector('.template-search [role="status"]')?.textContent;
    typeInto(search, 's');
    await settle();
    expect(status()).toBe('');
    typeInto(search, 'order');
    await settle(450);
    const cards = byTestId('template-search-results').querySelectorAll('.reply-suggestion');
    expect(cards.length).toBeGreaterThan(3);
    expect(status()).toBe(`${cards.length} templates found.`);
    expect(document.querySelector('.template-search .reply-link')).toBeNull();
  });
});

describe('the length meter on Mastodon', () => {
  function mountFor(mention: ReturnType<typeof mentionRow>) {
    return mount(
      createElement(ReplyPanel, {
        postKey: mention.id,
        mention,
        caseRow: null,
        customer: null,
        isRepeatCustomer: false,
      }),
    );
  }
  const meterText = () => byTestId('reply-length').querySelector('[aria-hidden="true"]')?.textContent;

  it('counts the "@jane " Mastodon puts before the reply, and says so next to the editor', async () => {
    mountFor(
      mentionRow({
        id: 'mastodon:1',
        platform: 'mastodon',
        authorHandle: 'jane@mastodon.social',
        permalink: 'https://fosstodon.org/@jane@mastodon.social/1',
      }),
    );
    await settle();
    const editor = byTestId<HTMLTextAreaElement>('reply-editor');
    typeInto(editor, 'a'.repeat(495));
    await settle(150);

    expect(meterText()).toBe('501 / 500');
    expect(byTestId('reply-length').textContent).toContain(
      'Length: 501 of 500 characters allowed on Mastodon, including 6 for the @jane@mastodon.social Mastodon puts before your reply, 1 over',
    );
    const note = byTestId('reply-length-prefill');
    expect(note.textContent).toBe('Counts 6 for the @jane@mastodon.social Mastodon puts before your reply.');
    expect(editor.getAttribute('aria-describedby')?.split(' ')).toContain(note.id);
    expect(byTestId('reply-checks').textContent).toContain('501 of 500');

    // A reply that starts with her handle replaces the one Mastodon wrote: counted once, no note.
    typeInto(editor, `@jane@mastodon.social ${'a'.repeat(494)}`);
    await settle(150);
    expect(meterText()).toBe('500 / 500');
    expect(document.querySelector('[data-testid="reply-length-prefill"]')).toBeNull();
    expect(editor.getAttribute('aria-describedby') ?? '').not.toContain(note.id);
  });

  it('counts only what the agent wrote on X', async () => {
    mountFor(mentionRow());
    await settle();
    typeInto(byTestId<HTMLTextAreaElement>('reply-editor'), 'a'.repeat(280));
    await settle(150);
    expect(meterText()).toBe('280 / 280');
    expect(document.querySelector('[data-testid="reply-length-prefill"]')).toBeNull();
  });
});
