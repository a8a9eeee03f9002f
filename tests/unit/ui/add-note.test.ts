// @vitest-environment happy-dom
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { AddNoteForm } from '../../../components/sidebar/history/AddNoteForm';
import { buttonNamed, mount, press, settle, typeInto, unmountAll } from './mount';

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

/** A background whose add-note answers only when released; records the notes it was sent. */
function slowBackground() {
  const saved: string[] = [];
  let release: () => void = () => undefined;
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: {
    payload: { args: { text: string } };
  }) => {
    await new Promise<void>((resolve) => {
      release = resolve;
    });
    saved.push(message.payload.args.text);
    return { ok: true };
  }) as never);
  return { saved, release: () => release() };
}

describe('adding a note', () => {
  it('keeps what the agent typed while the note was saving', async () => {
    const background = slowBackground();
    mount(createElement(AddNoteForm, { caseId: 'ca-1' }));
    const box = document.querySelector('textarea') as HTMLTextAreaElement;
    typeInto(box, 'Called the courier');
    await press(buttonNamed('Add note'));
    typeInto(box, 'Called the courier and the depot');
    background.release();
    await settle(20);
    expect(background.saved).toEqual(['Called the courier']);
    expect(box.value).toBe('and the depot');

    typeInto(box, 'Refund approved');
    await press(buttonNamed('Add note'));
    typeInto(box, 'Refund approved by Sam');
    await settle(5);
    typeInto(box, 'Something else entirely');
    background.release();
    await settle(20);
    expect(box.value).toBe('Something else entirely');
  });

  it('empties the box once the note is saved', async () => {
    const background = slowBackground();
    mount(createElement(AddNoteForm, { caseId: 'ca-1' }));
    const box = document.querySelector('textarea') as HTMLTextAreaElement;
    typeInto(box, 'Sent the replacement');
    await press(buttonNamed('Add note'));
    background.release();
    await settle(20);
    expect(box.value).toBe('');
  });
});
