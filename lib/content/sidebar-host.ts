/**
 * Hosts the sidebar in the page as an extension-origin iframe inside a closed shadow root.
 * Why an iframe: the sidebar shows case history and policy, which must never enter the page's DOM
 * or origin; the page can see that an iframe exists but cannot read into it (cross-origin).
 * The closed shadow root keeps the site's CSS from restyling our frame and tab.
 */
import { OWN_NODE_ATTRIBUTE } from './page-scanner';

export type SidebarState = 'open' | 'collapsed' | 'closed';
export interface SidebarLayout {
  state: SidebarState;
  width: number;
}

const MIN_WIDTH = 300;
const MAX_WIDTH = 720;
export const DEFAULT_LAYOUT: SidebarLayout = { state: 'closed', width: 380 };

export function clampWidth(width: number, viewportWidth: number): number {
  const max = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, viewportWidth - 320));
  return Math.round(Math.min(max, Math.max(MIN_WIDTH, width)));
}

export class SidebarHost {
  private readonly host: HTMLElement;
  private readonly frame: HTMLIFrameElement;
  private readonly tab: HTMLButtonElement;
  private readonly handle: HTMLDivElement;
  private layout: SidebarLayout;

  constructor(
    private readonly sidebarUrl: string,
    initial: SidebarLayout,
    private readonly onLayoutChange: (layout: SidebarLayout) => void,
  ) {
    this.layout = { ...initial };
    this.host = document.createElement('parley-sidebar');
    this.host.setAttribute(OWN_NODE_ATTRIBUTE, '');
    const shadow = this.host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = `
      :host { all: initial; position: fixed; top: 0; right: 0; height: 100vh; z-index: 2147483646; display: block; }
      .frame { border: 0; height: 100%; width: 100%; display: block; background: Canvas; color-scheme: light dark;
        box-shadow: -2px 0 12px rgba(0,0,0,.18); border-left: 1px solid rgba(127,127,127,.35); }
      .tab { all: initial; position: absolute; top: 40%; left: -28px; width: 28px; height: 72px; cursor: pointer;
        background: #1c7ed6; color: #fff; border-radius: 8px 0 0 8px; font: 700 13px/1 system-ui, sans-serif;
        writing-mode: vertical-rl; text-align: center; box-shadow: -2px 2px 8px rgba(0,0,0,.2); }
      .tab:focus-visible { outline: 3px solid #ffd43b; }
      .handle { position: absolute; left: -3px; top: 0; width: 6px; height: 100%; cursor: ew-resize; }
    `;
    this.frame = document.createElement('iframe');
    this.frame.className = 'frame';
    this.frame.title = 'Parley sidebar';
    this.frame.setAttribute('allow', 'clipboard-write');
    this.tab = document.createElement('button');
    this.tab.className = 'tab';
    this.tab.type = 'button';
    this.tab.textContent = 'Parley';
    this.tab.addEventListener('click', (event) => {
      if (event.isTrusted) this.setState(this.layout.state === 'open' ? 'collapsed' : 'open');
    });
    this.handle = document.createElement('div');
    this.handle.className = 'handle';
    this.handle.addEventListener('pointerdown', (event) => this.startResize(event));
    shadow.append(style, this.handle, this.tab, this.frame);
    this.apply();
  }

  get state(): SidebarState {
    return this.layout.state;
  }

  setState(state: SidebarState | 'toggle'): void {
    const next = state === 'toggle' ? (this.layout.state === 'open' ? 'collapsed' : 'open') : state;
    if (next === this.layout.state) return;
    this.layout = { ...this.layout, state: next };
    this.apply();
    this.onLayoutChange(this.layout);
  }

  /** The area the sidebar covers now (used to avoid covering the site's reply box). */
  coveredRect(): DOMRect | null {
    return this.layout.state === 'open' ? this.host.getBoundingClientRect() : null;
  }

  private apply(): void {
    const { state } = this.layout;
    if (state === 'closed') {
      this.host.remove();
      return;
    }
    if (!this.host.isConnected) document.documentElement.append(this.host);
    // Load the frame only when first shown: closed sidebars cost the page nothing.
    if (state === 'open' && !this.frame.src) this.frame.src = this.sidebarUrl;
    const width = clampWidth(this.layout.width, window.innerWidth);
    this.host.style.width = state === 'open' ? `${width}px` : '0px';
    this.frame.style.visibility = state === 'open' ? 'visible' : 'hidden';
    this.handle.style.display = state === 'open' ? 'block' : 'none';
    this.tab.setAttribute('aria-expanded', String(state === 'open'));
    this.tab.setAttribute(
      'aria-label',
      state === 'open' ? 'Collapse Parley sidebar' : 'Expand Parley sidebar',
    );
  }

  private startResize(event: PointerEvent): void {
    if (!event.isTrusted) return;
    event.preventDefault();
    const startX = event.clientX;
    const startWidth = this.layout.width;
    this.frame.style.pointerEvents = 'none';
    const move = (moveEvent: PointerEvent) => {
      this.layout = {
        ...this.layout,
        width: clampWidth(startWidth + (startX - moveEvent.clientX), window.innerWidth),
      };
      this.apply();
    };
    const up = () => {
      window.removeEventListener('pointermove', move, true);
      window.removeEventListener('pointerup', up, true);
      this.frame.style.pointerEvents = '';
      this.onLayoutChange(this.layout);
    };
    window.addEventListener('pointermove', move, true);
    window.addEventListener('pointerup', up, true);
  }
}
