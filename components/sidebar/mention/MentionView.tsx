import { type ReactNode, useEffect, useId, useRef } from 'react';
import type { Settings } from '../../../lib/background/settings';
import { CATEGORY_LABELS } from '../../../lib/domain/types';
import { ratingFor } from '../../../lib/policy/queries';
import type { Policy } from '../../../lib/policy/schema';
import { templateValuesFor } from '../../../lib/replies/variables';
import { isRepeatCustomer } from '../../../lib/ui/customer-badges';
import { focusMentionOnPage } from '../../../lib/ui/host-channel';
import { useSidebarStore } from '../../../lib/ui/sidebar-store';
import { useBackgroundQuery } from '../../../lib/ui/use-background-query';
import { useUiMemory } from '../../../lib/ui/use-ui-memory';
import { EmptyState, ErrorState, Loading } from '../../shared/States';
import { PolicyGuidance } from '../guidance/PolicyGuidance';
import { CaseHistory } from '../history/CaseHistory';
import { ReplyPanel } from '../reply/ReplyPanel';
import { InviteToSharePrompt } from '../thanks/InviteToSharePrompt';
import { ThankTheFanPrompt } from '../thanks/ThankTheFanPrompt';
import { MentionCard } from './MentionCard';
import { RecategorizeBar } from './RecategorizeBar';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <details className="panel" open data-testid={testId}>
      <summary>
        <h3>{title}</h3>
      </summary>
      <div className="panel-body">{children}</div>
    </details>
  );
}

/**
 * One mention: the post and its author, prompts (thank the fan, invite to share), the reply area,
 * the policy's guidance and the case history. Keyboard: Escape goes back, j/k move through the queue.
 */
export function MentionView({
  postKey,
  policy,
  settings,
  onPage,
  position,
  praiseKeys,
  onBack,
  onStep,
}: {
  postKey: string;
  policy: Policy;
  settings: Settings | undefined;
  onPage: boolean;
  position: { index: number; total: number } | null;
  praiseKeys: string[];
  onBack: () => void;
  onStep: (step: 1 | -1) => void;
}) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { data: detail, error } = useBackgroundQuery('mention-detail', { postKey });
  const caseId = detail?.caseRow?.id ?? '';
  const { data: caseDetail } = useBackgroundQuery('case-detail', { caseId }, { skip: caseId === '' });
  const { memory, dismissThanks, dismissInvite } = useUiMemory();

  // Focus moves to the mention's heading each time one opens, so keyboard and screen-reader users land on it.
  const openSeq = useSidebarStore((state) => state.openSeq);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs per opening (openSeq), not per render
  useEffect(() => {
    headingRef.current?.focus();
  }, [openSeq]);

  const nav = (
    <nav className="mention-nav" aria-label="Queue navigation">
      <button type="button" className="button small quiet" onClick={onBack} aria-keyshortcuts="Escape">
        ← Queue
      </button>
      {position ? (
        <span className="muted small" data-testid="mention-position">
          {position.index + 1} of {position.total}
        </span>
      ) : null}
      <span className="spacer" />
      <button
        type="button"
        className="button small quiet"
        onClick={() => onStep(-1)}
        disabled={!position || position.index <= 0}
        aria-keyshortcuts="k"
        aria-label="Previous mention"
      >
        ↑ Prev
      </button>
      <button
        type="button"
        className="button small quiet"
        onClick={() => onStep(1)}
        disabled={!position || position.index >= position.total - 1}
        aria-keyshortcuts="j"
        aria-label="Next mention"
      >
        ↓ Next
      </button>
    </nav>
  );

  const heading = (
    <h2 id={headingId} ref={headingRef} tabIndex={-1} className="mention-heading">
      {detail
        ? `${detail.customer?.displayName ?? `@${detail.mention.authorHandle}`} · ${CATEGORY_LABELS[detail.mention.category]}`
        : 'Mention'}
    </h2>
  );

  // The article, nav and heading keep their places in every state (loading, error, loaded), so React
  // keeps the same heading element and the focus placed on it survives the data arriving.
  if (!detail) {
    return (
      <article className="mention-view" aria-labelledby={headingId} aria-busy={detail === undefined}>
        {nav}
        {heading}
        {error && detail === undefined ? (
          <ErrorState title="This mention could not be loaded." message={error} />
        ) : detail === undefined ? (
          <Loading />
        ) : (
          <EmptyState title="Parley has no record of this post.">
            <span className="small">It may have been purged, or the page has not reported it yet.</span>
          </EmptyState>
        )}
      </article>
    );
  }

  const { mention, caseRow, customer } = detail;
  const values = templateValuesFor({ policy, settings: settings ?? null, mention, customer });
  const showThanks =
    policy.thankTheFan.enabled &&
    mention.category === 'praise' &&
    !detail.thanked &&
    memory !== undefined &&
    !memory.dismissedThanks.includes(mention.id);
  const rating = caseRow ? ratingFor(policy, caseRow.severity) : undefined;
  const showInvite =
    caseRow?.status === 'resolved' &&
    (rating?.resolution.some((step) => step.type === 'invite-to-share-outcome') ?? false) &&
    policy.inviteToShareTemplates.length > 0 &&
    memory !== undefined &&
    !memory.dismissedInvites.includes(caseRow.id);
  return (
    <article
      className="mention-view"
      aria-labelledby={headingId}
      aria-busy={false}
      data-post-key={mention.id}
    >
      {nav}
      {heading}
      {detail.thanked ? (
        <p className="thanked-line small" data-testid="thanked-badge">
          <span className="badge loyal-fan">Thanked</span> The thanks for this post is in the ledger.
        </p>
      ) : null}
      <MentionCard
        detail={detail}
        policy={policy}
        onPage={onPage}
        onShowOnPage={() => focusMentionOnPage(mention.id)}
      />
      <RecategorizeBar postKey={mention.id} category={mention.category} />
      {showThanks ? (
        <ThankTheFanPrompt
          detail={detail}
          policy={policy}
          values={values}
          onPage={onPage}
          pageKeys={praiseKeys.filter((key) => key !== mention.id)}
          onDismiss={() => void dismissThanks(mention.id)}
        />
      ) : null}
      {showInvite && caseRow ? (
        <InviteToSharePrompt
          detail={detail}
          policy={policy}
          values={values}
          onPage={onPage}
          onDismiss={() => void dismissInvite(caseRow.id)}
        />
      ) : null}
      <div className="reply-area" data-testid="reply-section">
        <ReplyPanel
          postKey={mention.id}
          mention={mention}
          caseRow={caseRow}
          customer={customer}
          isRepeatCustomer={isRepeatCustomer(detail.counts)}
        />
      </div>
      <Section title="Guidance" testId="guidance-section">
        <PolicyGuidance
          policy={policy}
          mention={mention}
          caseRow={caseRow}
          events={caseDetail?.events ?? []}
          values={values}
        />
      </Section>
      <Section title="Case and history" testId="history-section">
        <CaseHistory detail={detail} brandName={policy.brand.name} />
      </Section>
    </article>
  );
}
