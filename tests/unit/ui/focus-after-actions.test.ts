// @vitest-environment happy-dom
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { CaseHistory } from '../../../components/sidebar/history/CaseHistory';
import { IdentityLinker } from '../../../components/sidebar/history/IdentityLinker';
import { SuggestionCards } from '../../../components/sidebar/reply/SuggestionCards';
import type { HistoryItem } from '../../../lib/db/customers';
import type { CustomerRow, IdentityRow } from '../../../lib/db/records';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import { suggestReplies } from '../../../lib/replies/suggest';
import {
  buttonNamed,
  byTestId,
  identityRow,
  mentionDetail,
  mentionRow,
  mount,
  press,
  settle,
  typeInto,
  unmountAll,
} from './mount';

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

/** The background's answers: queries by name, changes resolve with nothing. */
function background(answer: (name: string, args: Record<string, unknown>) => unknown) {
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: {
    type: string;
    payload: { name: string; args: Record<string, unknown> };
  }) =>
    message.type === 'sidebar:query' ? answer(message.payload.name, message.payload.args) : null) as never);
}

const identity = identityRow;

const customer = (id: string, displayName: string): CustomerRow => ({
  id,
  displayName,
  notes: null,
  firstSeenAt: '2026-11-01T10:00:00.000Z',
  lastSeenAt: '2026-11-01T10:00:00.000Z',
  praiseCount: 0,
  complaintCount: 0,
});

describe('focus after an action removes the pressed control', () => {
  it('“more suggestions” hands focus to the first suggestion it revealed', async () => {
    const ranked = suggestReplies(DEFAULT_POLICY, {
      category: 'complaint',
      severity: 2,
      platform: 'x',
      audience: 'first-contact',
      caseState: null,
      language: 'en',
    });
    // Five, so two are behind "2 more suggestions".
    const suggestions = [...ranked, ...ranked]
      .slice(0, 5)
      .map((suggestion, index) => ({ ...suggestion, template: { ...suggestion.template, id: `t${index}` } }));
    mount(
      createElement(SuggestionCards, {
        suggestions,
        previewOf: () => '',
        selectedTemplateId: null,
        onPick: () => undefined,
      }),
    );
    await press(buttonNamed(/more suggestion/));
    await settle();
    const cards = byTestId('reply-suggestions').querySelectorAll('button');
    expect(cards).toHaveLength(suggestions.length);
    expect(document.activeElement).toBe(cards[3]);
  });

  it('Unlink moves on to the search once the last other account is gone; Link goes back to the search', async () => {
    background((name) =>
      name === 'customer-search'
        ? [{ customer: customer('cu-sam', 'Sam Lee'), identities: [identity('sam')] }]
        : null,
    );
    const linker = (identities: IdentityRow[]) =>
      createElement(IdentityLinker, { customerId: 'cu-jane', identityId: 'x:jane', identities });
    const view = mount(linker([identity('jane'), identity('jane_b', 'reddit')]));
    const search = view.container.querySelector('input[type="search"]') as HTMLInputElement;

    await press(buttonNamed('Unlink', byTestId('identities')));
    view.render(linker([identity('jane')]));
    await settle();
    expect(document.activeElement).toBe(search);

    typeInto(search, 'sam');
    await settle(300);
    await press(buttonNamed('Link', byTestId('link-results')));
    await settle(300);
    expect(document.querySelector('[data-testid="link-results"]')).toBeNull();
    expect(document.activeElement).toBe(search);
  });

  it('“Show older” hands focus to the first older entry once the oldest page is in', async () => {
    const mention = mentionRow();
    const entries = (count: number): HistoryItem[] =>
      Array.from({ length: count }, (_, index) => ({
        kind: 'mention',
        at: mention.at,
        id: `x:${index}`,
        mention: { ...mention, id: `x:${index}`, postId: String(index) },
      }));
    background((name, args) =>
      name === 'customer-history'
        ? { items: entries(args.limit === 20 ? 20 : 25), next: args.limit === 20 ? { at: '', id: '' } : null }
        : null,
    );
    const detail = mentionDetail(mention, {
      identities: [identity('jane')],
      counts: { mentionCount: 25, caseCount: 1, complaintCaseCount: 1 },
    });
    mount(createElement(CaseHistory, { detail, brandName: 'Acme' }));
    await settle();
    await press(buttonNamed('Show older'));
    await settle();
    const timeline = byTestId('timeline').children;
    expect(timeline).toHaveLength(25);
    expect(document.activeElement).toBe(timeline[20]);
  });
});
