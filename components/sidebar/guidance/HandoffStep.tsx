import { useState } from 'react';
import type { CaseRow, MentionRow, PrivateChannel as RecordedChannel } from '../../../lib/db/records';
import type { Policy, PrivateChannel, ResolutionStep } from '../../../lib/policy/schema';
import { fillTemplate } from '../../../lib/replies/fill';
import { handoffScriptsFor } from '../../../lib/replies/handoff';
import type { TemplateValues } from '../../../lib/replies/variables';
import { sendFromPage } from '../../../lib/ui/send';
import { busyWhile } from '../../shared/busy';
import { CopyButton } from '../../shared/CopyButton';
import { FieldError, StatusNote } from '../../shared/States';
import { useReplyLanguage } from '../reply/reply-language';
import { useRecordStep } from './use-record-step';

const CHANNEL_NAMES: Record<PrivateChannel, string> = { dm: 'DM', email: 'Email', phone: 'Phone' };
const RECORDED: Record<PrivateChannel, RecordedChannel> = {
  dm: 'direct-message',
  email: 'email',
  phone: 'phone',
};
const ASK_FIRST: Record<PrivateChannel, string> = {
  dm: 'Would you mind sending us a DM so we can look at your order privately?',
  email: 'Would it be OK to continue by email? Then your details stay out of this thread.',
  phone: 'Would you mind if one of our team called you? If so, send your number and a good time by DM.',
};

/**
 * The policy's private handoff as a ready step: choose the channel, ask permission first (always for
 * calls), copy the first private message, and record on the case that the conversation moved.
 */
export function HandoffStep({
  step,
  policy,
  mention,
  caseRow,
  values,
  nextFocus,
}: {
  step: Extract<ResolutionStep, { type: 'move-to-private' }>;
  policy: Policy;
  mention: MentionRow;
  caseRow: CaseRow | null;
  values: TemplateValues;
  /** Where focus goes once this step is done and its controls are gone. */
  nextFocus: () => HTMLElement | null;
}) {
  const [channel, setChannel] = useState<PrivateChannel>(step.channels[0] ?? 'dm');
  const [recorded, setRecorded] = useState<string | null>(null);
  const { language } = useReplyLanguage(mention.id, policy, mention.category);
  const script = handoffScriptsFor(policy, { platform: mention.platform, language }).find(
    (candidate) => candidate.channel === channel,
  );
  const filled = script ? fillTemplate(script.text, values) : null;
  const askFirst = step.withPermission || channel === 'phone';
  const { record, busy, error } = useRecordStep(nextFocus);
  const recordMove = (caseId: string) =>
    record(async () => {
      await sendFromPage('sidebar:mutate', {
        name: 'move-to-private',
        args: { caseId, channel: RECORDED[channel], note: null },
      });
      const said = `Recorded: continued by ${CHANNEL_NAMES[channel]}.`;
      setRecorded(said);
      return said;
    });
  return (
    <div className="step-body">
      <fieldset className="plain-fieldset">
        <legend className="visually-hidden">Private channel</legend>
        <div className="button-row">
          {step.channels.map((option) => (
            <button
              key={option}
              type="button"
              className={`button small${option === channel ? ' primary' : ''}`}
              aria-pressed={option === channel}
              onClick={() => setChannel(option)}
            >
              {CHANNEL_NAMES[option]}
            </button>
          ))}
        </div>
      </fieldset>
      {askFirst ? (
        <p className="small">
          <strong>Ask first:</strong> “{ASK_FIRST[channel]}”
        </p>
      ) : null}
      {filled ? (
        <div className="script">
          <div className="script-head">
            <span className="small muted">{script?.name}</span>
            <CopyButton text={filled.text} label="Copy message" />
          </div>
          <p className="script-text">{filled.text}</p>
        </div>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button small"
          disabled={!caseRow}
          {...busyWhile(busy)}
          onClick={() => caseRow && void recordMove(caseRow.id)}
        >
          Moved to {CHANNEL_NAMES[channel]}
        </button>
        <StatusNote message={recorded} inline />
      </div>
      <FieldError message={error} />
    </div>
  );
}
