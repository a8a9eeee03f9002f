import { useEffect, useRef, useState } from 'react';

/** Copies text to the clipboard and says so (for private notes, status updates and scripts). */
export function CopyButton({
  text,
  label = 'Copy',
  className = 'button small',
}: {
  text: string;
  label?: string;
  className?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  // One reset at a time: an earlier press's timer would cut a later press's "Copied" short.
  const reset = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (reset.current !== null) clearTimeout(reset.current);
    },
    [],
  );
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    if (reset.current !== null) clearTimeout(reset.current);
    reset.current = setTimeout(() => {
      reset.current = null;
      setState('idle');
    }, 2_000);
  };
  return (
    <button type="button" className={className} onClick={() => void copy()} aria-live="polite">
      {state === 'copied' ? 'Copied ✓' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
