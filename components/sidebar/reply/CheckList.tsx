import { useEffect, useRef } from 'react';
import type { LengthMeasure, ReplyCheck, ReplyCheckSeverity } from '../../../lib/replies/checks';
import type { HandoffChannel } from '../../../lib/replies/handoff';
import { privateChannelWords } from '../../../lib/replies/variables';
import { announce } from '../focus-after-action';

const SEVERITY_WORDS: Record<ReplyCheckSeverity, string> = { error: 'Fix', warning: 'Check', info: 'Tip' };

/** From this share of the limit on, the meter turns amber: time to tighten before it goes red. */
const NEAR_LIMIT_SHARE = 0.9;

export function LengthMeter({ measure, siteLabel }: { measure: LengthMeasure; siteLabel: string }) {
  const { used, limit, prefilled } = measure;
  const state: MeterState =
    limit === null ? 'ok' : used > limit ? 'over' : used >= limit * NEAR_LIMIT_SHARE ? 'near' : 'ok';
  const including = prefilled ? `, including ${prefilledWords(prefilled, siteLabel)}` : '';
  const spoken =
    limit === null
      ? `${used} characters${including}`
      : `${used} of ${limit} characters allowed on ${siteLabel}${including}${used > limit ? `, ${used - limit} over` : ''}`;
  // Not a live region: the count changes with every pause in typing. Crossing into amber or red (or
  // back) is said once.
  const said = useRef(state);
  useEffect(() => {
    if (said.current === state) return;
    said.current = state;
    announce(`Length: ${spoken}`);
  }, [state, spoken]);
  return (
    <span className={`reply-length is-${state}`} data-testid="reply-length">
      <span aria-hidden="true">{limit === null ? `${used}` : `${used} / ${limit}`}</span>
      <span className="visually-hidden">Length: {spoken}</span>
    </span>
  );
}

/**
 * Says that the count includes what the site put in the reply box: the agent never typed that mention,
 * so a count above what they wrote needs its reason next to it. Nothing when there is none.
 */
export function PrefillNote({
  id,
  measure,
  siteLabel,
}: {
  id: string;
  measure: LengthMeasure;
  siteLabel: string;
}) {
  if (!measure.prefilled) return null;
  return (
    <p id={id} className="reply-hint" data-testid="reply-length-prefill">
      Counts {prefilledWords(measure.prefilled, siteLabel)}.
    </p>
  );
}

function prefilledWords(prefilled: NonNullable<LengthMeasure['prefilled']>, siteLabel: string): string {
  return `${prefilled.used} for the ${prefilled.text} ${siteLabel} puts before your reply`;
}

type MeterState = 'ok' | 'near' | 'over';

export interface CheckListProps {
  checks: readonly ReplyCheck[];
  /** Spans point into the checked text; false while the agent has typed since (then no Show/Replace). */
  spansCurrent: boolean;
  privateChannels: readonly HandoffChannel[];
  /** Without these (a prompt's short text), checks are listed without Show, Replace or Move buttons. */
  onShow?(span: { start: number; end: number }): void;
  onReplace?(span: { start: number; end: number }, replacement: string): void;
  onMoveToPrivate?(channel: HandoffChannel): void;
  /** What is checked, as the summary says it ('your reply', 'your thanks'). */
  subject?: string;
  /** Test id of the list; the summary's is this with '-summary'. */
  testId?: string;
}

/** The live checks under the editor, most serious first, each with what to do about it. */
export function CheckList({
  checks,
  spansCurrent,
  privateChannels,
  onShow,
  onReplace,
  onMoveToPrivate,
  subject = 'your reply',
  testId = 'reply-checks',
}: CheckListProps) {
  const personalData = onMoveToPrivate && checks.some((check) => check.fix?.kind === 'move-to-private');
  return (
    <>
      {/* Always mounted, and the same element whether or not checks are listed: a live region that is
          replaced as the first check appears (or the last goes) says nothing. It speaks when the
          counts change, not on every keystroke. */}
      <p className="visually-hidden" role="status" data-testid={`${testId}-summary`}>
        {checksSummary(checks, subject)}
      </p>
      {checks.length > 0 && (
        <div className="reply-checks" data-testid={testId}>
          {personalData && (
            <fieldset className="reply-private-actions">
              <legend>Take it out of the public thread:</legend>
              {(privateChannels.length > 0 ? privateChannels : (['dm'] as const)).map((channel) => (
                <button
                  key={channel}
                  type="button"
                  className="reply-chip"
                  onClick={() => onMoveToPrivate?.(channel)}
                >
                  Move to {privateChannelWords(channel)}
                </button>
              ))}
            </fieldset>
          )}
          <ul aria-label={`Checks on ${subject}`}>
            {checks.map((check, index) => (
              <li
                // Several findings of one kind share an id; their order is stable for a given text.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                key={`${check.id}-${index}`}
                className={`reply-check is-${check.severity}`}
                data-check={check.id}
                data-severity={check.severity}
              >
                <span className="reply-check-badge">{SEVERITY_WORDS[check.severity]}</span>
                <span className="reply-check-message">{check.message}</span>
                {spansCurrent && check.span && onShow && (
                  <span className="reply-check-actions">
                    <button
                      type="button"
                      className="reply-link"
                      onClick={() => check.span && onShow(check.span)}
                    >
                      Show
                    </button>
                    {check.fix?.kind === 'replace' && check.fix.replacement !== undefined && onReplace && (
                      <button
                        type="button"
                        className="reply-link"
                        onClick={() => check.span && onReplace(check.span, check.fix?.replacement ?? '')}
                      >
                        Replace with “{check.fix.replacement}”
                      </button>
                    )}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/** "1 to fix, 2 to check" — what a screen reader announces as the checks change. */
export function checksSummary(checks: readonly ReplyCheck[], subject = 'your reply'): string {
  const count = (severity: ReplyCheckSeverity) =>
    checks.filter((check) => check.severity === severity).length;
  const parts = [
    [count('error'), 'to fix'],
    [count('warning'), 'to check'],
    [count('info'), count('info') === 1 ? 'tip' : 'tips'],
  ]
    .filter(([number]) => (number as number) > 0)
    .map(([number, words]) => `${number} ${words}`);
  return parts.length > 0 ? `Checks on ${subject}: ${parts.join(', ')}.` : `No problems found in ${subject}.`;
}
