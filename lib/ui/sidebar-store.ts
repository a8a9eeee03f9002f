import { create } from 'zustand';
import type { CrisisPhase } from './crisis';
import { stepKey } from './queue-order';

/**
 * The sidebar's UI state (not data: data comes from background queries). Which view is showing, which
 * queue row is active (keyboard focus follows it) and which mention is open.
 */

export type SidebarView = 'queue' | 'mention';

export interface SidebarUiState {
  view: SidebarView;
  /** The mention shown in the mention view. */
  openKey: string | null;
  /** The highlighted queue row; stays on the last opened mention when going back. */
  activeKey: string | null;
  crisisPhase: CrisisPhase | null;
  /** Counts openings, so re-opening the same mention still moves focus to it. */
  openSeq: number;
  openMention(postKey: string): void;
  backToQueue(): void;
  setActive(postKey: string | null): void;
  /** Moves through `order` from the open (or active) mention; opens it when a mention is showing. */
  step(order: readonly string[], step: 1 | -1, options?: { open?: boolean }): string | null;
  setCrisisPhase(phase: CrisisPhase): void;
}

export function createSidebarStore() {
  return create<SidebarUiState>()((set, get) => ({
    view: 'queue',
    openKey: null,
    activeKey: null,
    crisisPhase: null,
    openSeq: 0,
    openMention: (postKey) =>
      set((state) => ({ view: 'mention', openKey: postKey, activeKey: postKey, openSeq: state.openSeq + 1 })),
    backToQueue: () => set((state) => ({ view: 'queue', activeKey: state.openKey ?? state.activeKey })),
    setActive: (postKey) => set({ activeKey: postKey }),
    step: (order, step, options = {}) => {
      const state = get();
      const from = state.view === 'mention' ? state.openKey : state.activeKey;
      const next = stepKey(order, from, step);
      if (next === null) return null;
      if (options.open ?? state.view === 'mention')
        set({ view: 'mention', openKey: next, activeKey: next, openSeq: state.openSeq + 1 });
      else set({ activeKey: next });
      return next;
    },
    setCrisisPhase: (phase) => set({ crisisPhase: phase }),
  }));
}

export const useSidebarStore = createSidebarStore();
