import { useMemo } from 'react';
import type { Policy } from '../../../lib/policy/schema';
import { publicReplyCheckContext } from '../../../lib/replies/check-context';
import { checkReply, type ReplyCheck } from '../../../lib/replies/checks';
import { type RepliedPost, replyBoxPrefill } from '../../../lib/replies/reply-prefill';
import type { TemplateValues } from '../../../lib/replies/variables';
import { useReplyLengthLimit } from '../../../lib/ui/use-extension-storage';

const UNFILLED_PLACEHOLDER = /\{\{\s*[A-Za-z]/;

/**
 * The reply checks on a prompt's public text (a thank-you, an invitation to share): the same rules as
 * the reply editor, since it goes into the same public thread. `blocker` says why Insert is refused.
 */
export function usePromptChecks(input: {
  text: string;
  /** The filled template the prompt offered, for the "still the template" nudge. */
  templateText: string;
  /**
   * The post replied to: on Mastodon its permalink's host is the instance whose length limit applies,
   * and its author the mention Mastodon puts in the reply box.
   */
  post: RepliedPost;
  policy: Policy;
  values: TemplateValues;
}): { checks: ReplyCheck[]; blocker: string | null } {
  const { text, templateText, post, policy, values } = input;
  const { platform } = post;
  const lengthLimit = useReplyLengthLimit(post);
  const replyPrefill = replyBoxPrefill(post);
  const context = useMemo(
    () =>
      publicReplyCheckContext({
        platform,
        policy,
        agentName: values.agentName,
        agentSignature: values.agentSignature,
        caseReference: values.caseReference,
        templateText,
        lengthLimit,
        replyPrefill,
      }),
    [
      platform,
      lengthLimit,
      replyPrefill,
      policy,
      values.agentName,
      values.agentSignature,
      values.caseReference,
      templateText,
    ],
  );
  const checks = useMemo(() => checkReply(text, context), [text, context]);
  return { checks, blocker: promptInsertBlocker(text, checks) };
}

/** Why a prompt's text may not be inserted yet, or null. */
export function promptInsertBlocker(text: string, checks: readonly ReplyCheck[]): string | null {
  if (UNFILLED_PLACEHOLDER.test(text))
    return 'Replace the {{…}} placeholders (set your name in Parley’s options).';
  const errors = checks.filter((check) => check.severity === 'error').length;
  if (errors === 0) return null;
  return errors === 1
    ? 'Fix the problem marked Fix to insert.'
    : `Fix the ${errors} problems marked Fix to insert.`;
}
