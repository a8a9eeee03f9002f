import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  askBackground,
  type ExtensionSession,
  openExtensionPage,
  settledMentionCount,
  startExtension,
} from './harness';
import { appendXCell } from './x-timeline';

/**
 * Case lifecycle in the real extension: a resolved case reopens when the same customer writes again,
 * and the new mention joins the same customer's history.
 */
describe('case history', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await startExtension();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('reopens a resolved case when the customer writes again', async () => {
    const site = await session.context.newPage();
    await site.goto('https://x.com/home');
    await settledMentionCount(site);
    const extension = await openExtensionPage(session);
    const ask = (type: string, payload: unknown) => askBackground(extension, type, payload);

    const detail = (await ask('sidebar:query', {
      name: 'mention-detail',
      args: { postKey: 'x:1991000000000000001' },
    })) as { mention: { caseId: string; customerId: string } };
    const { caseId, customerId } = detail.mention;
    await ask('sidebar:mutate', { name: 'set-case-status', args: { caseId, status: 'resolved' } });
    const resolved = (await ask('sidebar:query', { name: 'case-detail', args: { caseId } })) as {
      case: { status: string };
    };
    expect(resolved.case.status).toBe('resolved');

    // Jane writes again, a minute after the case was resolved.
    await appendXCell(site, {
      id: '1991000000000000301',
      handle: 'janedoe',
      text: '@AcmeHelp the replacement never arrived either',
      postedAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await expect
      .poll(
        async () =>
          (
            (await ask('sidebar:query', { name: 'case-detail', args: { caseId } })) as {
              case: { status: string };
            }
          ).case.status,
        { timeout: 15_000 },
      )
      .toBe('open');
    const reopened = (await ask('sidebar:query', { name: 'case-detail', args: { caseId } })) as {
      mentions: Array<{ postId: string }>;
      events: Array<{ type: string; data?: { to?: string } }>;
    };
    expect(reopened.mentions.map((mention) => mention.postId)).toContain('1991000000000000301');
    expect(reopened.events.some((event) => event.type === 'status-changed')).toBe(true);

    const history = (await ask('sidebar:query', { name: 'customer-history', args: { customerId } })) as {
      items: Array<{ kind?: string; mention?: { postId: string } }>;
    };
    expect(JSON.stringify(history.items)).toContain('1991000000000000301');
    await extension.close();
    await site.close();
  });
});
