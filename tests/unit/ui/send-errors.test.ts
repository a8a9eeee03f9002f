import { describe, expect, it } from 'vitest';
import { runSidebarMutation } from '../../../lib/background/sidebar-api';
import { MAX_NOTE_LENGTH } from '../../../lib/domain/notes';
import { readableSendError } from '../../../lib/ui/send';

describe('errors the sidebar shows an agent', () => {
  it('says the background did not answer instead of the browser’s connection message', () => {
    const said = readableSendError(
      new Error('Could not establish connection. Receiving end does not exist.'),
    );
    expect(said).toMatch(/^Parley's background did not answer/);
    expect(said).not.toMatch(/Receiving end/);
    expect(readableSendError(new Error('Storage is full.'))).toBe('Storage is full.');
  });

  it('refuses a note over the limit in words an agent can act on, before touching the database', async () => {
    const text = 'x'.repeat(MAX_NOTE_LENGTH + 1);
    await expect(runSidebarMutation(null as never, 'add-note', { caseId: 'c1', text })).rejects.toThrow(
      'That was not saved: Keep a note under 5,000 characters.',
    );
  });
});
