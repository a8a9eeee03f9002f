import { type FormEvent, useId, useState } from 'react';
import { MAX_NOTE_LENGTH } from '../../../lib/domain/notes';
import { sendFromPage } from '../../../lib/ui/send';
import { busyWhile, useSingleRun } from '../../shared/busy';
import { FieldError } from '../../shared/States';

/** A private note on the case (never shown to the customer). */
export function AddNoteForm({ caseId }: { caseId: string }) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const saving = useSingleRun();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    void saving.run(async () => {
      setError(null);
      try {
        await sendFromPage('sidebar:mutate', { name: 'add-note', args: { caseId, text } });
        // Only what was saved leaves the box: words typed while it saved stay (nothing typed is lost).
        setText((current) =>
          current === text ? '' : current.startsWith(text) ? current.slice(text.length).trimStart() : current,
        );
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    });
  };
  return (
    <form className="field add-note" onSubmit={submit}>
      <label htmlFor={id}>Add a note</label>
      <textarea
        id={id}
        className="textarea"
        rows={2}
        value={text}
        maxLength={MAX_NOTE_LENGTH}
        placeholder="Only your team sees notes."
        onChange={(event) => setText(event.target.value)}
      />
      <div className="button-row">
        <button
          type="submit"
          className="button small"
          aria-disabled={text.trim() === '' || undefined}
          {...busyWhile(saving.busy)}
        >
          Add note
        </button>
      </div>
      <FieldError message={error} />
    </form>
  );
}
