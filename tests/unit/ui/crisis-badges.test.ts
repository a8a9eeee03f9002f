import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import type { Policy } from '../../../lib/policy/schema';
import {
  crisisBanner,
  crisisMemoryChange,
  crisisQuietMinutes,
  isCrisisSpike,
  nextStatusUpdate,
  phasesWithTemplates,
  statusTemplateFor,
  statusUpdateLine,
} from '../../../lib/ui/crisis';
import { customerBadges, isLoyalFan, isRepeatCustomer } from '../../../lib/ui/customer-badges';
import { countOverdue } from '../../../lib/ui/overview';
import { platformForHost, safeHttpUrl } from '../../../lib/ui/site';
import { parseUiMemory, remember, unseenPolicyUpdate } from '../../../lib/ui/ui-memory';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

describe('crisis banner', () => {
  it('spikes at three crisis mentions within the hour, not at three spread over longer', () => {
    expect(isCrisisSpike([minutesAgo(5), minutesAgo(20), minutesAgo(59)], NOW)).toBe(true);
    expect(isCrisisSpike([minutesAgo(5), minutesAgo(20), minutesAgo(61)], NOW)).toBe(false);
    expect(isCrisisSpike([minutesAgo(5), minutesAgo(6)], NOW)).toBe(false);
  });

  it('shows for the policy’s crisis mode or a spike, with the crisis contacts', () => {
    expect(crisisBanner(DEFAULT_POLICY, [], NOW)).toBeNull();
    const active: Policy = { ...DEFAULT_POLICY, crisis: { ...DEFAULT_POLICY.crisis, active: true } };
    const banner = crisisBanner(active, [], NOW);
    expect(banner?.reason).toBe('policy');
    expect(banner?.contacts.map((contact) => contact.id)).toEqual(['duty-manager', 'comms-team']);
    const spike = crisisBanner(DEFAULT_POLICY, [minutesAgo(1), minutesAgo(2), minutesAgo(3)], NOW);
    expect(spike).toMatchObject({ reason: 'spike', recentCount: 3 });
  });

  it('picks the status template for the phase, preferring one written for the platform', () => {
    expect(phasesWithTemplates(DEFAULT_POLICY)).toEqual([
      'investigating',
      'identified',
      'monitoring',
      'resolved',
    ]);
    expect(statusTemplateFor(DEFAULT_POLICY, 'investigating', 'x')?.id).toBe('status-investigating');
    expect(statusTemplateFor(DEFAULT_POLICY, 'investigating', 'facebook')?.id).toBe(
      'status-investigating-long',
    );
  });
});

describe('next crisis status update', () => {
  const ago = (minutes: number) => NOW - minutes * 60_000;

  it('asks for the first update while none is recorded', () => {
    expect(nextStatusUpdate(null, 30, NOW)).toEqual({ state: 'none' });
    expect(statusUpdateLine({ state: 'none' })).toBe('No update recorded yet: post the first one now');
  });

  it('counts down to the next update, the two figures adding up to the rhythm', () => {
    const timer = nextStatusUpdate(ago(14.5), 30, NOW);
    expect(timer).toEqual({ state: 'due', sinceMinutes: 14, dueInMinutes: 16 });
    expect(statusUpdateLine(timer)).toBe('Last update posted 14 min ago · next due in 16 min');
    expect(statusUpdateLine(nextStatusUpdate(ago(0.2), 30, NOW))).toBe(
      'Last update posted just now · next due in 30 min',
    );
    expect(nextStatusUpdate(ago(29.5), 30, NOW)).toMatchObject({ state: 'due', dueInMinutes: 1 });
  });

  it('falls due on the minute and then counts how late it is', () => {
    expect(nextStatusUpdate(ago(30), 30, NOW)).toEqual({
      state: 'overdue',
      sinceMinutes: 30,
      overdueMinutes: 0,
    });
    expect(statusUpdateLine(nextStatusUpdate(ago(30), 30, NOW))).toBe(
      'Update due now · last one posted 30 min ago',
    );
    expect(statusUpdateLine(nextStatusUpdate(ago(33.4), 30, NOW))).toBe(
      'Update overdue by 3 min · last one posted 33 min ago',
    );
    expect(statusUpdateLine(nextStatusUpdate(ago(135), 60, NOW))).toBe(
      'Update overdue by 1 h 15 min · last one posted 2 h 15 min ago',
    );
  });

  it('counts a time a moment ahead of the clock as just posted, never as more than the rhythm', () => {
    expect(nextStatusUpdate(NOW + 20_000, 30, NOW)).toEqual({
      state: 'due',
      sinceMinutes: 0,
      dueInMinutes: 30,
    });
  });

  it('leaves an update from many hours ago to an earlier incident', () => {
    expect(nextStatusUpdate(ago(11 * 60), 30, NOW)).toMatchObject({ state: 'overdue', overdueMinutes: 630 });
    expect(nextStatusUpdate(ago(13 * 60), 30, NOW)).toEqual({ state: 'none' });
    expect(nextStatusUpdate(Number.NaN, 30, NOW)).toEqual({ state: 'none' });
  });
});

describe('forgetting the last crisis update', () => {
  const posted = { crisisUpdatePostedAt: minutesAgo(90), crisisOverSince: null };
  const overFor = (minutes: number) => ({ ...posted, crisisOverSince: minutesAgo(minutes) });

  it('waits the spike’s hour, or the update interval when that is longer', () => {
    expect(crisisQuietMinutes(30)).toBe(60);
    expect(crisisQuietMinutes(90)).toBe(90);
  });

  it('notes when the crisis was first seen over, and forgets the update once it has been over that long', () => {
    expect(crisisMemoryChange(posted, 'over', NOW, 60)).toEqual({
      ...posted,
      crisisOverSince: minutesAgo(0),
    });
    expect(crisisMemoryChange(overFor(59), 'over', NOW, 60)).toBeNull();
    expect(crisisMemoryChange(overFor(60), 'over', NOW, 60)).toEqual({
      crisisUpdatePostedAt: null,
      crisisOverSince: null,
    });
  });

  it('keeps the update for a crisis back within that time, and not for one back after it', () => {
    expect(crisisMemoryChange(overFor(59), 'shown', NOW, 60)).toEqual(posted);
    expect(crisisMemoryChange(overFor(61), 'shown', NOW, 60)).toEqual({
      crisisUpdatePostedAt: null,
      crisisOverSince: null,
    });
    expect(crisisMemoryChange(overFor(61), 'shown', NOW, 90)).toEqual(posted);
    expect(crisisMemoryChange(posted, 'shown', NOW, 60)).toBeNull();
  });

  it('has nothing to keep without a recorded update', () => {
    const none = { crisisUpdatePostedAt: null, crisisOverSince: null };
    expect(crisisMemoryChange(none, 'over', NOW, 60)).toBeNull();
    expect(crisisMemoryChange({ ...none, crisisOverSince: minutesAgo(5) }, 'shown', NOW, 60)).toEqual(none);
  });
});

describe('customer badges', () => {
  const counts = { mentionCount: 1, caseCount: 1, complaintCaseCount: 0 };
  it('flags loyal fans from their praise count and the policy’s threshold', () => {
    expect(isLoyalFan({ praiseCount: 3 }, 3)).toBe(true);
    expect(isLoyalFan({ praiseCount: 2 }, 3)).toBe(false);
    expect(customerBadges({ praiseCount: 3 }, counts, { loyalFanMinPraises: 3 })).toEqual(['loyal-fan']);
  });

  it('flags repeat complainers by separate complaint cases, not by posts in one case', () => {
    const oneCase = { mentionCount: 4, caseCount: 1, complaintCaseCount: 1 };
    expect(customerBadges({ praiseCount: 0 }, oneCase, { loyalFanMinPraises: 3 })).toEqual(['returning']);
    const twoCases = { mentionCount: 2, caseCount: 2, complaintCaseCount: 2 };
    expect(customerBadges({ praiseCount: 0 }, twoCases, { loyalFanMinPraises: 3 })).toEqual([
      'repeat-complainer',
    ]);
    expect(customerBadges({ praiseCount: 0 }, counts, { loyalFanMinPraises: 3 })).toEqual(['first-contact']);
  });

  it('knows a repeat customer by their history', () => {
    expect(isRepeatCustomer(counts)).toBe(false);
    expect(isRepeatCustomer({ ...counts, mentionCount: 2 })).toBe(true);
    expect(isRepeatCustomer(null)).toBe(false);
  });
});

describe('popup overview', () => {
  it('counts open cases past their first-response target', () => {
    const rows = [
      {
        severity: 4 as const,
        category: 'crisis' as const,
        platform: 'x' as const,
        statusChangedAt: minutesAgo(20),
      },
      {
        severity: 2 as const,
        category: 'complaint' as const,
        platform: 'x' as const,
        statusChangedAt: minutesAgo(20),
      },
      {
        severity: 1 as const,
        category: 'spam' as const,
        platform: 'x' as const,
        statusChangedAt: minutesAgo(900),
      },
    ];
    expect(countOverdue(rows, DEFAULT_POLICY, NOW)).toBe(1);
  });
});

describe('site helpers', () => {
  it('maps hosts to platforms, including the agent’s own Mastodon and other hosts', () => {
    const enabled = { mastodonHosts: ['mastodon.social'], genericHosts: ['forum.example'] };
    expect(platformForHost('old.reddit.com', enabled)).toBe('reddit');
    expect(platformForHost('mastodon.social', enabled)).toBe('mastodon');
    expect(platformForHost('forum.example', enabled)).toBe('web');
    expect(platformForHost('example.org', enabled)).toBeNull();
  });

  it('lets only http(s) links from page text into an href', () => {
    expect(safeHttpUrl('https://x.com/a/status/1')).toBe('https://x.com/a/status/1');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,hi')).toBeNull();
    expect(safeHttpUrl('not a url')).toBeNull();
  });
});

describe('ui memory', () => {
  it('shows a policy update once, until the agent has seen it', () => {
    const status = { lastUpdate: { version: 2, summary: ['New template'], at: '2026-11-23T10:00:00.000Z' } };
    expect(unseenPolicyUpdate(status, { seenPolicyUpdateAt: null })?.version).toBe(2);
    expect(unseenPolicyUpdate(status, { seenPolicyUpdateAt: '2026-11-23T10:00:00.000Z' })).toBeNull();
    expect(unseenPolicyUpdate({ lastUpdate: null }, { seenPolicyUpdateAt: null })).toBeNull();
  });

  it('parses stored values defensively and keeps lists bounded', () => {
    expect(parseUiMemory('garbage')).toEqual({
      seenPolicyUpdateAt: null,
      dismissedThanks: [],
      dismissedInvites: [],
      crisisUpdatePostedAt: null,
      crisisOverSince: null,
    });
    expect(parseUiMemory({ crisisOverSince: 'soon' }).crisisOverSince).toBeNull();
    expect(parseUiMemory({ dismissedThanks: ['x:1', 5] }).dismissedThanks).toEqual(['x:1']);
    expect(parseUiMemory({ crisisUpdatePostedAt: minutesAgo(5) }).crisisUpdatePostedAt).toBe(minutesAgo(5));
    expect(parseUiMemory({ crisisUpdatePostedAt: 'yesterday-ish' }).crisisUpdatePostedAt).toBeNull();
    let list: string[] = [];
    for (let index = 0; index < 600; index += 1) list = remember(list, `k${index}`);
    expect(list).toHaveLength(500);
    expect(list.at(-1)).toBe('k599');
    expect(remember(['a', 'b'], 'a')).toEqual(['b', 'a']);
  });
});
