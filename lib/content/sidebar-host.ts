/**
 * Hosts the sidebar in the page as an extension-origin iframe inside a closed shadow root.
 * Why an iframe: the sidebar shows case history and policy, which must never enter the page's DOM
 * or origin; the page can see that an iframe exists but cannot read into it (cross-origin).
 * The closed shadow root keeps the site's CSS from restyling our frame and tab.
 *
 * The host and the frame talk over a private MessageChannel: after each load the host posts one end
 * into the frame (only that frame's window receives it, never the page) together with a random token
 * that the host put in the frame's URL, which the page cannot read; the frame accepts only a port that
 * comes with its token. The channel carries only page-level facts (the site's colour scheme, which post
 * to scroll to), never case data, so even a forged port would learn nothing the page does not know.
 */

import { POST_ID_ATTRIBUTE } from './markers';
import { OWN_NODE_ATTRIBUTE } from './own-nodes';

export type SidebarState = 'open' | 'collapsed' | 'closed';
export interface SidebarLayout {
  state: SidebarState;
  width: number;
}

const MIN_WIDTH = 300;
const MAX_WIDTH = 720;
const KEYBOARD_RESIZE_STEP = 24;
export const DEFAULT_LAYOUT: SidebarLayout = { state: 'closed', width: 380 };

/** Messages on the private host ↔ frame channel (see lib/ui/host-channel.ts for the frame's side). */
export const HOST_PORT_MESSAGE = 'parley:host-port';
export type HostToFrame = { type: 'site-theme'; scheme: 'light' | 'dark' };
export type FrameToHost = { type: 'focus-mention'; postKey: string } | { type: 'focus-frame' };

export interface SidebarHostOptions {
  /** Scrolls the page to a mention the agent moved to in the sidebar; returns false when it is not here. */
  focusMention?: (postKey: string) => boolean;
  /**
   * The frame's token (a random UUID). The content script registers it with the background first:
   * the background answers a sidebar frame only when it presents a token registered for its tab, so a
   * copy of sidebar.html framed by the page itself gets nothing.
   */
  frameToken?: string;
}

/** The page's own colour scheme, from its background (sites switch themes by repainting, not by media query). */
export function siteColorScheme(): 'light' | 'dark' {
  for (const element of [document.body, document.documentElement]) {
    if (!element) continue;
    const rgb =
      getComputedStyle(element)
        .backgroundColor.match(/[\d.]+/g)
        ?.map(Number) ?? [];
    const [red = 255, green = 255, blue = 255, alpha = 1] = rgb;
    if (rgb.length < 3 || alpha === 0) continue;
    const luminance = (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255;
    return luminance < 0.5 ? 'dark' : 'light';
  }
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Fallback scroll by the marker attribute (light DOM only) when the host has no content app to ask. */
export function scrollToMarkedPost(postKey: string): boolean {
  const postId = postKey.slice(postKey.indexOf(':') + 1);
  for (const element of document.querySelectorAll(`[${POST_ID_ATTRIBUTE}]`)) {
    if (element.getAttribute(POST_ID_ATTRIBUTE) === postId) {
      element.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return true;
    }
  }
  return false;
}

export function clampWidth(width: number, viewportWidth: number): number {
  const max = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, viewportWidth - 320));
  return Math.round(Math.min(max, Math.max(MIN_WIDTH, width)));
}

export class SidebarHost {
  private readonly host: HTMLElement;
  private readonly frame: HTMLIFrameElement;
  private readonly tab: HTMLButtonElement;
  private readonly handle: HTMLDivElement;
  private readonly token: string;
  private port: MessagePort | null = null;
  /** Where keyboard focus was in the page before it moved into the sidebar (given back on collapse). */
  private returnFocus: HTMLElement | null = null;
  private layout: SidebarLayout;
  private resizing = false;

  constructor(
    private readonly sidebarUrl: string,
    initial: SidebarLayout,
    private readonly onLayoutChange: (layout: SidebarLayout) => void,
    private readonly options: SidebarHostOptions = {},
  ) {
    this.layout = { ...initial };
    this.token = options.frameToken ?? crypto.randomUUID();
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
      .handle { position: absolute; left: -3px; top: 0; width: 6px; height: 100%; cursor: ew-resize; z-index: 1; }
      .handle:focus-visible { outline: none; background: #ffd43b; }
    `;
    this.frame = document.createElement('iframe');
    this.frame.className = 'frame';
    this.frame.title = 'Parley sidebar';
    this.frame.setAttribute('allow', 'clipboard-write');
    this.frame.addEventListener('load', () => this.connectFrame());
    this.tab = document.createElement('button');
    this.tab.className = 'tab';
    this.tab.type = 'button';
    this.tab.textContent = 'Parley';
    this.tab.addEventListener('click', (event) => {
      if (event.isTrusted) this.setState(this.layout.state === 'open' ? 'collapsed' : 'open');
    });
    this.handle = document.createElement('div');
    this.handle.className = 'handle';
    this.handle.tabIndex = 0;
    this.handle.setAttribute('role', 'separator');
    this.handle.setAttribute('aria-orientation', 'vertical');
    this.handle.setAttribute('aria-label', 'Resize Parley sidebar');
    this.handle.setAttribute('aria-valuemin', String(MIN_WIDTH));
    this.handle.setAttribute('aria-valuemax', String(MAX_WIDTH));
    this.handle.addEventListener('pointerdown', (event) => this.startResize(event));
    this.handle.addEventListener('keydown', (event) => this.resizeByKey(event));
    shadow.append(style, this.handle, this.tab, this.frame);
    this.apply();
  }

  get state(): SidebarState {
    return this.layout.state;
  }

  setState(state: SidebarState | 'toggle'): void {
    const next = state === 'toggle' ? (this.layout.state === 'open' ? 'collapsed' : 'open') : state;
    if (next === this.layout.state) return;
    const hadFocus = this.hasFocus();
    this.layout = { ...this.layout, state: next };
    this.apply();
    // Keyboard users follow the sidebar in and out: opening moves focus into it, closing gives it back.
    if (next === 'open') this.focusFrame();
    else if (hadFocus) this.restoreFocus();
    this.onLayoutChange(this.layout);
  }

  /** Moves keyboard focus into the sidebar, remembering where it was in the page. */
  focusFrame(): void {
    if (this.layout.state !== 'open') return;
    if (!this.hasFocus()) {
      const active = document.activeElement;
      this.returnFocus = active instanceof HTMLElement && active !== document.body ? active : null;
    }
    this.frame.focus();
  }

  private hasFocus(): boolean {
    return document.activeElement === this.host;
  }

  private restoreFocus(): void {
    const target = this.returnFocus?.isConnected ? this.returnFocus : null;
    this.returnFocus = null;
    if (target) target.focus({ preventScroll: true });
    else if (this.layout.state === 'collapsed') this.tab.focus();
    else (document.activeElement as HTMLElement | null)?.blur();
  }

  private apply(): void {
    const { state } = this.layout;
    if (state === 'closed') {
      this.host.remove();
      return;
    }
    // Load the frame only when first shown: closed sidebars cost the page nothing. The source is set
    // before the frame is attached so it never loads about:blank (which would inherit the page's origin).
    if (state === 'open' && !this.frame.src) this.frame.src = `${this.sidebarUrl}#host=${this.token}`;
    if (!this.host.isConnected) document.documentElement.append(this.host);
    const width = clampWidth(this.layout.width, window.innerWidth);
    this.handle.setAttribute('aria-valuenow', String(width));
    this.host.style.width = state === 'open' ? `${width}px` : '0px';
    this.frame.style.visibility = state === 'open' ? 'visible' : 'hidden';
    this.handle.style.display = state === 'open' ? 'block' : 'none';
    this.tab.setAttribute('aria-expanded', String(state === 'open'));
    this.tab.setAttribute(
      'aria-label',
      state === 'open' ? 'Collapse Parley sidebar' : 'Expand Parley sidebar',
    );
  }

  /** Hands the freshly loaded frame its end of the private channel (see the header). */
  private connectFrame(): void {
    const target = this.frame.contentWindow;
    if (!target || !this.frame.src) return;
    this.port?.close();
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.port.onmessage = (event: MessageEvent) => this.onFrameMessage(event.data);
    // targetOrigin: delivered only if the frame still shows our own page.
    target.postMessage({ type: HOST_PORT_MESSAGE, token: this.token }, new URL(this.sidebarUrl).origin, [
      channel.port2,
    ]);
    this.post({ type: 'site-theme', scheme: siteColorScheme() });
  }

  private post(message: HostToFrame): void {
    this.port?.postMessage(message);
  }

  private onFrameMessage(data: unknown): void {
    if (typeof data !== 'object' || data === null) return;
    const message = data as { type?: unknown; postKey?: unknown };
    // The agent opened a mention from the page while the sidebar was already open: focus follows it.
    if (message.type === 'focus-frame') {
      this.focusFrame();
      return;
    }
    if (
      message.type === 'focus-mention' &&
      typeof message.postKey === 'string' &&
      message.postKey.length < 600
    ) {
      const focus = this.options.focusMention ?? scrollToMarkedPost;
      focus(message.postKey);
    }
  }

  private resizeByKey(event: KeyboardEvent): void {
    if (!event.isTrusted) return;
    const deltas: Record<string, number> = {
      ArrowLeft: KEYBOARD_RESIZE_STEP,
      ArrowRight: -KEYBOARD_RESIZE_STEP,
      Home: MAX_WIDTH,
      End: -MAX_WIDTH,
    };
    const delta = deltas[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    this.layout = { ...this.layout, width: clampWidth(this.layout.width + delta, window.innerWidth) };
    this.apply();
    this.onLayoutChange(this.layout);
  }

  private startResize(event: PointerEvent): void {
    // Synthetic events are the page's, not the agent's; a second pointer must not start a rival drag.
    if (!event.isTrusted || this.resizing) return;
    event.preventDefault();
    this.resizing = true;
    const { pointerId } = event;
    const startX = event.clientX;
    const startWidth = this.layout.width;
    this.frame.style.pointerEvents = 'none';
    const isDragPointer = (pointerEvent: PointerEvent) =>
      pointerEvent.isTrusted && pointerEvent.pointerId === pointerId;
    const move = (moveEvent: PointerEvent) => {
      if (!isDragPointer(moveEvent)) return;
      this.layout = {
        ...this.layout,
        width: clampWidth(startWidth + (startX - moveEvent.clientX), window.innerWidth),
      };
      this.apply();
    };
    const end = () => {
      window.removeEventListener('pointermove', move, true);
      window.removeEventListener('pointerup', release, true);
      window.removeEventListener('pointercancel', release, true);
      window.removeEventListener('blur', leave);
      this.resizing = false;
      this.frame.style.pointerEvents = '';
      this.onLayoutChange(this.layout);
    };
    const release = (releaseEvent: PointerEvent) => {
      if (isDragPointer(releaseEvent)) end();
    };
    // A cancelled pointer or a window left mid-drag (alt-tab) never sends pointerup: without these
    // the listeners would stay and the frame would stay unclickable.
    const leave = (blurEvent: FocusEvent) => {
      if (blurEvent.isTrusted) end();
    };
    window.addEventListener('pointermove', move, true);
    window.addEventListener('pointerup', release, true);
    window.addEventListener('pointercancel', release, true);
    // Not capture: only the window's own blur, not every element in the page losing focus.
    window.addEventListener('blur', leave);
  }
}
