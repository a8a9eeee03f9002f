import type { Platform } from '../domain/types';

export interface RepliedPost {
  platform: Platform;
  /** The author as Parley reads it: "user@domain" on Mastodon, the instance's host added to local ones. */
  authorHandle: string;
  /** The post's address on the instance the agent uses: its host tells local accounts from remote ones. */
  permalink: string | null;
}

/**
 * What the site writes into the reply box when it opens on this post, before the agent types; '' when
 * nothing that Parley counts. Mastodon mentions the author the way the agent's instance knows them,
 * "@jane " for one of its own accounts and "@jane@mastodon.social " for another's, and the site counts
 * that mention in the post. Mastodon also mentions the accounts the post mentioned, except the agent's
 * own: which of those is the agent's account the sidebar cannot tell, so they are left out rather than
 * counted and perhaps refused a reply that fits. Instagram and YouTube write "@jane " too, but their
 * limits (2,200 and 10,000) leave room for it, so their counts stay the agent's own text.
 */
export function replyBoxPrefill(post: RepliedPost): string {
  if (post.platform !== 'mastodon') return '';
  const [user, domain] = post.authorHandle.replace(/^@+/, '').split('@');
  if (!user) return '';
  if (!domain) return `@${user} `;
  const instance = hostOf(post.permalink);
  // Without the instance, the full form: it counts as much as the short one ("@user" either way).
  return instance !== null && instance === hostOf(`https://${domain}/`) ? `@${user} ` : `@${user}@${domain} `;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/\.$/, '').toLowerCase() || null;
  } catch {
    return null;
  }
}
