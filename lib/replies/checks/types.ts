import type { Platform } from '../../domain/types';

export type ReplyVisibility = 'public' | 'private';

export interface BannedPhrase {
  phrase: string;
  /** Why the policy bans it, shown to the agent. */
  reason?: string;
  /** What to write instead; offered as a one-click replacement. */
  suggestion?: string;
}

export interface ReplyCheckContext {
  platform: Platform;
  visibility: ReplyVisibility;
  bannedPhrases: readonly BannedPhrase[];
  /** The filled template before the agent's edits, when the reply started from one. */
  templateText?: string;
  /** The agent's display name, e.g. 'Sam Lee'; the reply should carry it when public. */
  agentName?: string;
  /** The sign-off the agent set ('^SL', '– Sam from Acme'); a reply ending with it is signed. */
  agentSignature?: string;
  /** Replaces the platform's length limit (a Mastodon instance with a longer limit). */
  limitOverride?: number;
  /**
   * What the site writes into the reply box before the reply (Mastodon's "@jane "; see replyBoxPrefill).
   * The insert keeps it unless the reply starts with the same handle, and the site counts it.
   */
  replyPrefill?: string;
  /** The brand's web domains (policy brand.domains): shared inboxes on them (support@…) may be public. */
  brandDomains?: readonly string[];
  /** The brand's public phone lines (policy brand.phones): they may be given out in public. */
  brandPhones?: readonly string[];
  /** The brand's public e-mail addresses (policy brand.emails): they may be given out in public. */
  brandEmails?: readonly string[];
  /** References Parley gave this customer's cases (ACME-7K2QD): made to be quoted, in public too. */
  caseReferences?: readonly string[];
}

export type ReplyCheckSeverity = 'error' | 'warning' | 'info';

export interface ReplyCheck {
  /** The kind of check ('length', 'banned-phrase', 'pii-email', …); repeated once per occurrence. */
  id: string;
  severity: ReplyCheckSeverity;
  message: string;
  /** UTF-16 offsets into the reply text of what the check is about. */
  span?: { start: number; end: number };
  fix?: { kind: 'move-to-private' | 'replace'; replacement?: string };
}

/** One check: small, pure, and registered in the list in ../checks.ts. */
export type ReplyCheckRule = (text: string, context: ReplyCheckContext) => ReplyCheck[];
