import { useRef } from 'react';
import type { CaseRow, EventRow, MentionRow } from '../../../lib/db/records';
import { describeResolutionStep, guidelinesFor, ratingFor } from '../../../lib/policy/queries';
import type { Guideline, Policy } from '../../../lib/policy/schema';
import type { TemplateValues } from '../../../lib/replies/variables';
import { SeverityBadge } from '../../shared/SeverityBadge';
import { firstButtonIn } from '../focus-after-action';
import { ContactCard } from './ContactCard';
import { EscalateStep } from './EscalateStep';
import { HandoffStep } from './HandoffStep';
import { ResolveStep } from './ResolveStep';
import { escalationClockStart, isStepDone } from './stepStatus';

function GuidelineList({ title, items, kind }: { title: string; items: Guideline[]; kind: 'do' | 'dont' }) {
  if (items.length === 0) return null;
  return (
    <div className={`guidelines ${kind}`}>
      <h4>{title}</h4>
      <ul>
        {items.map((item) => (
          <li key={item.text}>
            {item.text}
            {item.reason ? <span className="muted small"> {item.reason}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * What the policy says to do with this mention: the known path to resolution for its rating (with the
 * handoff and escalation as ready steps), advice for its category, the do's and don'ts, and contacts.
 */
export function PolicyGuidance({
  policy,
  mention,
  caseRow,
  events,
  values,
}: {
  policy: Policy;
  mention: MentionRow;
  caseRow: CaseRow | null;
  events: EventRow[];
  values: TemplateValues;
}) {
  const rating = ratingFor(policy, mention.severity);
  const advice = rating?.guidance[mention.category] ?? [];
  const { dos, donts } = guidelinesFor(policy, mention.category);
  const status = caseRow?.status ?? 'open';
  const pathRef = useRef<HTMLOListElement>(null);
  // A step's controls go once it is done: focus moves on to the next step still to do (else the heading).
  const nextStep = () => firstButtonIn(pathRef.current);
  return (
    <div className="guidance" data-testid="guidance">
      {rating ? (
        <>
          <p className="rating-line">
            <SeverityBadge severity={rating.level} name={rating.name} />{' '}
            <span className="muted small">{rating.description}</span>
          </p>
          <h4>Path to resolution</h4>
          <ol className="resolution-path" ref={pathRef}>
            {rating.resolution.map((step, index) => {
              const done = isStepDone(step, events, status);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: steps are a fixed list from the policy
                <li key={index} className={done ? 'done' : ''} data-step={step.type}>
                  <div className="step-title">
                    <span className="step-check" aria-hidden="true">
                      {done ? '✓' : index + 1}
                    </span>
                    <span>{describeResolutionStep(step, policy)}</span>
                    {done ? <span className="visually-hidden"> (done)</span> : null}
                  </div>
                  {step.note ? <p className="muted small step-note">{step.note}</p> : null}
                  {step.type === 'move-to-private' && !done ? (
                    <HandoffStep
                      step={step}
                      policy={policy}
                      mention={mention}
                      caseRow={caseRow}
                      values={values}
                      nextFocus={nextStep}
                    />
                  ) : null}
                  {step.type === 'escalate' && !done ? (
                    <EscalateStep
                      step={step}
                      policy={policy}
                      caseRow={caseRow}
                      startedAt={escalationClockStart(mention, events)}
                      nextFocus={nextStep}
                    />
                  ) : null}
                  {step.type === 'resolve' && !done && caseRow ? (
                    <ResolveStep caseRow={caseRow} nextFocus={nextStep} />
                  ) : null}
                </li>
              );
            })}
          </ol>
        </>
      ) : (
        <p className="muted">The policy has no rating for severity {mention.severity}.</p>
      )}
      {advice.length > 0 ? (
        <div className="guidelines advice">
          <h4>For this {mention.category}</h4>
          <ul>
            {advice.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <GuidelineList title="Do" items={dos} kind="do" />
      <GuidelineList title="Don’t" items={donts} kind="dont" />
      {policy.escalationContacts.length > 0 ? (
        <details className="contacts">
          <summary>Escalation contacts ({policy.escalationContacts.length})</summary>
          {policy.escalationContacts.map((contact) => (
            <ContactCard key={contact.id} contact={contact} />
          ))}
        </details>
      ) : null}
    </div>
  );
}
