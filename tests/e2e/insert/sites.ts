/**
 * Where reply insertion is proven end to end: one post per supported site, answered through the sidebar
 * into the site's own kind of editor (mounted by tests/fixtures/composers/<composer>). Mastodon is absent:
 * its hosts are enabled at run time, which needs a permission prompt a headless test cannot answer.
 */
import type { Platform } from '../../../lib/domain/types';

export interface InsertSite {
  /** Test label: the site and the editor it runs. */
  name: string;
  /** SITE_PAGES adapter id: the page's real URL and fixture file. */
  adapter: string;
  platform: Platform;
  /** tests/fixtures/composers/<composer>.js|jsx: mounts the composer when the post's reply control is clicked. */
  composer: string;
  /** data-parley-post-id of the post answered. */
  postId: string;
  /** The editor kind the composer runs (lib/editors' name for it). */
  editorKind: 'lexical' | 'prosemirror' | 'quill1' | 'textarea' | 'contenteditable';
  /** Text the site puts in the box before the agent types, kept ahead of the reply ("@jane.doe "). */
  prefilled?: string;
  /** The comment box is on the page from the start (Instagram); elsewhere the reply control mounts it. */
  composerOnLoad?: boolean;
  /** The site's send control is enabled even while the box is empty (old Reddit's "save"). */
  sendAlwaysEnabled?: boolean;
}

export const INSERT_SITES: InsertSite[] = [
  {
    name: 'Reddit (new): Lexical rich text in shreddit-composer',
    adapter: 'reddit-new',
    platform: 'reddit',
    composer: 'reddit-new',
    postId: 't1_lx1aaa1',
    editorKind: 'lexical',
  },
  {
    name: 'Facebook: Lexical plain text, Enter sends',
    adapter: 'facebook',
    platform: 'facebook',
    composer: 'facebook',
    postId: 'pfbid02JnDoe4OrderQ',
    editorKind: 'lexical',
  },
  {
    name: 'Bluesky: TipTap / ProseMirror in the composer modal',
    adapter: 'bluesky',
    platform: 'bluesky',
    composer: 'bluesky',
    postId: 'jane.bsky.social/3lbjanedoe2a',
    editorKind: 'prosemirror',
  },
  {
    name: 'LinkedIn (new markup): TipTap reply box after the comment',
    adapter: 'linkedin-new',
    platform: 'linkedin',
    composer: 'linkedin-new',
    postId: 'urn:li:comment:(activity:7529196788121777092,7529544076493186807)',
    editorKind: 'prosemirror',
  },
  {
    name: 'LinkedIn (legacy markup): Quill 1 comment box',
    adapter: 'linkedin-legacy',
    platform: 'linkedin',
    composer: 'linkedin-legacy',
    postId: 'urn:li:activity:7529513877504107187',
    editorKind: 'quill1',
  },
  {
    name: 'Reddit (old): plain textarea cloned by reply()',
    adapter: 'reddit-old',
    platform: 'reddit',
    composer: 'reddit-old',
    postId: 't1_lx1aaa1',
    editorKind: 'textarea',
    sendAlwaysEnabled: true,
  },
  {
    name: 'Instagram: React-controlled textarea prefilled with the handle',
    adapter: 'instagram',
    platform: 'instagram',
    composer: 'instagram',
    postId: '18031112222333444',
    editorKind: 'textarea',
    prefilled: '@jane.doe ',
    composerOnLoad: true,
  },
  {
    name: 'YouTube: plain contenteditable',
    adapter: 'youtube',
    platform: 'youtube',
    composer: 'youtube',
    postId: 'UgzJd3Ord3rN0tArr1v3d',
    editorKind: 'contenteditable',
  },
  {
    name: 'Threads: Lexical in the reply dialog',
    adapter: 'threads',
    platform: 'threads',
    composer: 'threads',
    postId: 'DCxJane01',
    editorKind: 'lexical',
  },
];
