/**
 * LinkedIn, 2026 markup (generated class names). Keys only on stable hooks seen in public automation
 * code: feed items are [role=listitem][componentkey], comments div[id^="replaceableComment_urn:li:comment:"],
 * text [data-testid="expandable-text-box"], controls by aria-label. Post cards carry no urn: a card's
 * urn is read from its comments, else its comments section or comment box, else the card is keyed by a
 * hash of its componentkey.
 */
import type { ScrapedPost } from '../domain/types';
import { openComposer } from './composer';
import { attr, outsideControls, ownAll, ownFirst, queryAll, stableHash } from './dom';
import { guardAdapter } from './guard';
import {
  activityIdOf,
  answeredBy,
  type CommentAuthor,
  commentPermalink,
  LINKEDIN_HOSTS,
  linkedInHandle,
  PROFILE_LINK,
  parseCommentUrn,
  postedAtFromId,
  postPermalink,
} from './linkedin-common';
import { NO_TIME, postedAtFromText } from './read';
import { readLabel, readText } from './text';
import type { SiteAdapter } from './types';

const ITEM = '[role="listitem"][componentkey]';
const COMMENT = 'div[id^="replaceableComment_urn:li:comment:"]';
const POST_SELECTOR = `${ITEM}, ${COMMENT}`;
const TEXT_BOX = '[data-testid="expandable-text-box"]';
/** Inside a card: its comments section, comments, and a reposted post (linked to its own page). */
const NESTED_IN_ITEM = `${ITEM}, ${COMMENT}, [componentkey^="commentsSectionContainer"], a[href*="/feed/update/"]`;
const EDITOR = '.ProseMirror[contenteditable="true"]';
const URN_KEYED = '[componentkey^="commentsSectionContainer-urn:li:"], [componentkey^="commentBox-urn:li:"]';
const POST_URN_KEY = /^(?:commentsSectionContainer|commentBox)-(urn:li:(?:activity|ugcPost|share):\d{1,25})$/;
const CONTROL_MENU = /^Open control menu for post by (.+)$/;
const AGE = /^(.+?)\s*•/;

function readPost(element: Element): ScrapedPost | null {
  return element.matches(COMMENT) ? readComment(element) : readCard(element);
}

function readCard(card: Element): ScrapedPost | null {
  const textBox = ownFirst(card, TEXT_BOX, NESTED_IN_ITEM);
  const author = readAuthor(card, NESTED_IN_ITEM);
  if (!textBox || !author) return null;
  const postUrn = cardUrn(card);
  const key = attr(card, 'componentkey') ?? '';
  return {
    platform: 'linkedin',
    postId: postUrn ?? `urn:li:card:${stableHash(key)}`,
    permalink: postUrn ? postPermalink(postUrn) : null,
    author,
    text: readText(textBox),
    ...(postedAtFromId(activityIdOf(postUrn)) ?? readAge(card, NESTED_IN_ITEM)),
    isReply: false,
    inReplyTo: null,
  };
}

function readComment(comment: Element): ScrapedPost | null {
  const urn = parseCommentUrn(attr(comment, 'id'));
  const profile = authorProfile(comment, COMMENT);
  if (!urn || !profile) return null;
  const author = { handle: profile.handle, displayName: profile.displayName };
  const parent = comment.parentElement?.closest(COMMENT);
  const parentUrn = parseCommentUrn(attr(parent, 'id'))?.urn;
  const textBox = ownFirst(comment, TEXT_BOX, COMMENT);
  const text = readText(textBox);
  return {
    platform: 'linkedin',
    postId: urn.urn,
    permalink: commentPermalink(urn),
    author,
    text,
    ...(postedAtFromId(urn.commentId) ?? readAge(comment, COMMENT)),
    isReply: true,
    inReplyTo: answeredBy(
      { postUrn: urn.postUrn, author: commentAuthor(profile), textBox, text },
      parent && parentUrn ? { urn: parentUrn, author: () => commentAuthorOf(parent) } : null,
    ),
  };
}

interface AuthorProfile {
  link: Element;
  handle: string;
  displayName: string | null;
  /** The handles of every link in the header that stands for the author (avatar, name). */
  handles: string[];
}

interface Profile {
  link: Element;
  handle: string;
  name: string;
}

/**
 * The author, from the profile links outside the text (which mentions other profiles, often the brand).
 * A card can open with "X commented on this" above its actor, so the profile the control menu names
 * ("…post by {name}") comes first, then the actor's avatar link, then the first link with a name (the
 * avatar link has none).
 */
function authorProfile(container: Element, nested: string): AuthorProfile | null {
  const { profiles, menuName } = ownProfiles(container, nested);
  const named = menuName ? profiles.find((profile) => profile.name === menuName) : undefined;
  const actor = profiles.find((profile) => attr(profile.link, 'componentkey')?.endsWith('-actor'));
  const author = named ?? actor ?? profiles.find((profile) => profile.name) ?? profiles[0];
  if (!author) return null;
  // An avatar link has no name: the name link to the same profile gives it (and anchors the marker).
  const withName = author.name
    ? author
    : profiles.find((profile) => profile.handle === author.handle && profile.name);
  const displayName = withName?.name || menuName;
  // A link with no name (an avatar) or the author's name is the author's, however it is written.
  const handles = profiles
    .filter((profile) => profile === author || !profile.name || profile.name === displayName)
    .map((profile) => profile.handle);
  return { link: (withName ?? author).link, handle: author.handle, displayName, handles };
}

function commentAuthor(profile: AuthorProfile): CommentAuthor {
  return { handles: profile.handles, name: profile.displayName };
}

function commentAuthorOf(comment: Element): CommentAuthor | null {
  const profile = authorProfile(comment, COMMENT);
  return profile ? commentAuthor(profile) : null;
}

/**
 * The profile links of the container's own header and the name its control menu gives, read in one
 * walk that skips anything nested (a card's comments section, a repost). It ends at the text once a
 * profile is found (who wrote it is named above what they wrote; the text mentions others), and at the
 * first reply: LinkedIn renders a comment's replies inside it, and nearly every reply asks who wrote the
 * comment above it, which must cost that comment's header, not its whole thread.
 */
function ownProfiles(container: Element, nested: string): { profiles: Profile[]; menuName: string | null } {
  const profiles: Profile[] = [];
  let menuName: string | null = null;
  const notOwn = `${COMMENT}, ${TEXT_BOX}, ${nested}`;
  let element = container.firstElementChild;
  while (element) {
    let enter = false;
    if (element.matches(notOwn)) {
      if (element.matches(COMMENT) || (profiles.length > 0 && element.matches(TEXT_BOX))) break;
    } else if (element.localName === 'a') {
      const handle = element.matches(PROFILE_LINK) ? linkedInHandle(element.getAttribute('href')) : null;
      if (handle) profiles.push({ link: element, handle, name: readLabel(element) });
    } else if (element.localName === 'button') {
      menuName ??= CONTROL_MENU.exec(attr(element, 'aria-label') ?? '')?.[1] ?? null;
    } else {
      enter = true;
    }
    element = nextInWalk(element, container, enter);
  }
  return { profiles, menuName };
}

/** The element after this one in page order within root, its children first when enter is set. */
function nextInWalk(element: Element, root: Element, enter: boolean): Element | null {
  if (enter && element.firstElementChild) return element.firstElementChild;
  for (let current: Element | null = element; current && current !== root; current = current.parentElement) {
    if (current.nextElementSibling) return current.nextElementSibling;
  }
  return null;
}

function readAuthor(container: Element, nested: string): ScrapedPost['author'] | null {
  const author = authorProfile(container, nested);
  return author ? { handle: author.handle, displayName: author.displayName } : null;
}

/**
 * A card's post urn. A post can have two (an activity urn and a ugcPost urn, with different numbers);
 * a top-level comment answers the one its own id carries, so that one keys the card whenever a comment
 * is on the page. Before any comment renders, the comments section and its comment box, keyed by a post
 * urn, give it rather than a card hash. Only first matches are read: the section comes first in page
 * order, and one comment tells as much as all of them.
 */
function cardUrn(card: Element): string | null {
  const fromComments = parseCommentUrn(attr(card.querySelector(COMMENT), 'id'))?.postUrn;
  if (fromComments) return fromComments;
  const keyed = card.querySelector(URN_KEYED);
  return POST_URN_KEY.exec(attr(keyed, 'componentkey') ?? '')?.[1] ?? null;
}

/** "2w •" / "3h •" age line (relative, estimated). */
function readAge(container: Element, nested: string): ReturnType<typeof postedAtFromText> {
  for (const line of ownAll(container, 'p, span', nested)) {
    if (line.children.length > 2) continue;
    const match = AGE.exec(readLabel(line));
    if (match?.[1]) {
      const parsed = postedAtFromText(match[1]);
      if (parsed.postedAt) return parsed;
    }
  }
  return NO_TIME;
}

/** LinkedIn renders a comment's reply box as a sibling after the comment, before the next comment. */
function replyBoxAfter(comment: Element): HTMLElement | null {
  for (let sibling = comment.nextElementSibling; sibling; sibling = sibling.nextElementSibling) {
    if (sibling.matches(COMMENT)) return null;
    const editor = sibling.matches(EDITOR) ? sibling : sibling.querySelector(EDITOR);
    if (editor) return editor as HTMLElement;
  }
  return null;
}

/** The card's own comment box: a commentBox that is not a reply box placed after a comment. */
function postCommentBox(card: Element): HTMLElement | null {
  for (const box of card.querySelectorAll('[componentkey^="commentBox-"]')) {
    if (box.previousElementSibling?.matches(COMMENT)) continue;
    const editor = box.querySelector<HTMLElement>(EDITOR);
    if (editor) return editor;
  }
  return null;
}

export const linkedInNewAdapter: SiteAdapter = guardAdapter({
  id: 'linkedin-new',
  platform: 'linkedin',
  postSelector: POST_SELECTOR,
  matchesUrl: (url) => LINKEDIN_HOSTS.has(url.hostname),
  // Cards without a text box are not posts (ads, suggestions, legacy markup in a list item).
  findPosts: (root) =>
    queryAll(root, POST_SELECTOR).filter(
      (element) => element.matches(COMMENT) || ownFirst(element, TEXT_BOX, NESTED_IN_ITEM) !== null,
    ),
  readPost,
  markerAnchor(element) {
    const nested = element.matches(COMMENT) ? COMMENT : NESTED_IN_ITEM;
    return outsideControls(authorProfile(element, nested)?.link ?? null, element);
  },
  openReplyComposer(element, options) {
    const isComment = element.matches(COMMENT);
    return openComposer({
      post: element,
      findTrigger: () =>
        isComment
          ? ownFirst(element, 'button[aria-label="Reply"]', COMMENT)
          : ownFirst(element, 'button[aria-label="Comment"]', NESTED_IN_ITEM),
      findOwn: () => (isComment ? replyBoxAfter(element) : postCommentBox(element)),
      composerSelector: EDITOR,
      timeoutMs: options?.timeoutMs,
    });
  },
});
