import { useEffect, useId, useRef, useState } from 'react';

/** Copies text to the clipboard and says so (for private notes, status updates and scripts). */
export function CopyButton({
  text,
  label = 'Copy',
  className = 'button small',
  showTextOnFailure = false,
}: {
  /** The text, or how to make it when it is long and only wanted on a press (a case's handover). */
  text: string | (() => string);
  label?: string;
  className?: string;
  /**
   * For text that is not on screen (a case's handover): when the clipboard refuses, the text is shown,
   * selected, for the agent to copy by hand. Elsewhere the text to copy is already in view.
   */
  showTextOnFailure?: boolean;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [shownText, setShownText] = useState<string | null>(null);
  const fallbackId = useId();
  // One reset at a time: an earlier press's timer would cut a later press's "Copied" short.
  const reset = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (reset.current !== null) clearTimeout(reset.current);
    },
    [],
  );
  const copy = async () => {
    const copied = typeof text === 'function' ? text() : text;
    try {
      await navigator.clipboard.writeText(copied);
      setState('copied');
      setShownText(null);
    } catch {
      setState('failed');
      if (showTextOnFailure) setShownText(copied);
    }
    if (reset.current !== null) clearTimeout(reset.current);
    reset.current = setTimeout(() => {
      reset.current = null;
      setState('idle');
    }, 2_000);
  };
  const button = (
    <button type="button" className={className} onClick={() => void copy()} aria-live="polite">
      {state === 'copied' ? 'Copied ✓' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
  if (shownText === null) return button;
  return (
    <>
      {button}
      <label className="small" htmlFor={fallbackId}>
        The clipboard refused it: select this text and copy it yourself
      </label>
      <textarea
        id={fallbackId}
        className="textarea"
        readOnly
        rows={6}
        value={shownText}
        data-testid="copy-fallback"
        ref={(field) => {
          // Selected once, as it appears: Ctrl+C copies it.
          if (field && field.dataset.selected !== 'yes') {
            field.dataset.selected = 'yes';
            field.focus();
            field.select();
          }
        }}
      />
    </>
  );
}
