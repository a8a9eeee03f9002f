import { classifyMention } from '../classify';
import { recordMention, type Classification as StoredClassification } from '../db/cases';
import type { CorrectionRow } from '../db/records';
import type { ParleyDb } from '../db/schema';
import type { ReportedPost, ReportedPostResult } from '../messaging/protocol';
import type { Policy } from '../policy/schema';

const OWN_REPLY_CLASSIFICATION: StoredClassification = {
  category: 'neutral',
  severity: 1,
  sentiment: 0,
  reasons: [],
};

function toStoredClassification(result: ReturnType<typeof classifyMention>): StoredClassification {
  return {
    category: result.category,
    severity: result.severity,
    sentiment: result.sentiment.score,
    reasons: result.reasons.map((reason) => reason.text),
  };
}

/**
 * Classifies and records the posts a page reported; returns what to mark each recorded one with.
 * One post the database refuses must not cost the others their record and their marker, so each is
 * recorded on its own. Throws only when none could be recorded (the database is failing): the page is
 * told, and reads the posts again later.
 */
export async function recordReportedPosts(
  db: ParleyDb,
  posts: readonly Pick<ReportedPost, 'post' | 'ownAccount'>[],
  context: { policy: Pick<Policy, 'classification'>; corrections: CorrectionRow[]; detectedAt: string },
): Promise<ReportedPostResult[]> {
  const results: ReportedPostResult[] = [];
  let failure: unknown = null;
  for (const { post, ownAccount } of posts) {
    // The brand's own replies are recorded as replies, not rated as customer mentions.
    const classification = ownAccount
      ? OWN_REPLY_CLASSIFICATION
      : toStoredClassification(
          classifyMention(
            { text: post.text, platform: post.platform },
            { rules: context.policy.classification, corrections: context.corrections },
          ),
        );
    try {
      const recorded = await recordMention(db, {
        post,
        classification,
        isOwnReply: ownAccount,
        detectedAt: context.detectedAt,
      });
      results.push({
        postKey: recorded.postKey,
        category: recorded.mention?.category ?? classification.category,
        severity: recorded.mention?.severity ?? classification.severity,
      });
    } catch (error) {
      failure ??= error;
    }
  }
  if (results.length === 0 && failure !== null) throw failure;
  return results;
}
