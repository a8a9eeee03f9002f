/**
 * lib/editors as the content script would run it, bundled into an IIFE (`ParleyEditorsTest`) that the
 * end-to-end test evaluates in an isolated world of the fixture page: same DOM as the page, none of its
 * JavaScript objects, like an extension's content script.
 */
import { detectEditor } from '../../../lib/editors/detect';
import {
  type InsertResult,
  insertIntoComposer,
  insertReplyIntoPost,
} from '../../../lib/editors/insert-into-post';
import type { SiteAdapter } from '../../../lib/sites/types';

export interface FixtureSelectors {
  post: string;
  /** The post's own reply control (clicked to open the composer, as a site adapter would). */
  replyControl: string;
  /** The composer's editable once it is open. */
  composer: string;
}

/** A site adapter reduced to what insertion uses: open the composer the way adapters do (click, wait). */
function fixtureAdapter(selectors: FixtureSelectors): SiteAdapter {
  return {
    id: 'fixture',
    platform: 'web',
    matchesUrl: () => true,
    postSelector: selectors.post,
    findPosts: (root) => [...root.querySelectorAll(selectors.post)],
    readPost: () => null,
    markerAnchor: () => null,
    async openReplyComposer(post, options) {
      const find = () => document.querySelector<HTMLElement>(selectors.composer);
      if (!find()) post.querySelector<HTMLElement>(selectors.replyControl)?.click();
      const deadline = Date.now() + (options?.timeoutMs ?? 3_000);
      while (Date.now() < deadline) {
        const composer = find();
        if (composer) return composer;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return null;
    },
  };
}

export async function insertReply(selectors: FixtureSelectors, text: string): Promise<InsertResult> {
  const post = document.querySelector(selectors.post);
  if (!post) return { ok: false, message: `fixture: no post matches ${selectors.post}` };
  return insertReplyIntoPost(fixtureAdapter(selectors), post, text);
}

export async function insertIntoSelector(selector: string, text: string): Promise<InsertResult> {
  const composer = document.querySelector<HTMLElement>(selector);
  if (!composer) return { ok: false, message: `fixture: nothing matches ${selector}` };
  return insertIntoComposer(composer, text);
}

export function detectKind(selector: string): string | null {
  const element = document.querySelector<HTMLElement>(selector);
  return element ? (detectEditor(element)?.strategy.kind ?? null) : null;
}

/** Proof of isolation for the test: the page's hook is not visible from here. */
export function seesPageGlobals(): boolean {
  return 'ParleyFixturePageHook' in window || '__fixtureEditor' in window;
}
