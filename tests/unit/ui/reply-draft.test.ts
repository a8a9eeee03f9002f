// @vitest-environment happy-dom
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { ReplyPanel } from '../../../components/sidebar/reply/ReplyPanel';
import { blur, byTestId, mentionRow, mount, settle, typeInto, unmountAll } from './mount';

const FULL = 'There is no room left to save this (the browser’s storage for Parley is full).';

/** The background's drafts table, and whether it refuses writes (storage full). */
let stored: Map<string, string>;
let refusing: boolean;
let listeners: Array<(message: unknown) => void>;

beforeEach(() => {
  stored = new Map();
  refusing = false;
  listeners = [];
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(browser.runtime.onMessage, 'addListener').mockImplementation(((
    listener: (message: unknown) => void,
  ) => listeners.push(listener)) as never);
  vi.spyOn(browser.runtime.onMessage, 'removeListener').mockImplementation(((
    listener: (message: unknown) => void,
  ) => listeners.splice(listeners.indexOf(listener), 1)) as never);
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: {
    type: string;
    payload: { name: string; args: { postKey: string; text?: string } };
  }) => {
    const { name, args } = message.payload;
    if (message.type === 'sidebar:query' && name === 'draft') {
      const text = stored.get(args.postKey);
      return text === undefined ? null : { postKey: args.postKey, text, templateId: null, updatedAt: '' };
    }
    if (name === 'save-draft' || name === 'delete-draft') {
      if (refusing) return { ok: false, message: FULL };
      if (name === 'save-draft') stored.set(args.postKey, args.text ?? '');
      else stored.delete(args.postKey);
    }
    return null;
  }) as never);
});

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

const panelFor = (postKey: string) =>
  createElement(ReplyPanel, {
    postKey,
    mention: mentionRow({ postId: postKey.split(':')[1] }),
    caseRow: null,
    customer: null,
    isRepeatCustomer: false,
  });

describe('a draft the background refuses to save', () => {
  it('says so in the reply status, and the message clears once a save goes through', async () => {
    const panel = mount(panelFor('x:1'));
    await settle();
    refusing = true;
    typeInto(byTestId<HTMLTextAreaElement>('reply-editor'), 'Hi Jane, so sorry about the wait.');
    blur(byTestId('reply-editor'));
    await settle();
    expect(byTestId('reply-status').textContent).toBe(
      `Draft not saved: ${FULL} Copy your reply before leaving.`,
    );
    expect(byTestId('reply-status').className).toContain('is-error');

    refusing = false;
    typeInto(byTestId<HTMLTextAreaElement>('reply-editor'), 'Hi Jane, so sorry about the wait!');
    blur(byTestId('reply-editor'));
    await settle();
    expect(byTestId('reply-status').textContent).toBe('');
    expect(stored.get('x:1')).toBe('Hi Jane, so sorry about the wait!');
    panel.render(panelFor('x:2'));
  });

  it('keeps text typed just before moving to another mention, and gives it back there', async () => {
    stored.set('x:1', 'An older draft');
    const panel = mount(panelFor('x:1'));
    await settle();
    refusing = true;
    // Typed, then straight to the next mention: the save on the way out is refused.
    typeInto(byTestId<HTMLTextAreaElement>('reply-editor'), 'The newest words');
    panel.render(panelFor('x:2'));
    await settle();
    expect(stored.get('x:1')).toBe('An older draft');

    panel.render(panelFor('x:1'));
    await settle();
    expect(byTestId<HTMLTextAreaElement>('reply-editor').value).toBe('The newest words');
    expect(byTestId('reply-status').textContent).toContain('Draft not saved');

    // Room again: the next database change takes the refused draft through.
    refusing = false;
    for (const listener of [...listeners]) listener({ type: 'background:db-changed', payload: {} });
    await settle();
    expect(stored.get('x:1')).toBe('The newest words');
    expect(byTestId('reply-status').textContent).toBe('');
  });
});
