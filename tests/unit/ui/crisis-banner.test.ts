// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CrisisBanner } from '../../../components/sidebar/crisis/CrisisBanner';
import { useAnnouncement } from '../../../components/sidebar/focus-after-action';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import type { Policy } from '../../../lib/policy/schema';
import { UI_MEMORY_KEY } from '../../../lib/ui/ui-memory';
import { buttonNamed, byTestId, mount, press, settle, unmountAll } from './mount';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
const CRISIS: Policy = { ...DEFAULT_POLICY, crisis: { ...DEFAULT_POLICY.crisis, active: true } };

beforeEach(() => {
  fakeBrowser.reset();
  // The banner's clock; timeouts stay real so answers and announcements arrive with `settle`.
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(NOW);
  // No crisis mentions: the banner shows for the policy's crisis mode alone.
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async () => []) as never);
  vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async () => undefined);
  useAnnouncement.setState({ text: '' });
});
afterEach(() => {
  unmountAll();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function postedAt(): Promise<string | null | undefined> {
  const stored = (await browser.storage.local.get(UI_MEMORY_KEY))[UI_MEMORY_KEY] as
    | { crisisUpdatePostedAt?: string | null }
    | undefined;
  return stored?.crisisUpdatePostedAt;
}

async function mountBanner(policy: Policy = CRISIS) {
  const mounted = mount(createElement(CrisisBanner, { policy, platform: 'x' }));
  await settle();
  return mounted;
}

const timerLine = () => byTestId('crisis-update-timer');
const pass = (ms: number) => act(async () => vi.advanceTimersByTime(ms));

describe('the crisis banner’s next status update', () => {
  it('asks for the first update while none is recorded', async () => {
    await mountBanner();
    expect(timerLine().textContent).toBe('No update recorded yet: post the first one now');
    expect(timerLine().classList.contains('overdue-text')).toBe(false);
  });

  it('counts down from the update the agent recorded, in any tab', async () => {
    await browser.storage.local.set({ [UI_MEMORY_KEY]: { crisisUpdatePostedAt: minutesAgo(14.5) } });
    await mountBanner();
    expect(timerLine().textContent).toBe('Last update posted 14 min ago · next due in 16 min');

    // Another tab's sidebar records an update.
    await act(async () => {
      await browser.storage.local.set({ [UI_MEMORY_KEY]: { crisisUpdatePostedAt: minutesAgo(2) } });
    });
    await settle();
    expect(timerLine().textContent).toBe('Last update posted 2 min ago · next due in 28 min');
  });

  it('shows an overdue update as a warning, without announcing it on opening', async () => {
    await browser.storage.local.set({ [UI_MEMORY_KEY]: { crisisUpdatePostedAt: minutesAgo(33.4) } });
    await mountBanner();
    expect(timerLine().textContent).toBe('Update overdue by 3 min · last one posted 33 min ago');
    expect(timerLine().classList.contains('overdue-text')).toBe(true);
    await settle(60);
    expect(useAnnouncement.getState().text).toBe('');
  });

  it('announces the update once, as it falls due, and not every minute after', async () => {
    await browser.storage.local.set({ [UI_MEMORY_KEY]: { crisisUpdatePostedAt: minutesAgo(29.5) } });
    await mountBanner();
    expect(timerLine().textContent).toBe('Last update posted 29 min ago · next due in 1 min');
    await pass(30_000);
    await settle(60);
    expect(timerLine().textContent).toBe('Update due now · last one posted 30 min ago');
    expect(useAnnouncement.getState().text).toBe('Update due now · last one posted 30 min ago');

    useAnnouncement.setState({ text: '' });
    await pass(120_000);
    await settle(60);
    expect(timerLine().textContent).toBe('Update overdue by 2 min · last one posted 32 min ago');
    expect(useAnnouncement.getState().text).toBe('');
  });

  it('records the update when the agent says they posted it, and counts from now', async () => {
    await browser.storage.local.set({ [UI_MEMORY_KEY]: { crisisUpdatePostedAt: minutesAgo(40) } });
    await mountBanner();
    const button = buttonNamed('I posted an update');
    expect(button.getAttribute('aria-describedby')).toBe(timerLine().id);
    vi.setSystemTime(NOW + 10_000);
    await press(button);
    await settle(60);
    expect(await postedAt()).toBe(new Date(NOW + 10_000).toISOString());
    expect(timerLine().textContent).toBe('Last update posted just now · next due in 30 min');
    expect(timerLine().classList.contains('overdue-text')).toBe(false);
    expect(useAnnouncement.getState().text).toBe('Update recorded. The next one is due in 30 min.');
  });

  it('does not take copying the status text for posting it', async () => {
    await mountBanner();
    await press(buttonNamed('Copy status update'));
    await settle();
    expect(navigator.clipboard.writeText).toHaveBeenCalledOnce();
    expect(await postedAt()).toBeUndefined();
    expect(timerLine().textContent).toBe('No update recorded yet: post the first one now');
  });

  it('forgets the last update once the crisis has been over for an hour, so the next crisis starts afresh', async () => {
    await browser.storage.local.set({ [UI_MEMORY_KEY]: { crisisUpdatePostedAt: minutesAgo(10) } });
    const { container } = await mountBanner(DEFAULT_POLICY);
    await settle();
    expect(container.querySelector('[data-testid="crisis-banner"]')).toBeNull();
    expect(await postedAt()).toBe(minutesAgo(10));
    await pass(59 * 60_000);
    await settle(60);
    expect(await postedAt()).toBe(minutesAgo(10));
    await pass(60_000);
    await settle(60);
    expect(await postedAt()).toBeNull();
  });

  it('keeps the last update while it cannot yet tell whether a crisis-mention spike is over', async () => {
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(
      (() => new Promise(() => undefined)) as never,
    );
    await browser.storage.local.set({ [UI_MEMORY_KEY]: { crisisUpdatePostedAt: minutesAgo(10) } });
    await mountBanner(DEFAULT_POLICY);
    await settle();
    expect(await postedAt()).toBe(minutesAgo(10));
  });
});

describe('the crisis banner’s record of the last update, as crisis mentions come and go', () => {
  /** The crisis mentions the background reports, read afresh each time the banner asks. */
  let crisisTimes: string[] = [];
  beforeEach(() => {
    crisisTimes = [];
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async () => crisisTimes) as never);
  });
  const bannerShown = (container: HTMLElement) =>
    container.querySelector('[data-testid="crisis-banner"]') !== null;
  const crisisMentionNow = () => crisisTimes.push(new Date(Date.now()).toISOString());

  it('keeps the update through a minute when the spike dips below three crisis mentions an hour', async () => {
    crisisTimes = [minutesAgo(59.5), minutesAgo(40), minutesAgo(20)];
    await browser.storage.local.set({ [UI_MEMORY_KEY]: { crisisUpdatePostedAt: minutesAgo(5) } });
    const { container } = await mountBanner(DEFAULT_POLICY);
    expect(timerLine().textContent).toBe('Last update posted 5 min ago · next due in 25 min');

    // The oldest crisis mention leaves the hour: for a minute there is no spike.
    await pass(60_000);
    await settle(60);
    expect(bannerShown(container)).toBe(false);

    crisisMentionNow();
    await pass(60_000);
    await settle(60);
    expect(bannerShown(container)).toBe(true);
    expect(await postedAt()).toBe(minutesAgo(5));
    expect(timerLine().textContent).toBe('Last update posted 7 min ago · next due in 23 min');
  });

  it('starts a spike that comes an hour after the last one ended with no update recorded', async () => {
    crisisTimes = [minutesAgo(59.5), minutesAgo(40), minutesAgo(20)];
    await browser.storage.local.set({ [UI_MEMORY_KEY]: { crisisUpdatePostedAt: minutesAgo(5) } });
    const { container } = await mountBanner(DEFAULT_POLICY);
    await pass(60_000);
    await settle(60);
    expect(bannerShown(container)).toBe(false);
    // No sidebar is open while the crisis stays over; one opens an hour later, as a new spike starts.
    unmountAll();
    vi.setSystemTime(NOW + 62 * 60_000);
    crisisTimes = [minutesAgo(-50), minutesAgo(-55), minutesAgo(-61)];
    const reopened = await mountBanner(DEFAULT_POLICY);
    await settle(60);
    expect(bannerShown(reopened.container)).toBe(true);
    expect(await postedAt()).toBeNull();
    expect(timerLine().textContent).toBe('No update recorded yet: post the first one now');
  });
});
