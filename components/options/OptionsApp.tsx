import { useActivePolicy, usePolicyStatus, useSettings } from '../../lib/ui/use-extension-storage';
import { useThemeAttribute } from '../../lib/ui/use-theme';
import { PolicyNotices } from '../shared/PolicyNotices';
import { Loading } from '../shared/States';
import { AgentSection } from './AgentSection';
import { AppearanceSection } from './AppearanceSection';
import { DataSection } from './DataSection';
import { PolicySection } from './PolicySection';
import { ReportSection } from './ReportSection';
import { SitesSection } from './SitesSection';
import './options.css';

const SECTIONS = [
  ['agent', 'You'],
  ['policy', 'Brand policy'],
  ['sites', 'Sites'],
  ['report', 'Response report'],
  ['data', 'Data'],
  ['appearance', 'Appearance'],
] as const;

/**
 * The options page: the agent, the team's policy, where Parley runs, how the agent did against the
 * policy's response targets, and the agent's data.
 */
export function OptionsApp() {
  const settings = useSettings();
  const record = useActivePolicy();
  const status = usePolicyStatus();
  useThemeAttribute(settings?.theme, null);
  return (
    <div className="options">
      <header className="options-header">
        <div className="brand-mark" aria-hidden="true">
          P
        </div>
        <h1>Parley options</h1>
      </header>
      <nav className="options-nav" aria-label="Sections">
        <ul>
          {SECTIONS.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="options-main">
        <PolicyNotices record={record} status={status} />
        {!settings || !record ? (
          <Loading />
        ) : (
          <>
            <AgentSection settings={settings} />
            <PolicySection settings={settings} record={record} status={status} />
            <SitesSection settings={settings} />
            <ReportSection policy={record.policy} />
            <DataSection />
            <AppearanceSection settings={settings} />
          </>
        )}
      </main>
    </div>
  );
}
