import { useEffect, useId } from 'react';
import type { Platform } from '../../../lib/domain/types';
import { policyTemplateValues } from '../../../lib/policy/queries';
import type { Policy } from '../../../lib/policy/schema';
import { fillTemplate } from '../../../lib/replies/fill';
import {
  crisisBanner,
  crisisMemoryChange,
  crisisQuietMinutes,
  phasesWithTemplates,
  statusTemplateFor,
} from '../../../lib/ui/crisis';
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
  const { memory, recordStatusUpdate, trackCrisis } = useUiMemory();
  // A new crisis must not count from the last one's update, but a spike blinks off and on as single
  // crisis mentions leave and enter the hour: the record is forgotten only once the crisis has been over
  // for a while (crisisMemoryChange). A spike counts as over only once the crisis mentions have arrived;
  // until then it cannot be told over. If no sidebar was open as it ended, nextStatusUpdate ignores the
  // record once it is many hours old.
  const crisis = banner !== null ? 'shown' : crisisTimes !== undefined ? 'over' : null;
  const quietMinutes = crisisQuietMinutes(policy.crisis.updateEveryMinutes);
  const changes =
    memory !== undefined && crisis !== null && crisisMemoryChange(memory, crisis, now, quietMinutes) !== null;
  useEffect(() => {
    // A write that fails is left to the next render that finds the memory out of date.
    if (changes && crisis !== null) void trackCrisis(crisis, now, quietMinutes).catch(() => undefined);
  }, [changes, crisis, now, quietMinutes, trackCrisis]);
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
