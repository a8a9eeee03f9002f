import { useId, useState } from 'react';
import type { MentionDetail } from '../../../lib/background/sidebar-api';
import type { Policy } from '../../../lib/policy/schema';
import type { TemplateValues } from '../../../lib/replies/variables';
import { fillPromptTemplate, inviteToShareTemplates } from '../../../lib/ui/thanks';
import { busyWhile } from '../../shared/busy';
import { CopyButton } from '../../shared/CopyButton';
import { announce, keepFocusOnRemoval, mentionHeading } from '../focus-after-action';
import { CheckList } from '../reply/CheckList';
import { usePromptChecks } from './use-prompt-checks';
import { useInsertReply } from './useInsertReply';

/**
 * After a resolution: invite the customer to share the happy outcome (get it into the public eye).
 * Shown once per case until dismissed; never asks them to delete anything.
 */
export function InviteToSharePrompt({
  detail,
  policy,
  values,
  onPage,
  onDismiss,
}: {
  detail: MentionDetail;
  policy: Policy;
  values: TemplateValues;
  onPage: boolean;
  onDismiss: () => void;
}) {
  const headingId = useId();
  const templates = inviteToShareTemplates(policy, detail.mention.platform);
  const [initialPublic] = useState(() =>
    templates.publicTemplate ? fillPromptTemplate(templates.publicTemplate, values) : '',
  );
  const [publicText, setPublicText] = useState(initialPublic);
  const { checks, blocker } = usePromptChecks({
    text: publicText,
    templateText: initialPublic,
    post: detail.mention,
    policy,
    values,
  });
  const privateText = templates.privateTemplate
    ? fillPromptTemplate(templates.privateTemplate, values)
    : null;
  const inserting = useInsertReply();
  // Done removes the prompt, the pressed button with it: focus goes to the heading.
  const dismiss = () => {
    keepFocusOnRemoval(mentionHeading);
    onDismiss();
    announce('Invitation to share dismissed');
  };
  return (
    <section className="prompt invite-prompt" aria-labelledby={headingId} data-testid="invite-prompt">
      <div className="prompt-head">
        <h3 id={headingId} className="prompt-title">
          Resolved: invite them to share the outcome
        </h3>
        <button type="button" className="button small quiet" onClick={dismiss}>
          Done
        </button>
      </div>
      {templates.publicTemplate ? (
        <label className="field">
          <span className="field-label">Public reply · {templates.publicTemplate.name}</span>
          <textarea
            className="textarea"
            rows={3}
            value={publicText}
            onChange={(event) => setPublicText(event.target.value)}
          />
        </label>
      ) : null}
      {privateText ? (
        <div className="script">
          <span className="field-label">Private message · {templates.privateTemplate?.name}</span>
          <p className="script-text">{privateText}</p>
          <CopyButton text={privateText} label="Copy private message" />
        </div>
      ) : null}
      {templates.publicTemplate ? (
        <CheckList
          checks={checks}
          spansCurrent={false}
          privateChannels={[]}
          subject="your invitation"
          testId="invite-checks"
        />
      ) : null}
      {templates.publicTemplate && blocker ? <p className="small field-error">{blocker}</p> : null}
      {templates.publicTemplate ? (
        <div className="button-row">
          <button
            type="button"
            className="button small primary"
            disabled={!onPage || publicText.trim() === '' || blocker !== null}
            {...busyWhile(inserting.busy)}
            onClick={() => {
              if (!inserting.busy) void inserting.insert(detail.mention.id, publicText);
            }}
          >
            Insert invitation
          </button>
        </div>
      ) : null}
      {inserting.message ? (
        <p className={`small ${inserting.ok ? '' : 'field-error'}`} data-testid="insert-result">
          {inserting.message}
        </p>
      ) : null}
    </section>
  );
}
