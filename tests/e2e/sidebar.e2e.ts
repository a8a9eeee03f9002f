import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../lib/policy/default-policy';
import { firstResponseTargetMinutes } from '../../lib/policy/queries';
import {
  type ExtensionSession,
  openExtensionPage,
  readTable,
  SITES,
  settledMentionCount,
  startExtension,
  waitForSidebarFrame,
} from './harness';
import { oldRedditThread } from './screens/old-reddit-thread';

/**
 * The sidebar workspace end to end in Chromium, on the X, Facebook and old-Reddit fixtures: queue order
 * and clocks, markers opening mentions, history across sites after linking, thank-the-fan and its
 * ledger, drafts across reloads, a keyboard-only pass, the crisis banner, and that the page's own
 * scripts cannot read any of it. Screenshots of each view go to test-results/.
 */

const X_URL = 'https://x.com/home';
const FACEBOOK_URL = 'https://www.facebook.com/AcmeStore/posts/1234567890';
const X = { jane: '1991000000000000001', sam: '1991000000000000003', priya: '1991000000000000004' };

const NOW = Date.now();
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
const THREAD_PATH = '/r/AcmeSupport/comments/qq1/queue_check/';
const THREAD_URL = `https://old.reddit.com${THREAD_PATH}`;
/** Written so the default policy rates them 1–4 (rules: "how do i", "never arrived", "charged twice", "lawyer"). */
const THREAD = [
  {
    id: 'qa',
    author: 'fresh_question',
    text: 'How do I return an Acme blender I bought last week?',
    postedAt: minutesAgo(10),
  },
  {
    id: 'qb',
    author: 'late_parcel',
    text: 'My Acme order never arrived and it is three days late.',
    postedAt: minutesAgo(50),
  },
  {
    id: 'qc',
    author: 'older_parcel',
    text: 'My Acme order never arrived, the parcel is missing.',
    postedAt: minutesAgo(90),
  },
  {
    id: 'qd',
    author: 'double_charge',
    text: 'Acme charged twice for one order, I want my money back.',
    postedAt: minutesAgo(5),
  },
  {
    id: 'qe',
    author: 'legal_threat',
    text: 'Acme sold me a heater that caught fire. My lawyer will hear about this.',
    postedAt: minutesAgo(2),
  },
  {
    id: 'qf',
    author: 'happy_fan',
    text: 'Thank you Acme, best customer service ever!',
    postedAt: minutesAgo(20),
  },
];

/** Two fans on one thread: a test switches between their praise with j/k. */
const PRAISE_PATH = '/r/AcmeSupport/comments/qq2/praise_check/';
const PRAISE_URL = `https://old.reddit.com${PRAISE_PATH}`;
const PRAISE = [
  {
    id: 'pa',
    author: 'first_fan',
    text: 'Thank you Acme, best customer service ever!',
    postedAt: minutesAgo(30),
  },
  {
    id: 'pb',
    author: 'second_fan',
    text: 'Love my new Acme kettle, thank you Acme!',
    postedAt: minutesAgo(25),
  },
];

interface MentionRecord {
  id: string;
  platform: 'reddit' | 'x' | 'facebook';
  severity: 1 | 2 | 3 | 4;
  category: string;
  caseId: string;
  customerId: string;
  isOwnReply: boolean;
  text: string;
}
/** `chrome` as seen inside an extension page (page.evaluate runs there, not in Node). */
interface ExtensionGlobal {
  chrome: {
    storage: {
      local: {
        set(items: Record<string, unknown>): Promise<void>;
        remove(key: string): Promise<void>;
        get(key: string): Promise<Record<string, unknown>>;
      };
    };
  };
}
interface CaseRecord {
  id: string;
  statusChangedAt: string;
  status: string;
}

describe('sidebar workspace', () => {
  let session: ExtensionSession;
  let extensionPage: Page;

  beforeAll(async () => {
    session = await startExtension({
      pages: [
        ...SITES,
        { url: THREAD_URL, html: oldRedditThread(THREAD_PATH, THREAD) },
        { url: PRAISE_URL, html: oldRedditThread(PRAISE_PATH, PRAISE) },
      ],
    });
    extensionPage = await openExtensionPage(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  async function openPage(url: string): Promise<Page> {
    const page = await session.context.newPage();
    await page.goto(url);
    await settledMentionCount(page);
    return page;
  }

  /** Opens a mention the way an agent does, from its marker (keyboard: focus it, press Enter). */
  async function openFromMarker(page: Page, postId: string, postKey: string): Promise<Frame> {
    const marker = page.locator(`[data-parley-post-id="${postId}"] button[data-parley-marker]`).first();
    await marker.waitFor({ timeout: 15_000 });
    await marker.focus();
    await page.keyboard.press('Enter');
    const frame = await waitForSidebarFrame(page, session.extensionId);
    await expect
      .poll(
        () =>
          frame
            .locator('.mention-view')
            .getAttribute('data-post-key', { timeout: 1_000 })
            .catch(() => null),
        {
          timeout: 15_000,
        },
      )
      .toBe(postKey);
    return frame;
  }

  const activeIn = (frame: Frame) =>
    frame.evaluate(() => {
      const active = document.activeElement;
      return {
        tag: active?.tagName ?? null,
        className: active instanceof HTMLElement ? active.className : '',
        postKey: active?.closest('[data-post-key]')?.getAttribute('data-post-key') ?? null,
        hasFocus: document.hasFocus(),
      };
    });

  /** Presses a control the keyboard way: focus it, then Enter. */
  async function pressWithKeyboard(page: Page, control: ReturnType<Frame['locator']>) {
    await control.focus();
    await page.keyboard.press('Enter');
  }
  const announced = (frame: Frame) => frame.getByTestId('sidebar-announcer').textContent();
  const focusedText = (frame: Frame) =>
    frame.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? null);

  it('orders the queue by severity, then by time left against the first-response target', async () => {
    const page = await openPage(THREAD_URL);
    const frame = await openFromMarker(page, 't1_qa', 'reddit:t1_qa');
    await frame.getByRole('button', { name: '← Queue' }).click();
    const rows = frame.locator('[data-testid="queue"] > li');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(THREAD.length);

    const shown = await rows.evaluateAll((items) =>
      items.map((item) => ({
        key: item.getAttribute('data-post-key'),
        clock: item.getAttribute('data-clock-state'),
      })),
    );
    // The expectation comes from what the background stored and the policy's targets, not from the UI.
    const mentions = (await readTable<MentionRecord>(extensionPage, 'mentions')).filter((row) =>
      row.id.startsWith('reddit:t1_q'),
    );
    const cases = new Map((await readTable<CaseRecord>(extensionPage, 'cases')).map((row) => [row.id, row]));
    const timeLeft = (row: MentionRecord) =>
      Date.parse(cases.get(row.caseId)?.statusChangedAt ?? '') +
      firstResponseTargetMinutes(DEFAULT_POLICY, row.severity, row.platform) * 60_000;
    const expected = [...mentions]
      .sort((a, b) => b.severity - a.severity || timeLeft(a) - timeLeft(b))
      .map((row) => row.id);
    expect(new Set(mentions.map((row) => row.severity)).size).toBeGreaterThanOrEqual(3);
    expect(shown.map((row) => row.key)).toEqual(expected);
    // Same severity (2), different clocks: the one past its target comes first and shows red.
    expect(expected.indexOf('reddit:t1_qc')).toBeLessThan(expected.indexOf('reddit:t1_qb'));
    const clockOf = (key: string) => shown.find((row) => row.key === key)?.clock;
    expect(clockOf('reddit:t1_qc')).toBe('overdue');
    expect(clockOf('reddit:t1_qb')).toBe('due-soon');
    expect(clockOf('reddit:t1_qa')).toBe('on-time');
    await page.screenshot({ path: 'test-results/sidebar-queue.png' });
    await page.close();
  });

  it('opens the mention a marker belongs to', async () => {
    const page = await openPage(X_URL);
    let frame = await openFromMarker(page, X.sam, `x:${X.sam}`);
    await expect
      .poll(() => frame.getByTestId('mention-text').innerText())
      .toContain('Loving the new Acme app');
    frame = await openFromMarker(page, X.priya, `x:${X.priya}`);
    await expect
      .poll(() => frame.getByTestId('mention-text').innerText())
      .toContain('Does Acme ship to Canada');
    await expect.poll(() => frame.getByTestId('guidance').innerText()).toContain('Path to resolution');
    await page.screenshot({ path: 'test-results/sidebar-mention.png' });
    await frame.getByTestId('guidance').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: 'test-results/sidebar-guidance.png' });
    await page.close();
  });

  it('thanks a fan once: the ledger records it and the prompt does not come back', async () => {
    const page = await openPage(X_URL);
    const samKey = `x:${X.sam}`;
    const frame = await openFromMarker(page, X.sam, samKey);
    const prompt = frame.getByTestId('thanks-prompt');
    await prompt.waitFor({ timeout: 10_000 });
    const thanks = await frame.getByTestId('thanks-public-text').inputValue();
    expect(thanks).toContain('Sam');
    expect(thanks).not.toContain('{{');
    await page.screenshot({ path: 'test-results/sidebar-thank-the-fan.png' });

    // The thanks goes into the same public thread as any reply, and is checked as one.
    const thanksBox = frame.getByTestId('thanks-public-text');
    await thanksBox.fill(`${thanks} Write to me at sam.lee@mail.example`);
    await expect
      .poll(() => prompt.getByTestId('thanks-checks').innerText(), { timeout: 5_000 })
      .toContain('e-mail address');
    expect(await prompt.getByRole('button', { name: 'Insert thanks' }).isDisabled()).toBe(true);
    expect(await prompt.innerText()).toContain('Fix the problem marked Fix to insert.');
    await thanksBox.fill(thanks);
    await expect.poll(() => prompt.getByTestId('thanks-checks').count()).toBe(1);
    expect(await prompt.getByTestId('thanks-checks').innerText()).not.toContain('e-mail address');
    expect(await prompt.getByRole('button', { name: 'Insert thanks' }).isDisabled()).toBe(false);

    // A failed insert (the site's reply control is gone) leaves the prompt, its error and focus in place.
    await page.evaluate((id) => {
      const article = document.querySelector(`article a[href$="/status/${id}"]`)?.closest('article');
      article?.querySelector('[data-testid="reply"]')?.remove();
    }, X.sam);
    await pressWithKeyboard(page, prompt.getByRole('button', { name: 'Insert thanks' }));
    await expect
      .poll(() => prompt.getByTestId('insert-result').innerText(), { timeout: 10_000 })
      .toContain("Couldn't open this post's reply box");
    await expect.poll(() => announced(frame)).toContain("Couldn't open this post's reply box");
    expect(await focusedText(frame)).toBe('Insert thanks');
    expect((await activeIn(frame)).hasFocus).toBe(true);
    expect(await readTable(extensionPage, 'thanks')).toHaveLength(0);

    await pressWithKeyboard(page, prompt.getByRole('button', { name: 'Mark as thanked' }));
    await expect.poll(() => prompt.count(), { timeout: 10_000 }).toBe(0);
    // The pressed button went with the prompt: focus lands on the mention's heading, not the body.
    await expect.poll(async () => (await activeIn(frame)).className).toContain('mention-heading');
    await expect.poll(() => announced(frame)).toBe('Marked as thanked');
    await expect.poll(() => frame.getByTestId('thanked-badge').count()).toBe(1);
    const ledger = await readTable<{ postKey: string }>(extensionPage, 'thanks');
    expect(ledger.map((row) => row.postKey)).toEqual([samKey]);

    await page.reload();
    await settledMentionCount(page);
    const again = await openFromMarker(page, X.sam, samKey);
    await expect.poll(() => again.getByTestId('thanked-badge').count(), { timeout: 10_000 }).toBe(1);
    expect(await again.getByTestId('thanks-prompt').count()).toBe(0);
    expect(await readTable(extensionPage, 'thanks')).toHaveLength(1);
    await page.close();
  });

  it('shows the customer’s mentions from another site after their accounts are linked', async () => {
    const facebook = await openPage(FACEBOOK_URL);
    await facebook.close();
    const page = await openPage(X_URL);
    const frame = await openFromMarker(page, X.jane, `x:${X.jane}`);
    const timeline = frame.getByTestId('timeline');
    await expect.poll(() => timeline.innerText(), { timeout: 10_000 }).toContain('my order never arrived');
    expect(await timeline.innerText()).not.toContain('Ordered two weeks ago');

    await frame.getByLabel('Same person as…').fill('jane');
    const results = frame.getByTestId('link-results');
    await expect.poll(() => results.innerText(), { timeout: 10_000 }).toContain('Facebook');
    await results.getByRole('button', { name: 'Link' }).first().click();

    await expect.poll(() => timeline.innerText(), { timeout: 10_000 }).toContain('Ordered two weeks ago');
    await expect.poll(() => frame.getByTestId('identities').innerText()).toContain('Facebook');
    expect(await frame.getByTestId('identities').innerText()).toContain('X');

    await frame.getByLabel('Add a note').fill('Sidebar-only note: refund approved by Priya');
    await frame.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => timeline.innerText()).toContain('Sidebar-only note');
    await timeline.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: 'test-results/sidebar-history.png' });
    await page.close();
  });

  it('keeps a draft through a reload', async () => {
    const page = await openPage(X_URL);
    const priyaKey = `x:${X.priya}`;
    let frame = await openFromMarker(page, X.priya, priyaKey);
    const draftText = 'Hi Priya, yes: we ship to Canada from March. – Sam';
    const box = () => frame.locator('[data-testid="reply-section"] textarea').first();
    await box().fill(draftText);
    await expect
      .poll(
        async () =>
          (await readTable<{ postKey: string; text: string }>(extensionPage, 'drafts')).find(
            (draft) => draft.postKey === priyaKey,
          )?.text,
        { timeout: 10_000 },
      )
      .toBe(draftText);
    await page.reload();
    await settledMentionCount(page);
    frame = await openFromMarker(page, X.priya, priyaKey);
    await expect.poll(() => box().inputValue(), { timeout: 10_000 }).toBe(draftText);
    await page.close();
  });

  it('recategorizes in one click: the marker on the page follows and the correction is kept', async () => {
    const page = await openPage(X_URL);
    const priyaKey = `x:${X.priya}`;
    const frame = await openFromMarker(page, X.priya, priyaKey);
    const post = page.locator(`[data-parley-post-id="${X.priya}"]`).first();
    expect(await post.getAttribute('data-parley-mention')).toBe('question');
    await frame.getByTestId('recategorize').getByRole('button', { name: 'Complaint' }).click();
    await expect.poll(() => post.getAttribute('data-parley-mention'), { timeout: 10_000 }).toBe('complaint');
    await expect
      .poll(() =>
        frame
          .getByTestId('recategorize')
          .getByRole('button', { name: 'Complaint' })
          .getAttribute('aria-pressed'),
      )
      .toBe('true');
    const corrections = await readTable<{ id: string; category: string; previousCategory: string }>(
      extensionPage,
      'corrections',
    );
    expect(corrections).toContainEqual(
      expect.objectContaining({ id: priyaKey, category: 'complaint', previousCategory: 'question' }),
    );
    await page.close();
  });

  it('lists open cases from other sites after this page’s mentions, and opens them', async () => {
    const page = await openPage(X_URL);
    const frame = await openFromMarker(page, X.jane, `x:${X.jane}`);
    await frame.getByRole('button', { name: '← Queue' }).click();
    const elsewhere = frame.locator('[data-testid="queue-elsewhere"] > li');
    await expect.poll(() => elsewhere.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const keys = await elsewhere.evaluateAll((items) =>
      items.map((item) => item.getAttribute('data-post-key')),
    );
    expect(keys.every((key) => !key?.startsWith('x:'))).toBe(true);
    // The most severe open case anywhere (the legal threat on Reddit) leads the list.
    expect(keys[0]).toBe('reddit:t1_qe');
    await elsewhere.first().getByRole('button').click();
    await expect
      .poll(() => frame.locator('.mention-view').getAttribute('data-post-key'))
      .toBe('reddit:t1_qe');
    expect(await frame.getByRole('link', { name: 'Open post ↗' }).getAttribute('href')).toContain(
      'old.reddit.com',
    );
    expect(await frame.getByRole('button', { name: 'Show on page' }).count()).toBe(0);
    await page.close();
  });

  it('records the private handoff and escalation as policy steps, and invites to share once resolved', async () => {
    const page = await openPage(THREAD_URL);
    const key = 'reddit:t1_qd';
    const frame = await openFromMarker(page, 't1_qd', key);
    const guidance = frame.getByTestId('guidance');
    const handoff = guidance.locator('[data-step="move-to-private"]');
    await handoff.getByRole('button', { name: 'Email', exact: true }).click();
    expect(await handoff.innerText()).toContain('Ask first');
    await pressWithKeyboard(page, handoff.getByRole('button', { name: 'Moved to Email' }));
    const escalation = guidance.locator('[data-step="escalate"]');
    // Once the step is done its controls go: focus moves on to the next step's, and the result is said.
    await expect.poll(() => handoff.getAttribute('class'), { timeout: 10_000 }).toContain('done');
    await expect.poll(async () => (await activeIn(frame)).tag).toBe('BUTTON');
    expect(
      await frame.evaluate(() => document.activeElement?.closest('[data-step]')?.getAttribute('data-step')),
    ).toBe('escalate');
    await expect.poll(() => announced(frame)).toBe('Recorded: continued by Email.');
    expect(await escalation.innerText()).toContain('Priya Shah');
    // A double-click records the escalation once.
    await escalation.getByRole('button', { name: 'Escalated' }).dblclick();
    await expect.poll(() => escalation.getAttribute('class'), { timeout: 10_000 }).toContain('done');
    await expect.poll(async () => (await activeIn(frame)).tag).not.toBe('BODY');
    await expect.poll(() => announced(frame)).toBe('Escalation recorded on the case');

    const timeline = frame.getByTestId('timeline');
    await expect.poll(() => timeline.innerText(), { timeout: 10_000 }).toContain('Moved to email');
    await expect.poll(() => timeline.innerText()).toContain('Escalated to Priya Shah');
    await expect.poll(() => handoff.getAttribute('class')).toContain('done');
    await expect.poll(() => escalation.getAttribute('class')).toContain('done');
    const events = await readTable<{ type: string; data: { channel?: string } }>(extensionPage, 'events');
    expect(
      events.filter((event) => event.type === 'moved-to-private').map((event) => event.data.channel),
    ).toContain('email');
    expect(events.filter((event) => event.type === 'escalated')).toHaveLength(1);

    expect(await frame.getByTestId('invite-prompt').count()).toBe(0);
    const history = frame.getByTestId('history-section');
    await pressWithKeyboard(page, history.getByRole('button', { name: 'Waiting on customer' }));
    await expect
      .poll(() => frame.getByTestId('case-status').innerText(), { timeout: 10_000 })
      .toContain('Waiting on the customer');
    // "Waiting on customer" is gone; focus stays in the status row, on Resolve.
    await expect.poll(() => focusedText(frame)).toBe('Resolve');
    await expect.poll(() => announced(frame)).toBe('Case marked as waiting on the customer');
    // Resolve turns into Reopen in the same place: a double-click resolves, and stays resolved.
    await history.getByRole('button', { name: 'Resolve', exact: true }).dblclick();
    const invite = frame.getByTestId('invite-prompt');
    await expect.poll(() => invite.count(), { timeout: 10_000 }).toBe(1);
    expect(await frame.getByTestId('case-status').innerText()).toContain('Resolved');
    expect(await invite.innerText()).toContain('share');
    await page.screenshot({ path: 'test-results/sidebar-invite-to-share.png' });
    await pressWithKeyboard(page, invite.getByRole('button', { name: 'Done' }));
    await expect.poll(() => invite.count()).toBe(0);
    await expect.poll(async () => (await activeIn(frame)).className).toContain('mention-heading');
    await expect.poll(() => announced(frame)).toBe('Invitation to share dismissed');
    await page.reload();
    await settledMentionCount(page);
    const again = await openFromMarker(page, 't1_qd', key);
    await expect
      .poll(() => again.getByTestId('case-status').innerText(), { timeout: 10_000 })
      .toContain('Resolved');
    expect(await again.getByTestId('invite-prompt').count()).toBe(0);
    await page.close();
  });

  it('works with the keyboard alone, and focus always has a place', async () => {
    const page = await openPage(THREAD_URL);
    const frame = await openFromMarker(page, 't1_qc', 'reddit:t1_qc');
    // Opening from the page moved focus into the sidebar, onto the mention's heading.
    await expect
      .poll(async () => (await activeIn(frame)).className, { timeout: 10_000 })
      .toContain('mention-heading');
    expect((await activeIn(frame)).hasFocus).toBe(true);

    await page.keyboard.press('Escape');
    await expect.poll(async () => (await activeIn(frame)).postKey).toBe('reddit:t1_qc');
    expect((await activeIn(frame)).tag).toBe('BUTTON');
    const order = await frame
      .locator('[data-testid="queue"] > li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-post-key')));
    const at = order.indexOf('reddit:t1_qc');

    await page.keyboard.press('j');
    await expect.poll(async () => (await activeIn(frame)).postKey).toBe(order[at + 1]);
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await activeIn(frame)).postKey).toBe(order[at]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => frame.locator('.mention-view').getAttribute('data-post-key')).toBe(order[at + 1]);
    await expect.poll(async () => (await activeIn(frame)).className).toContain('mention-heading');

    await page.keyboard.press('k');
    await expect.poll(() => frame.locator('.mention-view').getAttribute('data-post-key')).toBe(order[at]);
    // Recategorize from the keyboard: Tab to the chip buttons, then back to the queue with Escape.
    await frame.getByRole('button', { name: 'Question', exact: true }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await activeIn(frame)).postKey).toBe(order[at]);
    const focus = await activeIn(frame);
    expect(focus.tag).not.toBe('BODY');
    await page.screenshot({ path: 'test-results/sidebar-keyboard.png' });

    // With the sidebar already open, opening another mention from the page takes focus in again.
    const other = page.locator('[data-parley-post-id="t1_qa"] button[data-parley-marker]').first();
    await other.focus();
    expect((await activeIn(frame)).hasFocus).toBe(false);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => frame.locator('.mention-view').getAttribute('data-post-key'))
      .toBe('reddit:t1_qa');
    await expect.poll(async () => (await activeIn(frame)).hasFocus, { timeout: 10_000 }).toBe(true);
    await expect.poll(async () => (await activeIn(frame)).className).toContain('mention-heading');
    await page.close();
  });

  it('shows the crisis banner with the status update and contacts when crisis mode is on', async () => {
    const page = await openPage(X_URL);
    const frame = await openFromMarker(page, X.jane, `x:${X.jane}`);
    expect(await frame.getByTestId('crisis-banner').count()).toBe(0);
    const summary = 'Checkout in the Acme app is failing for some customers.';
    await extensionPage.evaluate(
      async ({ policy }) => {
        await (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({
          'policy.active': { policy, source: 'editor', appliedAt: new Date().toISOString() },
        });
      },
      {
        policy: {
          ...DEFAULT_POLICY,
          version: 2,
          crisis: { ...DEFAULT_POLICY.crisis, active: true, summary },
        },
      },
    );
    const banner = frame.getByTestId('crisis-banner');
    await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(1);
    expect(await frame.getByTestId('crisis-status-text').innerText()).toContain(summary);
    expect(await banner.innerText()).toContain('Crisis mode is on');
    await page.screenshot({ path: 'test-results/sidebar-crisis.png' });

    // In the queue, Enter on the banner's "Alert: …" summary expands the contacts; it opens no mention.
    await frame.getByRole('button', { name: '← Queue' }).click();
    const contacts = banner.locator('details');
    await contacts.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => contacts.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(true);
    expect(await frame.locator('.mention-view').count()).toBe(0);
    expect(await frame.locator('.sidebar').getAttribute('data-view')).toBe('queue');
    await extensionPage.evaluate(async () =>
      (globalThis as unknown as ExtensionGlobal).chrome.storage.local.remove('policy.active'),
    );
    await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(0);
    await page.close();
  });

  it('starts each mention afresh: what was typed for one fan is not offered for the next', async () => {
    const page = await openPage(PRAISE_URL);
    const frame = await openFromMarker(page, 't1_pa', 'reddit:t1_pa');
    await frame.getByRole('button', { name: '← Queue' }).click();
    const rows = frame.locator('[data-testid="queue"] > li');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(PRAISE.length);
    const [first, second] = await rows.evaluateAll((items) =>
      items.map((item) => item.getAttribute('data-post-key') ?? ''),
    );
    const authorOf = (key: string | undefined) =>
      PRAISE.find((post) => `reddit:t1_${post.id}` === key)?.author ?? '';
    const openKey = () => frame.locator('.mention-view').getAttribute('data-post-key');
    const thanks = frame.getByTestId('thanks-public-text');
    const note = frame.getByLabel('Add a note');

    // The second fan's mention was just shown (its answer is still fresh when the agent comes back to it).
    await rows.nth(1).getByRole('button').click();
    await expect.poll(() => thanks.inputValue(), { timeout: 10_000 }).toContain(authorOf(second));
    await page.keyboard.press('k');
    await expect.poll(openKey).toBe(first);
    await expect.poll(() => thanks.inputValue(), { timeout: 10_000 }).toContain(authorOf(first));
    const typed = `Thank you, ${authorOf(first)}! Enjoy the blender.`;
    await thanks.fill(typed);
    await note.fill('Note meant for the first fan only');

    await page.keyboard.press('Escape'); // leaves the field for the heading
    await page.keyboard.press('j');
    await expect.poll(openKey).toBe(second);
    await expect.poll(() => thanks.inputValue(), { timeout: 10_000 }).toContain(authorOf(second));
    expect(await thanks.inputValue()).not.toContain(authorOf(first));
    expect(await note.inputValue()).toBe('');
    await page.close();
  });

  it('keeps everything it shows out of the page’s reach', async () => {
    const page = await openPage(X_URL);
    const frame = await openFromMarker(page, X.jane, `x:${X.jane}`);
    await expect
      .poll(() => frame.getByTestId('timeline').innerText(), { timeout: 10_000 })
      .toContain('Sidebar-only note');
    // Everything below runs in the page's main world, as the site's own scripts would.
    const seen = await page.evaluate(() => {
      const host = document.querySelector('parley-sidebar');
      const frames = Array.from({ length: window.frames.length }, (_, index) => {
        try {
          return window.frames[index]?.document.documentElement.outerHTML ?? 'no document';
        } catch (error) {
          return `blocked: ${(error as Error).name}`;
        }
      });
      return {
        hostFound: host !== null,
        shadowRoot: host?.shadowRoot ?? null,
        iframesInDocument: document.querySelectorAll('iframe').length,
        frames,
        html: document.documentElement.outerHTML,
      };
    });
    // The page sees that Parley's element exists, but not into it: the shadow root is closed, the frame is
    // not among the page's frames (frames in shadow trees are not listed), and any frame it can reach is
    // cross-origin.
    expect(seen.hostFound).toBe(true);
    expect(seen.shadowRoot).toBeNull();
    expect(seen.iframesInDocument).toBe(0);
    for (const result of seen.frames) expect(result).toMatch(/^blocked: SecurityError/);
    for (const secret of ['Sidebar-only note', 'Path to resolution', 'Priya Shah', 'Case and history']) {
      expect(seen.html).not.toContain(secret);
    }
    await page.close();
  });
});

describe('drafts across a browser restart', () => {
  it('keeps the reply being written after the browser is closed and started again', async () => {
    const first = await startExtension();
    const samKey = `x:${X.sam}`;
    const draftText = 'Thank you Sam, the whole team loved reading this!';
    try {
      const page = await first.context.newPage();
      await page.goto(X_URL);
      await settledMentionCount(page);
      const marker = page.locator(`[data-parley-post-id="${X.sam}"] button[data-parley-marker]`).first();
      await marker.focus();
      await page.keyboard.press('Enter');
      const frame = await waitForSidebarFrame(page, first.extensionId);
      const box = frame.locator('[data-testid="reply-section"] textarea').first();
      await box.waitFor({ timeout: 15_000 });
      await box.fill(draftText);
      const extensionPage = await openExtensionPage(first);
      await expect
        .poll(
          async () =>
            (await readTable<{ postKey: string; text: string }>(extensionPage, 'drafts')).find(
              (draft) => draft.postKey === samKey,
            )?.text,
          { timeout: 10_000 },
        )
        .toBe(draftText);
    } finally {
      await first.close();
    }

    const second = await startExtension({ userDataDir: first.userDataDir });
    try {
      const page = await second.context.newPage();
      await page.goto(X_URL);
      await settledMentionCount(page);
      const marker = page.locator(`[data-parley-post-id="${X.sam}"] button[data-parley-marker]`).first();
      await marker.focus();
      await page.keyboard.press('Enter');
      const frame = await waitForSidebarFrame(page, second.extensionId);
      const box = frame.locator('[data-testid="reply-section"] textarea').first();
      await expect.poll(() => box.inputValue().catch(() => ''), { timeout: 15_000 }).toBe(draftText);
    } finally {
      await second.close();
    }
  });
});
