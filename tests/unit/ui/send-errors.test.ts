// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { runSidebarMutation } from '../../../lib/background/sidebar-api';
import { MAX_NOTE_LENGTH } from '../../../lib/domain/notes';
import { readableSendError, sendFromPage } from '../../../lib/ui/send';

describe('errors the sidebar shows an agent', () => {
  it('says the background did not answer instead of the browser’s connection message', () => {
    const said = readableSendError(
      new Error('Could not establish connection. Receiving end does not exist.'),
    );
    expect(said).toMatch(/^Parley's background did not answer/);
    expect(said).not.toMatch(/Receiving end/);
    expect(readableSendError(new Error('Storage is full.'))).toBe('Storage is full.');
  });

  it('refuses a note over the limit in words an agent can act on, before touching the database', async () => {
    const text = 'x'.repeat(MAX_NOTE_LENGTH + 1);
    await expect(runSidebarMutation(null as never, 'add-note', { caseId: 'c1', text })).rejects.toThrow(
      'That was not saved: Keep a note under 5,000 characters.',
    );
  });
});

describe('a request the background could not carry out', () => {
  afterEach(() => vi.restoreAllMocks());
  const answering = (answer: unknown) =>
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async () => answer) as never);

  it('rejects a change or query with the background’s message, so a refused save is not taken as saved', async () => {
    answering({ ok: false, message: 'Storage is full. That was not saved.' });
    await expect(
      sendFromPage('sidebar:mutate', { name: 'add-note', args: { caseId: 'c1', text: 'hi' } }),
    ).rejects.toThrow('Storage is full. That was not saved.');
    await expect(sendFromPage('sidebar:query', { name: 'draft', args: { postKey: 'x:1' } })).rejects.toThrow(
      'Storage is full.',
    );
  });

  it('passes on answers that report an outcome in their own shape (an insert that did not take)', async () => {
    answering({ ok: false, message: 'The reply box did not open.' });
    await expect(
      sendFromPage('sidebar:insert-reply', { requestId: 'r1', postKey: 'x:1', text: 'Hi' }),
    ).resolves.toEqual({ ok: false, message: 'The reply box did not open.' });
    answering({ id: 'c1', text: 'a note' });
    await expect(
      sendFromPage('sidebar:mutate', { name: 'add-note', args: { caseId: 'c1', text: 'a note' } }),
    ).resolves.toEqual({ id: 'c1', text: 'a note' });
  });
});
