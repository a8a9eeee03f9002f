// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useBackgroundQuery } from '../../../lib/ui/use-background-query';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The background's answers by post key; a key without one stays pending until `answer` is called. */
let answers: Map<string, unknown>;
let pending: Map<string, (value: unknown) => void>;

beforeEach(() => {
  answers = new Map();
  pending = new Map();
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: {
    payload: { args: { postKey: string } };
  }) => {
    const { postKey } = message.payload.args;
    if (answers.has(postKey)) return answers.get(postKey);
    return new Promise((resolve) => pending.set(postKey, resolve));
  }) as never);
});

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  vi.restoreAllMocks();
});

/** What the hook returns for `postKey`, as JSON. */
function Probe({ postKey, keepPrevious }: { postKey: string; keepPrevious: boolean }) {
  const { data, error } = useBackgroundQuery('draft', { postKey }, { keepPrevious });
  return createElement('output', null, JSON.stringify({ data: data ?? null, error }));
}

/** Renders the probe for `postKey`: the same component, so a second call changes its arguments. */
function render(postKey: string, keepPrevious = false): HTMLElement {
  const container =
    document.body.querySelector('main') ?? document.body.appendChild(document.createElement('main'));
  root ??= createRoot(container);
  act(() => root?.render(createElement(Probe, { postKey, keepPrevious })));
  return container;
}

const shown = (container: HTMLElement) => JSON.parse(container.textContent ?? '{}');
const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

describe('useBackgroundQuery', () => {
  it("never shows one argument's answer as the next one's, and shows the next one's failure", async () => {
    answers.set('x:1', { text: 'draft for 1' });
    const container = render('x:1');
    await settle();
    expect(shown(container)).toEqual({ data: { text: 'draft for 1' }, error: null });

    render('x:2');
    await settle();
    expect(shown(container)).toEqual({ data: null, error: null });
    // A handler that failed answers { ok: false, message }: an error, not an answer.
    await act(async () => pending.get('x:2')?.({ ok: false, message: 'The database is not available.' }));
    await settle();
    expect(shown(container)).toEqual({ data: null, error: 'The database is not available.' });
  });

  it('keeps the previous answer on screen while the next loads, when asked to', async () => {
    answers.set('x:1', { text: 'draft for 1' });
    const container = render('x:1', true);
    await settle();
    expect(shown(container)).toEqual({ data: { text: 'draft for 1' }, error: null });
    render('x:2', true);
    await settle();
    expect(shown(container)).toEqual({ data: { text: 'draft for 1' }, error: null });
    await act(async () => pending.get('x:2')?.({ text: 'draft for 2' }));
    await settle();
    expect(shown(container)).toEqual({ data: { text: 'draft for 2' }, error: null });
  });
});

describe('useBackgroundQuery after a database change', () => {
  function QueryProbe({ query }: { query: 'draft' | 'overview' }) {
    const { data } = useBackgroundQuery(query, (query === 'draft' ? { postKey: 'x:1' } : {}) as never);
    return createElement('output', { 'data-query': query }, JSON.stringify(data ?? null));
  }

  it('re-runs only the draft query when nothing but a draft changed, and every query otherwise', async () => {
    const runs: string[] = [];
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: {
      payload: { name: string };
    }) => {
      runs.push(message.payload.name);
      return null;
    }) as never);
    const listeners: Array<(message: unknown) => void> = [];
    vi.spyOn(browser.runtime.onMessage, 'addListener').mockImplementation(((
      listener: (message: unknown) => void,
    ) => listeners.push(listener)) as never);

    const container = document.body.appendChild(document.createElement('section'));
    root = createRoot(container);
    act(() =>
      root?.render([
        createElement(QueryProbe, { key: 'draft', query: 'draft' }),
        createElement(QueryProbe, { key: 'overview', query: 'overview' }),
      ]),
    );
    await settle();
    expect(runs.sort()).toEqual(['draft', 'overview']);
    expect(listeners).toHaveLength(2);

    runs.length = 0;
    const broadcast = (payload: unknown) => {
      for (const listener of listeners) listener({ type: 'background:db-changed', payload });
    };
    broadcast({ only: 'drafts' });
    await settle();
    expect(runs).toEqual(['draft']);

    runs.length = 0;
    broadcast({});
    await settle();
    expect(runs.sort()).toEqual(['draft', 'overview']);

    // A malformed change notice is dropped, not read as "everything changed".
    runs.length = 0;
    broadcast({ only: 'customers' });
    await settle();
    expect(runs).toEqual([]);
  });

  it('leaves a query asked not to follow database changes to its own refreshes', async () => {
    const runs: string[] = [];
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: {
      payload: { args: { postKey: string } };
    }) => {
      runs.push(message.payload.args.postKey);
      return null;
    }) as never);
    function Steady({ postKey }: { postKey: string }) {
      const { data } = useBackgroundQuery('draft', { postKey }, { refetchOnDbChange: false });
      return createElement('output', null, JSON.stringify(data ?? null));
    }
    const container = document.body.appendChild(document.createElement('section'));
    root = createRoot(container);
    act(() => root?.render(createElement(Steady, { postKey: 'x:1' })));
    await settle();
    expect(runs).toEqual(['x:1']);

    await act(async () => {
      for (let change = 0; change < 3; change += 1)
        await fakeBrowser.runtime.onMessage.trigger(
          { type: 'background:db-changed', payload: {} },
          {},
          () => undefined,
        );
    });
    await settle();
    expect(runs).toEqual(['x:1']);

    // New arguments are still asked for.
    act(() => root?.render(createElement(Steady, { postKey: 'x:2' })));
    await settle();
    expect(runs).toEqual(['x:1', 'x:2']);
  });
});
