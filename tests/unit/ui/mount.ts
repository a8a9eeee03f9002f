import { act, createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { HostListEditor } from '../../../components/options/HostListEditor';
import { MentionView } from '../../../components/sidebar/mention/MentionView';
import { parseSettings } from '../../../lib/background/settings';
import type { MentionDetail } from '../../../lib/background/sidebar-api';
import type { IdentityRow, MentionRow } from '../../../lib/db/records';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const roots: Root[] = [];

/** Renders `element` into a fresh container; `render` again on the result to change its props. */
export function mount(element: ReactElement): { container: HTMLElement; render(next: ReactElement): void } {
  const container = document.body.appendChild(document.createElement('div'));
  const root = createRoot(container);
  roots.push(root);
  act(() => root.render(element));
  return { container, render: (next) => act(() => root.render(next)) };
}

/** Unmounts everything `mount` rendered (call in afterEach). */
export function unmountAll(): void {
  act(() => {
    for (const root of roots.splice(0)) root.unmount();
  });
  document.body.innerHTML = '';
}

/** Lets pending answers, effects and short timers run. */
export const settle = (ms = 0) => act(async () => await new Promise((resolve) => setTimeout(resolve, ms)));

/** Types into a React-controlled field as the browser would: its value, then an input event. */
export function typeInto(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const prototype =
    field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  act(() => {
    field.focus();
    Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, value);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Moves focus away from `field`, as Tab or a click elsewhere would. */
export function blur(field: HTMLElement): void {
  act(() => field.blur());
}

export function byTestId<T extends HTMLElement = HTMLElement>(
  testId: string,
  root: ParentNode = document,
): T {
  const found = root.querySelector<T>(`[data-testid="${testId}"]`);
  if (!found) throw new Error(`nothing with data-testid="${testId}"`);
  return found;
}

export function mentionRow(overrides: Partial<MentionRow> = {}): MentionRow {
  const at = '2026-11-23T10:00:00.000Z';
  return {
    id: 'm1',
    platform: 'x',
    postId: '1',
    permalink: null,
    customerId: 'cu-jane',
    identityId: 'x:jane',
    authorHandle: 'jane',
    text: 'My order from Acme is a week late',
    postedAt: at,
    postedAtEstimated: false,
    detectedAt: at,
    at,
    category: 'complaint',
    severity: 2,
    sentiment: -2,
    reasons: [],
    isOwnReply: false,
    inReplyTo: null,
    caseId: 'ca-jane',
    ...overrides,
  };
}

/** The first button whose text is `name` (or matches it). */
export function buttonNamed(name: string | RegExp, root: ParentNode = document): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((button) =>
    typeof name === 'string' ? button.textContent === name : name.test(button.textContent ?? ''),
  );
  if (!found) throw new Error(`no button named ${name}`);
  return found;
}

/** A keyboard press: the control has focus, and React renders what it did before the next key. */
export async function press(button: HTMLElement): Promise<void> {
  await act(async () => button.focus());
  await act(async () => button.click());
}

/** The sidebar's view of one mention on the page, with the default policy and no settings. */
export function mentionView(postKey: string): ReactElement {
  return createElement(MentionView, {
    postKey,
    policy: DEFAULT_POLICY,
    settings: undefined,
    onPage: true,
    position: null,
    praiseKeys: [],
    onBack: () => undefined,
    onStep: () => undefined,
  });
}

/** The options page's editor of other sites, holding these hosts. */
export function hostListEditor(hosts: string[]): ReactElement {
  return createElement(HostListEditor, {
    settings: parseSettings({ genericHosts: hosts }),
    kind: 'genericHosts',
    label: 'Other sites',
    placeholder: 'forum.example.com',
  });
}

/** One of Jane's accounts. */
export function identityRow(handle: string, platform: IdentityRow['platform'] = 'x'): IdentityRow {
  return { id: `${platform}:${handle}`, platform, handle, customerId: 'cu-jane', displayName: null };
}

/** What the sidebar's mention view reads about `mention`: no case or customer unless given. */
export function mentionDetail(mention: MentionRow, overrides: Partial<MentionDetail> = {}): MentionDetail {
  return {
    mention,
    caseRow: null,
    customer: null,
    identities: [],
    thanked: false,
    counts: { mentionCount: 1, caseCount: 1, complaintCaseCount: 1 },
    ...overrides,
  };
}
