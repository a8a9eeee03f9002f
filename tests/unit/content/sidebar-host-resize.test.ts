// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SidebarHost, type SidebarLayout } from '../../../lib/content/sidebar-host';

const DRAG_TYPES = ['pointermove', 'pointerup', 'pointercancel', 'blur'];

/** Events the page dispatches are never trusted; these stand in for the browser's own. */
function trusted<T extends Event>(event: T): T {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

function pointer(type: string, clientX: number, pointerId = 1): PointerEvent {
  return new PointerEvent(type, { clientX, pointerId, bubbles: true, cancelable: true });
}

let host: HTMLElement;
let shadow: ShadowRoot;
let layouts: SidebarLayout[];
let windowListeners: Set<EventListenerOrEventListenerObject>[];

function mount(): { host: HTMLElement; frame: HTMLIFrameElement; handle: HTMLElement } {
  const attachShadow = HTMLElement.prototype.attachShadow;
  // The sidebar's shadow root is closed; keep a reference to it as the host creates it.
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (
    this: HTMLElement,
    init: ShadowRootInit,
  ) {
    host = this;
    shadow = attachShadow.call(this, init);
    return shadow;
  });
  new SidebarHost('https://extension.invalid/sidebar.html', { state: 'open', width: 380 }, (layout) =>
    layouts.push(layout),
  );
  const frame = shadow.querySelector('iframe') as HTMLIFrameElement;
  const handle = shadow.querySelector('.handle') as HTMLElement;
  return { host, frame, handle };
}

/** Drag listeners still attached to window. */
function dragListeners(): number {
  return windowListeners.reduce((sum, listeners) => sum + listeners.size, 0);
}

beforeEach(() => {
  layouts = [];
  windowListeners = DRAG_TYPES.map(() => new Set());
  const listenersFor = (type: string) => windowListeners[DRAG_TYPES.indexOf(type)];
  const add = window.addEventListener.bind(window);
  const remove = window.removeEventListener.bind(window);
  vi.spyOn(window, 'addEventListener').mockImplementation((type, listener, options) => {
    if (listener) listenersFor(type)?.add(listener);
    add(type, listener, options);
  });
  vi.spyOn(window, 'removeEventListener').mockImplementation((type, listener, options) => {
    if (listener) listenersFor(type)?.delete(listener);
    remove(type, listener, options);
  });
});

afterEach(() => {
  // End any drag a test left on, so its window listeners cannot reach the next test's sidebar.
  for (const pointerId of [1, 2]) window.dispatchEvent(trusted(pointer('pointerup', 0, pointerId)));
  vi.restoreAllMocks();
  for (const sidebar of document.querySelectorAll('parley-sidebar')) sidebar.remove();
});

describe('SidebarHost resize by drag', () => {
  it('resizes with the dragging pointer and ends on its pointerup', () => {
    const { host, frame, handle } = mount();
    handle.dispatchEvent(trusted(pointer('pointerdown', 600)));
    expect(frame.style.pointerEvents).toBe('none');
    window.dispatchEvent(trusted(pointer('pointermove', 500)));
    expect(host.style.width).toBe('480px');
    window.dispatchEvent(trusted(pointer('pointerup', 500)));
    expect(frame.style.pointerEvents).toBe('');
    expect(layouts.at(-1)?.width).toBe(480);
    expect(dragListeners()).toBe(0);
    window.dispatchEvent(trusted(pointer('pointermove', 400)));
    expect(host.style.width).toBe('480px');
  });

  it('ignores a pointerdown the page dispatched', () => {
    const { frame, handle } = mount();
    handle.dispatchEvent(pointer('pointerdown', 600));
    expect(frame.style.pointerEvents).toBe('');
    expect(dragListeners()).toBe(0);
  });

  it('ends the drag when the browser cancels the pointer', () => {
    const { host, frame, handle } = mount();
    handle.dispatchEvent(trusted(pointer('pointerdown', 600)));
    window.dispatchEvent(trusted(pointer('pointermove', 550)));
    window.dispatchEvent(trusted(pointer('pointercancel', 550)));
    expect(frame.style.pointerEvents).toBe('');
    expect(dragListeners()).toBe(0);
    expect(layouts.at(-1)?.width).toBe(430);
    window.dispatchEvent(trusted(pointer('pointermove', 300)));
    expect(host.style.width).toBe('430px');
  });

  it('ends the drag when the window loses focus mid-drag', () => {
    const { frame, handle } = mount();
    handle.dispatchEvent(trusted(pointer('pointerdown', 600)));
    window.dispatchEvent(trusted(new FocusEvent('blur')));
    expect(frame.style.pointerEvents).toBe('');
    expect(dragListeners()).toBe(0);
  });

  it('ignores pointer and blur events the page dispatches during a drag', () => {
    const { host, frame, handle } = mount();
    handle.dispatchEvent(trusted(pointer('pointerdown', 600)));
    window.dispatchEvent(pointer('pointermove', 100));
    expect(host.style.width).toBe('380px');
    window.dispatchEvent(pointer('pointerup', 100));
    window.dispatchEvent(pointer('pointercancel', 100));
    window.dispatchEvent(new FocusEvent('blur'));
    expect(frame.style.pointerEvents).toBe('none');
    expect(layouts).toEqual([]);
    window.dispatchEvent(trusted(pointer('pointermove', 500)));
    expect(host.style.width).toBe('480px');
  });

  it('lets only the pointer that started the drag move or end it', () => {
    const { host, frame, handle } = mount();
    handle.dispatchEvent(trusted(pointer('pointerdown', 600, 1)));
    window.dispatchEvent(trusted(pointer('pointermove', 400, 2)));
    expect(host.style.width).toBe('380px');
    window.dispatchEvent(trusted(pointer('pointerup', 400, 2)));
    window.dispatchEvent(trusted(pointer('pointercancel', 400, 2)));
    expect(frame.style.pointerEvents).toBe('none');
    window.dispatchEvent(trusted(pointer('pointermove', 500, 1)));
    expect(host.style.width).toBe('480px');
    window.dispatchEvent(trusted(pointer('pointerup', 500, 1)));
    expect(frame.style.pointerEvents).toBe('');
  });

  it('does not let a second pointer start a rival drag', () => {
    const { host, handle } = mount();
    handle.dispatchEvent(trusted(pointer('pointerdown', 600, 1)));
    handle.dispatchEvent(trusted(pointer('pointerdown', 600, 2)));
    window.dispatchEvent(trusted(pointer('pointerup', 600, 1)));
    expect(dragListeners()).toBe(0);
    window.dispatchEvent(trusted(pointer('pointermove', 400, 2)));
    expect(host.style.width).toBe('380px');
  });
});
