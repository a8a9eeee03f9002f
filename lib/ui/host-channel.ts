import { useEffect, useState } from 'react';
import type { FrameToHost, HostToFrame } from '../content/sidebar-host';

/**
 * The sidebar frame's end of the private channel to the content script that hosts it (see the header of
 * lib/content/sidebar-host.ts). A port is accepted only with the token the host put in this frame's URL.
 * Outside a site page (the sidebar opened as a tab, tests) there is no host and sends are dropped.
 */

const HOST_PORT_MESSAGE = 'parley:host-port';

export function hostTokenFrom(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('host');
  return token && /^[0-9a-f-]{36}$/i.test(token) ? token : null;
}

type Listener = (message: HostToFrame) => void;

class HostChannel {
  private port: MessagePort | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly token = hostTokenFrom(location.hash);
  /** Replayed to late subscribers: the host reports the theme once, right after connecting. */
  private lastTheme: HostToFrame | null = null;

  constructor() {
    if (this.token === null || window.parent === window) return;
    window.addEventListener('message', (event) => this.accept(event));
  }

  private accept(event: MessageEvent): void {
    const data = event.data as { type?: unknown; token?: unknown } | null;
    const port = event.ports[0];
    if (event.source !== window.parent || !port || data?.type !== HOST_PORT_MESSAGE) return;
    if (data.token !== this.token) return;
    this.port?.close();
    this.port = port;
    port.onmessage = (message: MessageEvent) => {
      const payload = message.data as Partial<HostToFrame> | null;
      if (payload?.type === 'site-theme' && (payload.scheme === 'light' || payload.scheme === 'dark')) {
        this.lastTheme = { type: 'site-theme', scheme: payload.scheme };
        for (const listener of this.listeners) listener(this.lastTheme);
      }
    };
  }

  send(message: FrameToHost): void {
    this.port?.postMessage(message);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.lastTheme) listener(this.lastTheme);
    return () => this.listeners.delete(listener);
  }
}

let channel: HostChannel | null = null;

function hostChannel(): HostChannel {
  channel ??= new HostChannel();
  return channel;
}

/** Starts listening for the host's port; call once at start-up, before the frame finishes loading. */
export function connectHostChannel(): void {
  hostChannel();
}

/** Asks the page to scroll to a mention (no-op when the sidebar is not hosted in a page). */
export function focusMentionOnPage(postKey: string): void {
  hostChannel().send({ type: 'focus-mention', postKey });
}

/** Asks the host to move keyboard focus into the sidebar (after the agent opened a mention from the page). */
export function focusSidebarFrame(): void {
  hostChannel().send({ type: 'focus-frame' });
}

/** The site's colour scheme as its host reports it; null until it does (or outside a page). */
export function useSiteColorScheme(): 'light' | 'dark' | null {
  const [scheme, setScheme] = useState<'light' | 'dark' | null>(null);
  useEffect(
    () =>
      hostChannel().subscribe((message) => {
        if (message.type === 'site-theme') setScheme(message.scheme);
      }),
    [],
  );
  return scheme;
}
