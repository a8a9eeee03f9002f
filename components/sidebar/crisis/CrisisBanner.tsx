import { useEffect, useId } from 'react';
import type { Platform } from '../../../lib/domain/types';
import { policyTemplateValues } from '../../../lib/policy/queries';
import type { Policy } from '../../../lib/policy/schema';
import { fillTemplate } from '../../../lib/replies/fill';
import { crisisBanner, phasesWithTemplates, statusTemplateFor } from '../../../lib/ui/crisis';
import { useSidebarStore } from '../../../lib/ui/sidebar-store';
import { useBackgroundQuery } from '../../../lib/ui/use-background-query';
import { useNow } from '../../../lib/ui/use-now';
import { useUiMemory } from '../../../lib/ui/use-ui-memory';
import { CopyButton } from '../../shared/CopyButton';
import { ContactCard } from '../guidance/ContactCard';
import { StatusUpdateTimer } from './StatusUpdateTimer';

const PHASE_LABELS = {
  investigating: 'Investigating',
  identified: 'Cause found',
  monitoring: 'Fix in place',
  resolved: 'Resolved',
} as const;

/**
 * The crisis banner: on when the policy's crisis mode is on, or when crisis mentions spike. Gives every
 * agent the same status update to post (by phase), when the next one is due, and the people to alert.
 */
export function CrisisBanner({ policy, platform }: { policy: Policy; platform: Platform | null }) {
  const headingId = useId();
  const now = useNow(60_000);
  const since = new Date(now - 60 * 60_000).toISOString();
  const { data: crisisTimes } = useBackgroundQuery('crisis-times', { since }, { keepPrevious: true });
  const phase = useSidebarStore((state) => state.crisisPhase);
  const setPhase = useSidebarStore((state) => state.setCrisisPhase);
  const banner = crisisBanner(policy, crisisTimes ?? [], now);
  const { memory, recordStatusUpdate, forgetStatusUpdate } = useUiMemory();
  // A new crisis must not count from the last one's update: an open sidebar forgets the time once the
  // crisis is over (mode switched off, spike gone), but only once the crisis mentions have arrived, since
  // until then a spike cannot be told over. If no sidebar was open as it ended, nextStatusUpdate ignores
  // the time once it is many hours old.
  const crisisOver = banner === null && crisisTimes !== undefined;
  const postedAt = memory?.crisisUpdatePostedAt ?? null;
  useEffect(() => {
    // A write that fails is left to the next sidebar that opens with the crisis over.
    if (crisisOver && postedAt !== null) void forgetStatusUpdate().catch(() => undefined);
  }, [crisisOver, postedAt, forgetStatusUpdate]);
  if (!banner) return null;
  const phases = phasesWithTemplates(policy);
  const current = phase ?? phases[0] ?? null;
  const template = current ? statusTemplateFor(policy, current, platform ?? undefined) : null;
  const text = template ? fillTemplate(template.text, policyTemplateValues(policy)).text : null;
  return (
    <section className="banner crisis crisis-banner" aria-labelledby={headingId} data-testid="crisis-banner">
      <h2 id={headingId} className="banner-title">
        {banner.reason === 'policy'
          ? 'Crisis mode is on'
          : `Crisis spike: ${banner.recentCount} crisis mentions in the last hour`}
      </h2>
      {banner.summary ? <p>{banner.summary}</p> : null}
      <p className="small">
        Post a status update every {banner.updateEveryMinutes} minutes, even without news
        {banner.statusPageUrl ? ` · status page: ${banner.statusPageUrl}` : ''}.
      </p>
      {phases.length > 0 && current ? (
        <fieldset className="plain-fieldset">
          <legend className="visually-hidden">Incident phase</legend>
          <div className="button-row">
            {phases.map((option) => (
              <button
                key={option}
                type="button"
                className={`button small${option === current ? ' primary' : ''}`}
                aria-pressed={option === current}
                onClick={() => setPhase(option)}
              >
                {PHASE_LABELS[option]}
              </button>
            ))}
          </div>
        </fieldset>
      ) : null}
      {text ? (
        <div className="script">
          <p className="script-text" data-testid="crisis-status-text">
            {text}
          </p>
          <CopyButton text={text} label="Copy status update" />
        </div>
      ) : null}
      <StatusUpdateTimer
        everyMinutes={banner.updateEveryMinutes}
        postedAt={memory ? memory.crisisUpdatePostedAt : undefined}
        onPosted={recordStatusUpdate}
      />
      {banner.contacts.length > 0 ? (
        <details>
          <summary>Alert: {banner.contacts.map((contact) => contact.name).join(', ')}</summary>
          {banner.contacts.map((contact) => (
            <ContactCard key={contact.id} contact={contact} />
          ))}
        </details>
      ) : null}
    </section>
  );
}
