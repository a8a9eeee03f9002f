import { type RefObject, useId } from 'react';
import type { HandoffChannel } from '../../../lib/replies/handoff';
import { privateChannelWords } from '../../../lib/replies/variables';

export interface PrivateDraft {
  channel: HandoffChannel;
  /** The policy's name for the handoff script, or null when the policy has none for this channel. */
  scriptName: string | null;
  text: string;
}

export interface PrivateMessageProps {
  draft: PrivateDraft;
  onChange(text: string): void;
  /** The message's box: selected when the clipboard refuses, focused once the move to private is done. */
  fieldRef: RefObject<HTMLTextAreaElement | null>;
  onCopy(text: string): void;
  onClose(): void;
}

/**
 * The first private message after "Move to private": the policy's handoff script, filled in, for the agent
 * to send in the DM, email or call. Copy only: Parley does not open or write into private channels.
 */
export function PrivateMessage({ draft, fieldRef, onChange, onCopy, onClose }: PrivateMessageProps) {
  const id = useId();
  const words = privateChannelWords(draft.channel);
  return (
    <section className="reply-private" aria-labelledby={`${id}-title`} data-testid="reply-private">
      <h4 id={`${id}-title`}>
        Private message ({words}){draft.scriptName ? `: ${draft.scriptName}` : ''}
      </h4>
      <label htmlFor={id} className="reply-hint">
        Send this by {words} once they agree. It is never inserted into the public reply box.
      </label>
      <textarea
        id={id}
        ref={fieldRef}
        rows={5}
        value={draft.text}
        onChange={(event) => onChange(event.target.value)}
      />
      <div className="reply-actions">
        <button type="button" onClick={() => onCopy(draft.text)} disabled={draft.text.trim() === ''}>
          Copy private message
        </button>
        <button type="button" className="reply-link" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
