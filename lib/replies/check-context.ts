import type { Platform } from '../domain/types';
import type { Policy } from '../policy/schema';
import type { ReplyCheckContext } from './checks';

export interface PublicReplySources {
  platform: Platform;
  /** The active policy; until it is read, only the site's length rule and the generic checks apply. */
  policy: Policy | undefined;
  agentName?: string | undefined;
  agentSignature?: string | undefined;
  /** This case's reference (ACME-7K2QD), which templates put in public replies. */
  caseReference?: string | undefined;
  /** The filled template the reply started from, for the "still the template" nudge. */
  templateText?: string | null | undefined;
  /** The instance's own length limit where it differs by instance (Mastodon); else the site's. */
  lengthLimit?: number | undefined;
  /** What the site writes into the reply box before the reply (replyBoxPrefill), counted with it. */
  replyPrefill?: string | undefined;
}

/**
 * What the live checks know about a public reply to one mention. One place for it, so the reply editor
 * and the thank-the-fan and invite prompts hold every public text to the same rules.
 */
export function publicReplyCheckContext(sources: PublicReplySources): ReplyCheckContext {
  const { policy } = sources;
  return {
    platform: sources.platform,
    visibility: 'public',
    bannedPhrases: policy?.bannedPhrases ?? [],
    ...(policy
      ? {
          brandDomains: policy.brand.domains,
          brandPhones: policy.brand.phones,
          brandEmails: policy.brand.emails,
        }
      : {}),
    ...(sources.lengthLimit !== undefined ? { limitOverride: sources.lengthLimit } : {}),
    ...(sources.replyPrefill ? { replyPrefill: sources.replyPrefill } : {}),
    ...(sources.caseReference ? { caseReferences: [sources.caseReference] } : {}),
    ...(sources.templateText ? { templateText: sources.templateText } : {}),
    ...(sources.agentName ? { agentName: sources.agentName } : {}),
    ...(sources.agentSignature ? { agentSignature: sources.agentSignature } : {}),
  };
}
