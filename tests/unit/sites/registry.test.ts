// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { setEnabledHosts } from '../../../lib/sites/enabled-hosts';
import { SUPPORTED_SITE_MATCHES } from '../../../lib/sites/matches';
import {
  adapterById,
  adaptersForUrl,
  combinedPostSelector,
  SITE_ADAPTERS,
} from '../../../lib/sites/registry';

const ids = (url: string) => adaptersForUrl(new URL(url)).map((adapter) => adapter.id);

describe('site adapter registry', () => {
  afterEach(() => setEnabledHosts({ mastodon: [], generic: [] }));

  it('registers each adapter once, with the interface filled in', () => {
    expect(SITE_ADAPTERS.map((adapter) => adapter.id)).toEqual([
      'x',
      'reddit-new',
      'reddit-old',
      'facebook',
      'instagram',
      'linkedin-legacy',
      'linkedin-new',
      'youtube',
      'bluesky',
      'threads',
      'mastodon',
      'generic',
    ]);
    for (const adapter of SITE_ADAPTERS) {
      expect(() => document.querySelectorAll(adapter.postSelector)).not.toThrow();
      expect(adapterById(adapter.id)).toBe(adapter);
    }
  });

  it('picks the right adapters for real URLs', () => {
    expect(ids('https://x.com/home')).toEqual(['x']);
    expect(ids('https://twitter.com/AcmeHelp/status/1991000000000000002')).toEqual(['x']);
    expect(ids('https://www.reddit.com/r/BuyItForLife/comments/1gx0abc/does_acme_ship_to_canada/')).toEqual([
      'reddit-new',
    ]);
    expect(ids('https://old.reddit.com/r/BuyItForLife/')).toEqual(['reddit-old']);
    expect(ids('https://www.facebook.com/acmehelp/posts/pfbid0Acme3Launch7xQ')).toEqual(['facebook']);
    expect(ids('https://www.instagram.com/p/DCx9TrailKat/')).toEqual(['instagram']);
    expect(ids('https://www.linkedin.com/feed/')).toEqual(['linkedin-legacy', 'linkedin-new']);
    expect(ids('https://www.youtube.com/watch?v=dQw4Acme301')).toEqual(['youtube']);
    expect(ids('https://bsky.app/profile/jane.bsky.social/post/3lbjanedoe2a')).toEqual(['bluesky']);
    expect(ids('https://www.threads.com/@janedoe/post/DCxJane01')).toEqual(['threads']);
    expect(ids('https://www.threads.net/@janedoe')).toEqual(['threads']);
    expect(ids('https://mastodon.social/home')).toEqual([]);
    expect(ids('https://blog.example.com/2026/11/acme-blender-review/')).toEqual([]);
    expect(ids('https://example.org/')).toEqual([]);
  });

  it('enables Mastodon and generic adapters per host at runtime; site adapters win over generic', () => {
    setEnabledHosts({ mastodon: ['mastodon.social'], generic: ['blog.example.com', 'x.com'] });
    expect(ids('https://mastodon.social/@jane/113555000000000001')).toEqual(['mastodon']);
    expect(ids('https://blog.example.com/2026/11/acme-blender-review/')).toEqual(['generic']);
    expect(ids('https://x.com/home')).toEqual(['x']);
    setEnabledHosts({ generic: [] });
    expect(ids('https://blog.example.com/')).toEqual([]);
    expect(ids('https://mastodon.social/home')).toEqual(['mastodon']);
  });

  it('every statically declared site has an adapter', () => {
    for (const pattern of SUPPORTED_SITE_MATCHES) {
      const url = new URL(pattern.replace('/*', '/'));
      expect(adaptersForUrl(url).length, pattern).toBeGreaterThan(0);
    }
  });

  it('combines post selectors into one valid selector list', () => {
    const selector = combinedPostSelector(adaptersForUrl(new URL('https://www.linkedin.com/feed/')));
    expect(selector).toContain('.feed-shared-update-v2[data-urn]');
    expect(selector).toContain('div[id^="replaceableComment_urn:li:comment:"]');
    const probe = document.createElement('article');
    probe.className = 'comments-comment-entity';
    probe.setAttribute('data-id', 'urn:li:comment:(activity:1,2)');
    expect(probe.matches(selector)).toBe(true);
    expect(combinedPostSelector([])).toBe('');
  });
});
