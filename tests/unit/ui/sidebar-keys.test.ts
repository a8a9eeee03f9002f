// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { handlesOwnEnter, isEditableTarget } from '../../../components/sidebar/key-targets';
import { tabbableRowKey } from '../../../components/sidebar/queue/roving-focus';

describe('tabbableRowKey (the queue’s one tabbable row)', () => {
  const rows = ['x:1', 'x:2', 'reddit:t1_a'];

  it('is the active row while it is shown', () => {
    expect(tabbableRowKey('x:2', rows)).toBe('x:2');
    expect(tabbableRowKey('reddit:t1_a', rows)).toBe('reddit:t1_a');
  });

  it('falls back to the first row when no row is active', () => {
    expect(tabbableRowKey(null, rows)).toBe('x:1');
  });

  it('falls back to the first row when the active row left the queue (a case resolved elsewhere)', () => {
    expect(tabbableRowKey('reddit:t1_gone', rows)).toBe('x:1');
  });

  it('is null for an empty queue', () => {
    expect(tabbableRowKey('x:1', [])).toBeNull();
    expect(tabbableRowKey(null, [])).toBeNull();
  });
});

describe('which targets keep their own Enter', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  const mount = (html: string): HTMLElement => {
    document.body.innerHTML = html;
    const target = document.querySelector<HTMLElement>('[data-target]');
    if (!target) throw new Error('no [data-target] in the markup');
    return target;
  };

  it('leaves Enter to the crisis banner’s summary (it expands the contact list)', () => {
    const summary = mount(
      '<details><summary data-target>Alert: <strong>Priya Shah</strong></summary><p>…</p></details>',
    );
    expect(handlesOwnEnter(summary)).toBe(true);
    // Focus is on the summary, but the event may come from inside it.
    const inner = summary.querySelector('strong');
    expect(handlesOwnEnter(inner)).toBe(true);
  });

  it.each([
    ['a button (the queue rows are buttons)', '<button data-target>Open</button>'],
    ['a link', '<a data-target href="https://example.com">Open post</a>'],
    ['an input', '<input data-target>'],
    ['a textarea', '<textarea data-target></textarea>'],
    ['a select', '<select data-target><option>en</option></select>'],
    ['editable text', '<div contenteditable="true" data-target>text</div>'],
    ['a role=button element', '<div role="button" tabindex="0" data-target>Go</div>'],
    ['an option', '<ul role="listbox"><li role="option" data-target>One</li></ul>'],
    ['something inside a button', '<button><span data-target>Open</span></button>'],
  ])('leaves Enter to %s', (_name, html) => {
    expect(handlesOwnEnter(mount(html))).toBe(true);
  });

  it('takes Enter when focus is on nothing in particular', () => {
    expect(handlesOwnEnter(document.body)).toBe(false);
    expect(handlesOwnEnter(null)).toBe(false);
    expect(handlesOwnEnter(mount('<section tabindex="-1" data-target><h2>Queue</h2></section>'))).toBe(false);
    expect(handlesOwnEnter(mount('<div contenteditable="false" data-target>text</div>'))).toBe(false);
  });

  it('treats fields, not buttons or summaries, as places where the agent types', () => {
    expect(isEditableTarget(mount('<textarea data-target></textarea>'))).toBe(true);
    expect(isEditableTarget(mount('<input data-target>'))).toBe(true);
    expect(isEditableTarget(mount('<button data-target>Go</button>'))).toBe(false);
    expect(isEditableTarget(mount('<details><summary data-target>Alert</summary></details>'))).toBe(false);
    expect(isEditableTarget(document.body)).toBe(false);
  });
});
