import { useId, useState } from 'react';
import type { CaseRow, CustomerRow, MentionRow } from '../../../lib/db/records';
import { sendFromPage } from '../../../lib/ui/send';

export interface ReplyPanelProps {
  /** `platform:postId` of the post being answered. */
  postKey: string;
  mention: MentionRow;
  caseRow: CaseRow | null;
  customer: CustomerRow | null;
  isRepeatCustomer: boolean;
}

/** The reply area: suggestions, the agent's editor with live checks, and insert/copy/mark-sent. */
export function ReplyPanel(props: ReplyPanelProps) {
  const editorId = useId();
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const insert = async () => {
    const result = await sendFromPage('sidebar:insert-reply', {
      requestId: crypto.randomUUID(),
      postKey: props.postKey,
      text,
    });
    setStatus(result.message);
  };
  return (
    <section aria-label="Reply" className="reply-panel">
      <label htmlFor={editorId}>Your reply</label>
      <textarea id={editorId} value={text} onChange={(event) => setText(event.target.value)} />
      <button type="button" disabled={text.trim() === ''} onClick={() => void insert()}>
        Insert into reply box
      </button>
      <p aria-live="polite">{status}</p>
    </section>
  );
}
