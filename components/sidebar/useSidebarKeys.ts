import { useEffect, useRef } from 'react';
import { handlesOwnEnter, isEditableTarget } from './key-targets';
import { tabbableRowKey } from './queue/roving-focus';

/**
 * The sidebar's keys: j/k (and the arrow keys in the queue) move through the queue, Enter opens,
 * Escape goes back. Typing in a field is never intercepted; Escape there leaves the field for the
 * mention's heading, so a second Escape goes back (focus is never dropped on the body).
 */
export function useSidebarKeys(options: {
  view: 'queue' | 'mention';
  activeKey: string | null;
  order: readonly string[];
  open: (postKey: string) => void;
  /** Makes a queue row active and focuses it. */
  activate: (postKey: string) => void;
  back: () => void;
  step: (step: 1 | -1) => void;
}) {
  const current = useRef(options);
  current.current = options;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const { view, activeKey, order, open, activate, back, step } = current.current;
      if (isEditableTarget(event.target)) {
        if (event.key === 'Escape' && view === 'mention') {
          event.preventDefault();
          document.querySelector<HTMLElement>('.mention-heading')?.focus();
        }
        return;
      }
      const inQueue = view === 'queue';
      switch (event.key) {
        case 'j':
        case 'J':
          event.preventDefault();
          step(1);
          return;
        case 'k':
        case 'K':
          event.preventDefault();
          step(-1);
          return;
        case 'ArrowDown':
          if (!inQueue) return;
          event.preventDefault();
          step(1);
          return;
        case 'ArrowUp':
          if (!inQueue) return;
          event.preventDefault();
          step(-1);
          return;
        case 'Home':
        case 'End': {
          if (!inQueue || order.length === 0) return;
          event.preventDefault();
          const target = event.key === 'Home' ? order[0] : order[order.length - 1];
          if (target) activate(target);
          return;
        }
        case 'Enter': {
          // Buttons (the queue rows too), links, a <details> summary (the crisis banner's contacts) and
          // fields handle their own Enter: only Enter on nothing in particular opens the active row.
          if (!inQueue || handlesOwnEnter(event.target)) return;
          const key = tabbableRowKey(activeKey, order);
          if (key) {
            event.preventDefault();
            open(key);
          }
          return;
        }
        case 'Escape':
          if (inQueue) return;
          event.preventDefault();
          back();
          return;
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
