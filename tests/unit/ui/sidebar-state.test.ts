// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { scrollToMarkedPost, siteColorScheme } from '../../../lib/content/sidebar-host';
import { hostTokenFrom } from '../../../lib/ui/host-channel';
import { createSidebarStore } from '../../../lib/ui/sidebar-store';
import { resolveTheme } from '../../../lib/ui/use-theme';

describe('sidebar UI store', () => {
  it('opens a mention, goes back to the queue on the same row, and counts openings', () => {
    const store = createSidebarStore();
    store.getState().openMention('x:2');
    expect(store.getState()).toMatchObject({ view: 'mention', openKey: 'x:2', activeKey: 'x:2', openSeq: 1 });
    store.getState().backToQueue();
    expect(store.getState()).toMatchObject({ view: 'queue', activeKey: 'x:2' });
    store.getState().openMention('x:2');
    expect(store.getState().openSeq).toBe(2);
  });

  it('steps through the queue: moving the row in the queue view, opening in the mention view', () => {
    const store = createSidebarStore();
    const order = ['x:1', 'x:2', 'x:3'];
    expect(store.getState().step(order, 1)).toBe('x:1');
    expect(store.getState()).toMatchObject({ view: 'queue', activeKey: 'x:1', openKey: null });
    store.getState().openMention('x:2');
    expect(store.getState().step(order, 1)).toBe('x:3');
    expect(store.getState()).toMatchObject({ view: 'mention', openKey: 'x:3' });
    expect(store.getState().step(order, 1)).toBe('x:3');
    store.getState().backToQueue();
    expect(store.getState().step(order, -1, { open: true })).toBe('x:2');
    expect(store.getState()).toMatchObject({ view: 'mention', openKey: 'x:2' });
  });
});

describe('host channel token', () => {
  it('accepts only a UUID-shaped token from the frame URL', () => {
    expect(hostTokenFrom('#host=0f8e2a8c-3b7d-4c1e-9a55-2b1f7e6d9c10')).toBe(
      '0f8e2a8c-3b7d-4c1e-9a55-2b1f7e6d9c10',
    );
    expect(hostTokenFrom('#host=evil')).toBeNull();
    expect(hostTokenFrom('')).toBeNull();
  });
});

describe('themes', () => {
  it('prefers the agent’s choice, then the site’s scheme, else leaves it to the system', () => {
    expect(resolveTheme('dark', 'light')).toBe('dark');
    expect(resolveTheme('system', 'dark')).toBe('dark');
    expect(resolveTheme('system', null)).toBeNull();
    expect(resolveTheme(undefined, null)).toBeNull();
  });

  it('reads the site’s scheme from its background colour', () => {
    document.body.style.backgroundColor = 'rgb(0, 0, 0)';
    expect(siteColorScheme()).toBe('dark');
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    expect(siteColorScheme()).toBe('light');
    document.body.style.backgroundColor = 'rgb(21, 32, 43)';
    expect(siteColorScheme()).toBe('dark');
  });
});

describe('scrolling the page to a mention', () => {
  it('finds the post by its marker attribute, and says so when it is not on the page', () => {
    document.body.innerHTML = '<article data-parley-post-id="t1_abc">post</article>';
    const article = document.querySelector('article') as HTMLElement;
    let scrolled = false;
    article.scrollIntoView = () => {
      scrolled = true;
    };
    expect(scrollToMarkedPost('reddit:t1_abc')).toBe(true);
    expect(scrolled).toBe(true);
    expect(scrollToMarkedPost('reddit:t1_missing')).toBe(false);
  });
});
