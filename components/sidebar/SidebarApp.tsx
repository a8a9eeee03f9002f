import { useCallback, useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import type { Policy } from '../../lib/policy/schema';
import { focusMentionOnPage, focusSidebarFrame, useSiteColorScheme } from '../../lib/ui/host-channel';
import { prefetchMention } from '../../lib/ui/query-cache';
import { rankQueue } from '../../lib/ui/queue-order';
import { sendFromPage } from '../../lib/ui/send';
import { useSidebarStore } from '../../lib/ui/sidebar-store';
import { platformForHost } from '../../lib/ui/site';
import { useBackgroundQuery } from '../../lib/ui/use-background-query';
import { useActivePolicy, usePolicyStatus, useSettings } from '../../lib/ui/use-extension-storage';
import { useNow } from '../../lib/ui/use-now';
import { usePageState } from '../../lib/ui/use-page-state';
import { useThemeAttribute } from '../../lib/ui/use-theme';
import { PolicyNotices } from '../shared/PolicyNotices';
import { ErrorState, Loading } from '../shared/States';
import { CrisisBanner } from './crisis/CrisisBanner';
import { MentionView } from './mention/MentionView';
import { QueueView } from './queue/QueueView';
import { useSidebarKeys } from './useSidebarKeys';
import './sidebar.css';
import { useAnnouncement } from './focus-after-action';

/**
 * The agent's workspace beside the post. Data comes from the background (named queries that re-run when
 * the database changes); UI state lives in a Zustand store. The queue stays mounted behind the mention
 * view so going back restores the row and its focus.
 */
export function SidebarApp() {
  const record = useActivePolicy();
  const status = usePolicyStatus();
  const settings = useSettings();
  useThemeAttribute(settings?.theme, useSiteColorScheme());

  const view = useSidebarStore((state) => state.view);
  const openKey = useSidebarStore((state) => state.openKey);
  const activeKey = useSidebarStore((state) => state.activeKey);
  const [focusRequest, setFocusRequest] = useState(0);

  // Whenever a mention opens (a marker on the page, the queue, j/k), its detail and history are asked
  // for at once, before React renders the mention view that shows them.
  useEffect(
    () =>
      useSidebarStore.subscribe((state, previous) => {
        if (state.openKey && state.openSeq !== previous.openSeq) prefetchMention(state.openKey);
      }),
    [],
  );

  const orderRef = useMemo(() => ({ current: [] as string[], onPage: new Set<string>() }), []);
  const page = usePageState({
    onShowMention: (postKey) => {
      // The agent asked for this mention from the page: keyboard focus follows it into the sidebar.
      useSidebarStore.getState().openMention(postKey);
      focusSidebarFrame();
    },
    onQueueStep: (step) => {
      const next = useSidebarStore.getState().step(orderRef.current, step, { open: true });
      if (next && orderRef.onPage.has(next)) focusMentionOnPage(next);
    },
  });
  const queue = useBackgroundQuery(
    'queue',
    { pageKeys: page?.postKeys ?? [] },
    { keepPrevious: true, skip: page?.refused !== undefined },
  );
  const now = useNow(30_000);
  const policy = record?.policy;

  const ranked = useMemo(() => {
    if (!policy || !queue.data) return { page: [], elsewhere: [] };
    return {
      page: rankQueue(
        queue.data.page.map((row) => ({ ...row, onPage: true })),
        policy,
        now,
      ),
      elsewhere: rankQueue(
        queue.data.elsewhere.map((row) => ({ ...row, onPage: false })),
        policy,
        now,
      ),
    };
  }, [policy, queue.data, now]);
  const order = useMemo(() => [...ranked.page, ...ranked.elsewhere].map((item) => item.mention.id), [ranked]);
  orderRef.current = order;
  orderRef.onPage = new Set(ranked.page.map((item) => item.mention.id));

  const open = useCallback(
    (postKey: string) => {
      useSidebarStore.getState().openMention(postKey);
      if (orderRef.onPage.has(postKey)) focusMentionOnPage(postKey);
    },
    [orderRef],
  );
  const back = useCallback(() => {
    useSidebarStore.getState().backToQueue();
    setFocusRequest((count) => count + 1);
  }, []);
  const step = useCallback(
    (direction: 1 | -1) => {
      const state = useSidebarStore.getState();
      const next = state.step(orderRef.current, direction);
      if (!next) return;
      if (state.view === 'mention' && orderRef.onPage.has(next)) focusMentionOnPage(next);
      if (state.view === 'queue') setFocusRequest((count) => count + 1);
    },
    [orderRef],
  );
  const activate = useCallback((postKey: string) => {
    useSidebarStore.getState().setActive(postKey);
    setFocusRequest((count) => count + 1);
  }, []);
  useSidebarKeys({ view, activeKey, order, open, activate, back, step });

  const collapse = () =>
    void sendFromPage('sidebar:set-layout', { state: 'collapsed' }).catch(() => undefined);
  const openOptions = () => void browser.runtime.openOptionsPage();
  const host = page?.url ? safeHost(page.url) : null;
  const platform = host && settings ? platformForHost(host, settings) : null;

  // A frame the background does not know (the page framed the sidebar itself) shows nothing of the
  // policy or the queue, though as an extension page it could read them.
  if (page?.refused !== undefined)
    return (
      <div className="sidebar" data-view={view}>
        <main className="sidebar-main" aria-label="Parley workspace">
          <ErrorState title="Parley cannot show anything here." message={page.refused} />
        </main>
      </div>
    );

  return (
    <div className="sidebar" data-view={view}>
      <header className="sidebar-header">
        <div className="brand-mark" aria-hidden="true">
          P
        </div>
        <div className="sidebar-title">
          <h1>Parley</h1>
          <span className="muted small">
            {policy ? `${policy.brand.name} · policy v${policy.version}` : 'Loading policy…'}
          </span>
        </div>
        <button
          type="button"
          className="button small quiet"
          onClick={collapse}
          // The name holds the word on the button, so speech input ("click Hide") finds it.
          aria-label="Hide the sidebar"
          aria-keyshortcuts="Alt+Shift+P"
        >
          Hide
        </button>
      </header>
      <main className="sidebar-main" aria-label="Parley workspace">
        <div className="notices">
          <PolicyNotices record={record} status={status} onOpenOptions={openOptions} />
          {policy ? <CrisisBanner policy={policy} platform={platform} /> : null}
        </div>
        {!policy || !page ? (
          <Loading />
        ) : queue.error && !queue.data ? (
          <ErrorState title="Parley’s background is not answering." message={queue.error}>
            <button type="button" className="button small" onClick={() => location.reload()}>
              Try again
            </button>
          </ErrorState>
        ) : !queue.data ? (
          <Loading label="Loading the queue…" />
        ) : (
          <Workspace
            policy={policy}
            view={view}
            openKey={openKey}
            activeKey={activeKey}
            ranked={ranked}
            order={order}
            focusRequest={focusRequest}
            settings={settings}
            onOpen={open}
            onBack={back}
            onStep={step}
          />
        )}
      </main>
      <SidebarAnnouncer />
    </div>
  );
}

/** One polite live region that outlives the controls whose results it reads out. */
function SidebarAnnouncer() {
  const text = useAnnouncement((state) => state.text);
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="sidebar-announcer">
      {text}
    </p>
  );
}

function Workspace({
  policy,
  view,
  openKey,
  activeKey,
  ranked,
  order,
  focusRequest,
  settings,
  onOpen,
  onBack,
  onStep,
}: {
  policy: Policy;
  view: 'queue' | 'mention';
  openKey: string | null;
  activeKey: string | null;
  ranked: { page: ReturnType<typeof rankQueue>; elsewhere: ReturnType<typeof rankQueue> };
  order: string[];
  focusRequest: number;
  settings: ReturnType<typeof useSettings>;
  onOpen: (postKey: string) => void;
  onBack: () => void;
  onStep: (step: 1 | -1) => void;
}) {
  const index = openKey ? order.indexOf(openKey) : -1;
  const onPage = openKey ? ranked.page.some((item) => item.mention.id === openKey) : false;
  const praiseKeys = ranked.page
    .filter((item) => item.mention.category === 'praise')
    .map((item) => item.mention.id);
  return (
    <>
      <QueueView
        hidden={view !== 'queue'}
        brandName={policy.brand.name}
        policy={policy}
        page={ranked.page}
        elsewhere={ranked.elsewhere}
        activeKey={activeKey}
        openKey={openKey}
        focusRequest={focusRequest}
        onOpen={onOpen}
        onActivate={(postKey) => useSidebarStore.getState().setActive(postKey)}
      />
      {view === 'mention' && openKey ? (
        // One MentionView per mention: what the agent typed for one (the thanks, the invitation, a
        // note) must not carry over to the next. Reply drafts are saved per post and reload on mount.
        <MentionView
          key={openKey}
          postKey={openKey}
          policy={policy}
          settings={settings}
          onPage={onPage}
          position={index === -1 ? null : { index, total: order.length }}
          praiseKeys={praiseKeys}
          onBack={onBack}
          onStep={onStep}
        />
      ) : null}
    </>
  );
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}
