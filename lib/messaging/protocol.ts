/**
 * Every message between Parley's contexts, named by direction:
 *   content:*    content script → background
 *   sidebar:*    sidebar / popup / options (extension pages) → background
 *   background:* background → a tab's content script, or → extension pages
 *
 * Why a schema per message: the content script lives in a hostile page and extension pages can be
 * messaged by any of our contexts, so the receiving end validates every payload (and the sender,
 * see ./sender.ts) before acting. zod/mini keeps this importable by the content script without
 * pulling the full Zod build into every page.
 */
import * as z from 'zod/mini';
import { normalizeHandle } from '../db/ids';
import type { BrandTermsInput } from '../detect/brand-matcher';
import type { ScreenRegExpSources } from '../detect/screen-regexp';
import type { CompiledScreen } from '../detect/text-screen';
import { CATEGORIES, PLATFORMS } from '../domain/types';
import { MAX_PAGE_URL } from './page-url';

const MAX_TEXT = 100_000;
/** A sidebar frame's token: a random UUID from crypto.randomUUID(). */
export const FRAME_TOKEN_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_SHORT_TEXT = 2_000;
const MAX_POST_ID = 500;
const MAX_HANDLE = 300;
const MAX_URL = 2_000;
const MAX_TIME = 64;
const MAX_TERMS = 100;
/** X shows a few handles in "Replying to" and folds the rest into "and N others". */
const MAX_REPLYING_TO = 50;

type Schemas = Record<string, z.ZodMiniType>;

/**
 * A direction's schemas, built on first use and kept.
 *
 * Why: building a zod schema runs cold code for each of its parts (about 0.2 ms each on a slow
 * machine), and building every table when a script loads cost more than half of the content
 * script's engine evaluation, inside the page, on every page with a mention. The engine only ever
 * parses the few background → content messages, and most pages send it none.
 */
export type SchemaTable<S extends Schemas> = () => S;

/* @__NO_SIDE_EFFECTS__ */
function schemaTable<S extends Schemas>(build: () => S): SchemaTable<S> {
  let built: S | undefined;
  return () => {
    built ??= build();
    return built;
  };
}

const shortText = () => z.string().check(z.maxLength(MAX_SHORT_TEXT));
const postKey = () => z.string().check(z.minLength(3), z.maxLength(600));

function scrapedPostSchema() {
  return z.object({
    platform: z.enum(PLATFORMS),
    postId: z.string().check(z.minLength(1), z.maxLength(MAX_POST_ID)),
    permalink: z.nullable(z.string().check(z.maxLength(MAX_URL))),
    author: z.object({
      handle: z.string().check(z.maxLength(MAX_HANDLE)),
      displayName: z.nullable(shortText()),
    }),
    text: z.string().check(z.maxLength(MAX_TEXT)),
    postedAt: z.nullable(z.string().check(z.maxLength(MAX_TIME))),
    postedAtEstimated: z.boolean(),
    isReply: z.boolean(),
    inReplyTo: z.nullable(z.string().check(z.maxLength(MAX_POST_ID))),
    replyingTo: z.optional(
      z.array(z.string().check(z.maxLength(MAX_HANDLE))).check(z.maxLength(MAX_REPLYING_TO)),
    ),
  });
}

function reportedPostSchema() {
  return z.object({
    post: scrapedPostSchema(),
    /** Policy terms that matched (content already ran the matcher with the active policy). */
    matchedTerms: z.array(shortText()).check(z.maxLength(MAX_TERMS)),
    ownAccount: z.boolean(),
  });
}
export type ReportedPost = z.infer<ReturnType<typeof reportedPostSchema>>;

/**
 * Fits a post read from the page into the limits above before the content script reports it.
 * Why: the background refuses a whole report when one post breaks a limit, so a single hostile post
 * (a 150 KB text, a 5,000-character display name) would keep every other post in its batch from being
 * recorded and marked. Texts and names are cut (the start is what an agent reads); a post whose
 * identity (id, author handle) is too long to keep exactly is left out rather than stored under a key
 * that is not its own.
 */
export function fitReportedPost(reported: ReportedPost): ReportedPost | null {
  const { post } = reported;
  if (post.postId.length === 0 || post.postId.length > MAX_POST_ID) return null;
  // The database refuses a mention without an author (a handle of only "@" or spaces, which a generic
  // page can show): left out here, it cannot fail the rest of its batch.
  if (post.author.handle.length > MAX_HANDLE || normalizeHandle(post.author.handle).length === 0) return null;
  const displayName = post.author.displayName;
  return {
    post: {
      ...post,
      permalink: post.permalink !== null && post.permalink.length <= MAX_URL ? post.permalink : null,
      author: {
        handle: post.author.handle,
        displayName: displayName === null ? null : cutText(displayName, MAX_SHORT_TEXT),
      },
      text: cutText(post.text, MAX_TEXT),
      postedAt: post.postedAt !== null && post.postedAt.length <= MAX_TIME ? post.postedAt : null,
      inReplyTo: post.inReplyTo !== null && post.inReplyTo.length <= MAX_POST_ID ? post.inReplyTo : null,
      replyingTo: post.replyingTo?.filter((handle) => handle.length <= MAX_HANDLE).slice(0, MAX_REPLYING_TO),
    },
    matchedTerms: reported.matchedTerms.slice(0, MAX_TERMS).map((term) => cutText(term, MAX_SHORT_TEXT)),
    ownAccount: reported.ownAccount,
  };
}

/** At most `max` UTF-16 units, never ending on half of a surrogate pair. */
function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** content → background */
export const contentToBackground = schemaTable(() => ({
  /** What the content script's first stage needs to screen this page (lib/content/page-sentry.ts). */
  'content:get-page-screen': z.object({ url: z.string().check(z.maxLength(MAX_PAGE_URL)) }),
  /** What the content script needs to scan this page: brand terms and whether the site is on. */
  'content:get-scan-config': z.object({ url: z.string().check(z.maxLength(MAX_PAGE_URL)) }),
  /** Posts that mention the brand (or are the brand's own replies) found on the page. */
  'content:report-posts': z.object({
    url: z.string().check(z.maxLength(MAX_PAGE_URL)),
    posts: z.array(reportedPostSchema()).check(z.maxLength(200)),
  }),
  /** The agent clicked a marker: show this mention in the sidebar. */
  'content:open-mention': z.object({ postKey: postKey() }),
  /** Inject the content script's engine into this page (lib/content/engine-handle.ts). */
  'content:load-engine': z.object({}),
  /** The token of the sidebar frame this content script is about to create in its tab. */
  'content:register-sidebar': z.object({ token: z.string().check(z.regex(FRAME_TOKEN_PATTERN)) }),
  /** The insert the sidebar asked for finished (or failed) in the page's composer. */
  'content:insert-result': z.object({
    requestId: z.string().check(z.maxLength(100)),
    ok: z.boolean(),
    message: shortText(),
  }),
}));

/** sidebar/popup/options → background */
export const sidebarToBackground = schemaTable(() => ({
  /** Which tab the sidebar lives in and which mentions are on that page now. */
  'sidebar:get-page-state': z.object({}),
  /** Insert reply text into the composer of a post in the sidebar's tab. The agent presses send. */
  'sidebar:insert-reply': z.object({
    requestId: z.string().check(z.maxLength(100)),
    postKey: postKey(),
    text: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT)),
  }),
  /** Collapse, expand or close the sidebar in its tab. */
  'sidebar:set-layout': z.object({ state: z.enum(['open', 'collapsed', 'closed']) }),
  /** Reclassify after the agent recategorized a mention (classifier corrections changed). */
  'sidebar:recategorize': z.object({ postKey: postKey(), category: z.enum(CATEGORIES) }),
  /** A named read of the extension's database (see lib/background/sidebar-api.ts); args checked there. */
  'sidebar:query': z.object({ name: z.string().check(z.maxLength(100)), args: z.unknown() }),
  /** A named change to the extension's database (see lib/background/sidebar-api.ts). */
  'sidebar:mutate': z.object({ name: z.string().check(z.maxLength(100)), args: z.unknown() }),
  /** Sync the policy now (options page / popup "Sync now"). */
  'sidebar:sync-policy': z.object({}),
}));

/** background → content script */
export const backgroundToContent = schemaTable(() => ({
  'background:insert-reply': z.object({
    requestId: z.string().check(z.maxLength(100)),
    postKey: postKey(),
    text: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT)),
  }),
  'background:set-layout': z.object({ state: z.enum(['open', 'collapsed', 'closed', 'toggle']) }),
  'background:rescan': z.object({}),
  'background:mention-updated': z.object({ postKey: postKey(), category: z.enum(CATEGORIES) }),
}));

/** background → extension pages (sidebar) */
export const backgroundToSidebar = schemaTable(() => ({
  'background:show-mention': z.object({ tabId: z.number(), postKey: postKey() }),
  'background:page-mentions-changed': z.object({ tabId: z.number() }),
  'background:insert-finished': z.object({ requestId: z.string(), ok: z.boolean(), message: z.string() }),
  'background:queue-step': z.object({ tabId: z.number(), step: z.union([z.literal(1), z.literal(-1)]) }),
  /**
   * The database changed: extension pages re-run their queries (the sidebar's "live query"). `only`
   * names the one table that changed when that is all: drafts change at every pause in typing, and
   * only the draft query reads them.
   */
  'background:db-changed': z.object({ only: z.optional(z.literal('drafts')) }),
}));

export type PayloadOf<S extends Schemas, K extends keyof S> = z.infer<S[K]>;

export type ContentToBackground = ReturnType<typeof contentToBackground>;
export type SidebarToBackground = ReturnType<typeof sidebarToBackground>;
export type BackgroundToContent = ReturnType<typeof backgroundToContent>;
export type BackgroundToSidebar = ReturnType<typeof backgroundToSidebar>;

export interface Envelope<T extends string = string, P = unknown> {
  type: T;
  payload: P;
  /** Sent by the sidebar frame: the token its host registered (see lib/content/sidebar-host.ts). */
  frameToken?: string;
}

/** Answers the background gives, by request type (responses come only from our own background). */
export interface ScanConfig {
  enabled: boolean;
  brand: BrandTermsInput;
  /** Hosts the agent enabled for Mastodon and the generic adapter. */
  mastodonHosts: string[];
  genericHosts: string[];
  /** The page's text screen (BrandMatcher.screenPatterns), folded and compiled in the background. */
  screen: CompiledScreen;
  /** The same screen as native regular expressions (the page sentry's); null when too large. */
  regExpScreen: ScreenRegExpSources | null;
  /** The agent left the sidebar open on this site: load the engine to restore it. */
  sidebarOpen: boolean;
}

/**
 * The content script's first stage: whether to watch this page, and how to screen it without loading
 * the rest of the content script.
 */
export interface PageScreen {
  enabled: boolean;
  /** The post selector of a site whose posts can be screened by their text (lib/sites/screenable.ts). */
  postSelector: string | null;
  /** The brand screen as native regular expressions; null when the policy makes them too large. */
  screen: ScreenRegExpSources | null;
  /** The agent left the sidebar open on this site: load the rest to restore it. */
  sidebarOpen: boolean;
}

export interface ReportedPostResult {
  postKey: string;
  category: (typeof CATEGORIES)[number];
  severity: number;
}

/**
 * The background's answer to a report: what to mark each recorded post with, and the keys of posts it
 * refused (not this page's site's). A post in neither could not be recorded now, and is read again.
 */
export interface ReportAnswer {
  results: ReportedPostResult[];
  refused: string[];
}

export type ResponseOf = {
  'content:get-page-screen': PageScreen;
  'content:get-scan-config': ScanConfig;
  'content:report-posts': ReportAnswer;
  'content:open-mention': { ok: boolean };
  'content:load-engine': { ok: boolean };
  'content:register-sidebar': { ok: boolean };
  'content:insert-result': { ok: boolean };
  'sidebar:get-page-state': {
    tabId: number | null;
    postKeys: string[];
    url: string | null;
    selectedPostKey: string | null;
  };
  'sidebar:insert-reply': { ok: boolean; message: string };
  'sidebar:set-layout': { ok: boolean };
  'sidebar:recategorize': { ok: boolean };
  'sidebar:sync-policy': { ok: boolean; message: string };
  'sidebar:query': unknown;
  'sidebar:mutate': unknown;
};

export function postKeyOf(post: { platform: string; postId: string }): string {
  return `${post.platform}:${post.postId}`;
}

/**
 * Validates an incoming envelope against the schema table of the direction the receiver accepts.
 * Returns null for anything unknown or malformed: callers drop those without acting.
 */
export function parseEnvelope<S extends Schemas>(
  table: SchemaTable<S>,
  message: unknown,
): { [K in keyof S & string]: Envelope<K, z.infer<S[K]>> }[keyof S & string] | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, payload } = message as { type?: unknown; payload?: unknown };
  if (typeof type !== 'string') return null;
  const schemas = table();
  if (!Object.hasOwn(schemas, type)) return null;
  const schema = schemas[type] as z.ZodMiniType;
  const parsed = schema.safeParse(payload);
  if (!parsed.success) return null;
  // biome-ignore lint/suspicious/noExplicitAny: narrowed by the schema lookup above
  return { type, payload: parsed.data } as any;
}
