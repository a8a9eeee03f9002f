import type { Severity } from '../../lib/domain/types';

/** "S3 High": the level and, when the policy names it, the rating's name. */
export function SeverityBadge({ severity, name }: { severity: Severity; name?: string }) {
  return (
    <span className={`severity severity-${severity}`} title={`Severity ${severity} of 4`}>
      S{severity}
      {name ? ` ${name}` : ''}
    </span>
  );
}
