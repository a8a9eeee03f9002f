/**
 * Loads a site fixture into happy-dom's document for adapter tests. Parsing fixture HTML with DOMParser
 * is fine here (our own static files); product code never parses page text as HTML.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ScrapedPost } from '../../../lib/domain/types';
import type { SiteAdapter } from '../../../lib/sites/types';

/** 2026-11-20T15:00:00Z: the "now" every fixture's relative times are written against. */
export const FIXTURE_NOW = new Date('2026-11-20T15:00:00.000Z');

interface HappyDomWindow {
  happyDOM: { setURL(url: string): void };
}

export function setPageUrl(url: string): void {
  (window as unknown as HappyDomWindow).happyDOM.setURL(url);
}

export function fixtureHtml(name: string): string {
  // Vitest runs from the repository root (import.meta.url is not a file URL under happy-dom).
  return readFileSync(join(process.cwd(), 'tests/fixtures/sites', `${name}.html`), 'utf8');
}

/** Replaces the document with the fixture, served at url; declarative shadow roots are attached. */
export function loadFixture(name: string, url: string): Document {
  setPageUrl(url);
  const parsed = new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
  const root = document.documentElement;
  for (const attribute of [...root.attributes]) root.removeAttribute(attribute.name);
  for (const attribute of [...parsed.documentElement.attributes])
    root.setAttribute(attribute.name, attribute.value);
  root.replaceChildren(
    ...[...parsed.documentElement.childNodes].map((node) => document.importNode(node, true)),
  );
  attachDeclarativeShadowRoots(document);
  return document;
}

/** DOMParser leaves <template shadowrootmode> inert (browsers attach it only while loading a page). */
export function attachDeclarativeShadowRoots(root: ParentNode): void {
  for (const template of root.querySelectorAll<HTMLTemplateElement>('template[shadowrootmode]')) {
    const host = template.parentElement;
    if (!host || host.shadowRoot) continue;
    const shadow = host.attachShadow({
      mode: template.getAttribute('shadowrootmode') === 'closed' ? 'closed' : 'open',
    });
    shadow.append(template.content.cloneNode(true));
    template.remove();
    attachDeclarativeShadowRoots(shadow);
  }
}

/** Asserts how many elements each selector matches in the fixture (refined-github style). */
export function expectSelectorCounts(root: ParentNode, expected: Record<string, number>): void {
  const actual: Record<string, number> = {};
  for (const selector of Object.keys(expected)) actual[selector] = root.querySelectorAll(selector).length;
  expect(actual).toEqual(expected);
}

export interface ReadSummary {
  found: number;
  read: number;
  withText: number;
  withTime: number;
  withExactTime: number;
  withPermalink: number;
  replies: number;
  mentioningAcme: number;
}

export function readAll(adapter: SiteAdapter, root: ParentNode = document): ScrapedPost[] {
  return adapter
    .findPosts(root)
    .map((element) => adapter.readPost(element))
    .filter((post): post is ScrapedPost => post !== null);
}

export function summarize(adapter: SiteAdapter, root: ParentNode = document): ReadSummary {
  const found = adapter.findPosts(root);
  const posts = found.map((element) => adapter.readPost(element)).filter((post) => post !== null);
  return {
    found: found.length,
    read: posts.length,
    withText: posts.filter((post) => post.text.length > 0).length,
    withTime: posts.filter((post) => post.postedAt !== null).length,
    withExactTime: posts.filter((post) => post.postedAt !== null && !post.postedAtEstimated).length,
    withPermalink: posts.filter((post) => post.permalink !== null).length,
    replies: posts.filter((post) => post.isReply).length,
    mentioningAcme: posts.filter((post) => /acme/i.test(post.text)).length,
  };
}

/** The post element whose read id is postId. */
export function postElement(adapter: SiteAdapter, postId: string): Element {
  const element = adapter
    .findPosts(document)
    .find((candidate) => adapter.readPost(candidate)?.postId === postId);
  if (!element) throw new Error(`no post ${postId} in fixture`);
  return element;
}

export interface ComposerStub {
  clicks(): number;
  stop(): void;
}

/**
 * Makes clicks on matching controls mount the fixture's composer template (as the site would render its
 * editor, a little later). slotFor picks where: by default the page's [data-fixture-composer-slot].
 */
export function mountComposerOnClick(
  triggerSelector: string,
  templateName: string,
  slotFor: (trigger: Element) => Element | null = () =>
    document.querySelector(`[data-fixture-composer-slot="${templateName}"]`),
): ComposerStub {
  let clicks = 0;
  const controller = new AbortController();
  document.addEventListener(
    'click',
    (event) => {
      const trigger = (event.target as Element | null)?.closest(triggerSelector);
      if (!trigger) return;
      clicks += 1;
      const template = document.querySelector<HTMLTemplateElement>(
        `template[data-fixture-composer="${templateName}"]`,
      );
      const slot = slotFor(trigger);
      if (template && slot) setTimeout(() => slot.append(template.content.cloneNode(true)), 10);
    },
    { capture: true, signal: controller.signal },
  );
  return { clicks: () => clicks, stop: () => controller.abort() };
}

/** A copy of the fixture's static composer markup (template data-fixture-composer=name). */
export function composerTemplate(name: string): DocumentFragment {
  const template = document.querySelector<HTMLTemplateElement>(`template[data-fixture-composer="${name}"]`);
  if (!template) throw new Error(`no composer template ${name} in fixture`);
  return template.content.cloneNode(true) as DocumentFragment;
}
