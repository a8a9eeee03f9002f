import { describe, expect, it } from 'vitest';
import { SITE_ADAPTERS } from '../../../lib/sites/registry';
import { SCREENABLE_SITES, screenableSiteFor } from '../../../lib/sites/screenable';

describe('screenable sites', () => {
  it('are exactly the adapters that declare screenable text, with their post selectors', () => {
    const flagged = SITE_ADAPTERS.filter((adapter) => adapter.screenableText === true);
    expect(SCREENABLE_SITES.map((site) => site.id)).toEqual(flagged.map((adapter) => adapter.id));
    for (const site of SCREENABLE_SITES) {
      const adapter = flagged.find((candidate) => candidate.id === site.id);
      expect(site.postSelector).toBe(adapter?.postSelector);
      for (const host of site.hosts) expect(adapter?.matchesUrl(new URL(`https://${host}/home`))).toBe(true);
    }
  });

  it('are found by host only', () => {
    expect(screenableSiteFor(new URL('https://x.com/home'))?.id).toBe('x');
    expect(screenableSiteFor(new URL('https://twitter.com/acme/status/1'))?.id).toBe('x');
    expect(screenableSiteFor(new URL('https://www.reddit.com/r/acme'))).toBeNull();
    expect(screenableSiteFor(new URL('https://x.com.evil.example/'))).toBeNull();
  });
});
