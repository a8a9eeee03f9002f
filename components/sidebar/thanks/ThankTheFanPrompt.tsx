import { useId, useState } from 'react';
import type { MentionDetail } from '../../../lib/background/sidebar-api';
import type { Policy } from '../../../lib/policy/schema';
import type { TemplateValues } from '../../../lib/replies/variables';
import { isLoyalFan } from '../../../lib/ui/customer-badges';
import { sendFromPage } from '../../../lib/ui/send';
import { fillPromptTemplate, pickThanks } from '../../../lib/ui/thanks';
import { busyWhile } from '../../shared/busy';
import { CopyButton } from '../../shared/CopyButton';
import { FieldError } from '../../shared/States';
import { announce, keepFocusOnRemoval, mentionHeading } from '../focus-after-action';
import { CheckList } from '../reply/CheckList';
import { usePromptChecks } from './use-prompt-checks';
import { useInsertReply } from './useInsertReply';

/**
 * Thank-the-fan: a non-blocking card on praise. The public thanks is picked per post so neighbours read
 * differently; loyal fans get loyal-fan wording and a private note. Inserting (or marking as thanked)
 * writes the thanks ledger, so nobody is thanked twice for the same post.
 */
export function ThankTheFanPrompt({
  detail,
  policy,
  values,
  onPage,
  pageKeys,
  onDismiss,
}: {
  detail: MentionDetail;
  policy: Policy;
  values: TemplateValues;
  onPage: boolean;
  /** Other praise posts in the queue, so the choice varies between neighbours. */
  pageKeys: string[];
  onDismiss: () => void;
}) {
  const headingId = useId();
  const { mention, customer } = detail;
  const loyal = isLoyalFan(customer, policy.thankTheFan.loyalFanMinPraises);
  // Chosen once: the queue's other praise posts change as the page loads, and the template under the
  // agent's edits must not.
  const [choice] = useState(() =>
    pickThanks(policy, { postKey: mention.id, pageKeys, loyal, platform: mention.platform }),
  );
  const [initialPublic] = useState(() =>
    choice.publicTemplate ? fillPromptTemplate(choice.publicTemplate, values) : '',
  );
  const [publicText, setPublicText] = useState(initialPublic);
  const [withNote, setWithNote] = useState(loyal);
  const [error, setError] = useState<string | null>(null);
  const inserting = useInsertReply();
  const privateText = choice.privateTemplate ? fillPromptTemplate(choice.privateTemplate, values) : null;
  const { checks, blocker } = usePromptChecks({
    text: publicText,
    templateText: initialPublic,
    post: mention,
    policy,
    values,
  });

  // Each action below removes this whole prompt, the pressed button with it: focus goes to the heading.
  const recordThanks = async (said: string) => {
    setError(null);
    try {
      await sendFromPage('sidebar:mutate', { name: 'record-thanks', args: { postKey: mention.id } });
      announce(said);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const insertThanks = async () => {
    keepFocusOnRemoval(mentionHeading);
    // The insert announces its result; once recorded, the prompt goes and this says both.
    if (await inserting.insert(mention.id, publicText))
      await recordThanks('Thanks inserted and marked as thanked');
  };
  const dismiss = () => {
    keepFocusOnRemoval(mentionHeading);
    onDismiss();
    announce('Thank-the-fan prompt dismissed');
  };

  return (
    <section className="prompt thanks-prompt" aria-labelledby={headingId} data-testid="thanks-prompt">
      <div className="prompt-head">
        <h3 id={headingId} className="prompt-title">
          {loyal ? 'Thank a loyal fan' : 'Thank the fan'}
        </h3>
        <button type="button" className="button small quiet" onClick={dismiss}>
          Not now
        </button>
      </div>
      {loyal ? (
        <p className="small">
          {customer?.displayName ?? 'They'} have praised us {customer?.praiseCount} times: thank them publicly
          and with a private note.
        </p>
      ) : null}
      {choice.publicTemplate ? (
        <label className="field">
          <span className="field-label">Public thanks · {choice.publicTemplate.name}</span>
          <textarea
            className="textarea"
            rows={3}
            value={publicText}
            onChange={(event) => setPublicText(event.target.value)}
            data-testid="thanks-public-text"
          />
        </label>
      ) : (
        <p className="muted small">
          The policy has no public thank-you templates: write your own reply below.
        </p>
      )}
      {privateText ? (
        <div className="field">
          <label className="inline-check">
            <input
              type="checkbox"
              checked={withNote}
              onChange={(event) => setWithNote(event.target.checked)}
            />{' '}
            Add a private note
          </label>
          {withNote ? (
            <div className="script">
              <p className="script-text">{privateText}</p>
              <CopyButton text={privateText} label="Copy private note" />
            </div>
          ) : null}
        </div>
      ) : null}
      {choice.publicTemplate ? (
        <CheckList
          checks={checks}
          spansCurrent={false}
          privateChannels={[]}
          subject="your thanks"
          testId="thanks-checks"
        />
      ) : null}
      {choice.publicTemplate && blocker ? <p className="small field-error">{blocker}</p> : null}
      <div className="button-row">
        {choice.publicTemplate ? (
          <button
            type="button"
            className="button small primary"
            disabled={!onPage || publicText.trim() === '' || blocker !== null}
            {...busyWhile(inserting.busy)}
            title={onPage ? undefined : 'Open the post’s page to insert'}
            onClick={() => {
              if (!inserting.busy) void insertThanks();
            }}
          >
            Insert thanks
          </button>
        ) : null}
        <button
          type="button"
          className="button small"
          onClick={() => {
            keepFocusOnRemoval(mentionHeading);
            void recordThanks('Marked as thanked');
          }}
        >
          Mark as thanked
        </button>
      </div>
      {inserting.message ? (
        <p className={`small ${inserting.ok ? '' : 'field-error'}`} data-testid="insert-result">
          {inserting.message}
        </p>
      ) : null}
      <FieldError message={error} />
    </section>
  );
}
