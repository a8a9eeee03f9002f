import { type ReactNode, useId, useState } from 'react';
import type { Policy } from '../../lib/policy/schema';
import type { SlaFigures, SlaReport } from '../../lib/reports/sla-report';
import {
  BREAKDOWN_COLUMNS,
  breakdownCells,
  describePeriod,
  periodStamp,
  platformName,
  REPORT_PERIODS,
  type ReportPeriodId,
  reportCsv,
  reportPeriod,
  severityName,
  summaryRows,
} from '../../lib/ui/response-report';
import { useBackgroundQuery } from '../../lib/ui/use-background-query';
import { useNow } from '../../lib/ui/use-now';
import { EmptyState, ErrorState, Loading } from '../shared/States';
import { downloadChunks } from './file-io';

function BreakdownTable({
  caption,
  heading,
  rows,
  testId,
}: {
  caption: string;
  heading: string;
  rows: Array<{ key: string; name: ReactNode; figures: SlaFigures }>;
  testId: string;
}) {
  return (
    <div className="report-table-wrap">
      <table className="report-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            {BREAKDOWN_COLUMNS.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, name, figures }) => (
            <tr key={key}>
              <th scope="row">{name}</th>
              {breakdownCells(figures).map((cell, index) => (
                <td key={BREAKDOWN_COLUMNS[index]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReportTables({ report, policy, label }: { report: SlaReport; policy: Policy; label: string }) {
  const period = `${label} (${describePeriod(report)})`;
  if (report.total.opened === 0)
    return (
      <EmptyState title="No cases in this period">
        <span>
          A case counts in the period its customer first wrote in. Choose a longer period, or come back once
          Parley has recorded mentions of your brand.
        </span>
      </EmptyState>
    );
  if (report.total.needingReply === 0)
    return (
      <EmptyState title="Nothing in this period needed a reply">
        <span>
          {report.total.opened === 1 ? 'The one case' : `All ${report.total.opened} cases`} opened in this
          period {report.total.opened === 1 ? 'was' : 'were'} spam, which needs no reply.
        </span>
      </EmptyState>
    );
  return (
    <>
      <div className="report-table-wrap">
        <table className="report-table report-summary" data-testid="report-summary">
          <caption>Response report, {period}</caption>
          <tbody>
            {summaryRows(report.total).map(({ label: name, value }) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <BreakdownTable
        caption={`By platform, ${period}`}
        heading="Platform"
        testId="report-by-platform"
        rows={report.byPlatform.map(({ platform, figures }) => ({
          key: platform ?? 'unknown',
          name: platformName(platform),
          figures,
        }))}
      />
      <BreakdownTable
        caption={`By severity, ${period}`}
        heading="Severity"
        testId="report-by-severity"
        rows={report.bySeverity.map(({ severity, figures }) => ({
          key: String(severity),
          name: severityName(severity, policy),
          figures,
        }))}
      />
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() =>
            downloadChunks(
              [reportCsv(report, policy)],
              `parley-response-report-${periodStamp(report)}.csv`,
              'text/csv',
            )
          }
        >
          Download CSV
        </button>
      </div>
    </>
  );
}

/** How the agent did against the policy's first-response targets over a period. */
export function ReportSection({ policy }: { policy: Policy }) {
  const selectId = useId();
  const [periodId, setPeriodId] = useState<ReportPeriodId>('last-7-days');
  // By the minute: waits of unanswered cases move on while the page is open.
  const now = useNow(60_000);
  const period = reportPeriod(periodId, now);
  // Asked again each minute (the new `now`), which also brings in new cases and replies; not on every
  // database change too, since each run reads the whole period and content scripts change the database
  // with every batch of posts they report.
  const { data, error } = useBackgroundQuery(
    'sla-report',
    { ...period, now: new Date(now).toISOString(), sla: policy.sla },
    { keepPrevious: true, refetchOnDbChange: false },
  );
  // Kept while the next minute's answer loads, but never shown for a period other than the one chosen.
  const report = data && data.from === period.from && data.to === period.to ? data : undefined;
  const label = REPORT_PERIODS.find((option) => option.id === periodId)?.label ?? '';
  return (
    <section className="options-section" aria-labelledby="report-heading" id="report">
      <h2 id="report-heading">Response report</h2>
      <p className="muted">
        How quickly your cases got a first reply, against your team’s targets. A case counts in the period its
        customer first wrote in; its target is the policy’s first-response target for its severity on its
        platform. A case counts as answered from the moment its first reply was inserted into the site’s reply
        box, marked as sent, or seen posted on the page: Parley cannot see the site’s send button, so a reply
        inserted and never sent still counts. Spam needs no reply and is left out.
      </p>
      <div className="field narrow">
        <label htmlFor={selectId}>Period</label>
        <select
          id={selectId}
          className="select"
          value={periodId}
          onChange={(event) => setPeriodId(event.target.value as ReportPeriodId)}
        >
          {REPORT_PERIODS.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      {report ? (
        <ReportTables report={report} policy={policy} label={label} />
      ) : error ? (
        <ErrorState title="The report could not be made" message={error} />
      ) : (
        <Loading label="Reading cases…" />
      )}
    </section>
  );
}
