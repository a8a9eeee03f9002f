/**
 * Puts reply text into a post's reply composer on the site, with the technique the composer's editor
 * needs (detected from the editor's markup, not the site's name), then checks that the editor really holds
 * exactly that text and that the site's send control became enabled.
 *
 * Safety: the agent presses send. Nothing here clicks, submits or sends a key to any control; the send
 * control is only looked at. Text goes in through the editor's own input handling (paste, beforeinput,
 * editing commands), never through innerHTML. When the check fails the caller offers Copy instead.
 */
import type { SiteAdapter } from '../sites/types';
import { detectEditor } from './detect';
import { findSendControl, isControlEnabled } from './send-control';
import { expectedEditorText, normaliseEditorText, sitePrefilledPrefix } from './text';
import type { EditorKind } from './types';

export interface InsertResult {
  ok: boolean;
  message: string;
  /** The editor kind detected, when a composer was found. */
  editorKind?: EditorKind;
  /** Whether the site's send control was enabled afterwards; null when none was recognised. */
  sendEnabled?: boolean | null;
}

const OPEN_COMPOSER_TIMEOUT_MS = 4_000;
/** Editors apply a change within a frame or two; slow pages get this long before we call it failed. */
const VERIFY_TIMEOUT_MS = 1_500;
const POLL_MS = 25;

export async function insertReplyIntoPost(
  adapter: SiteAdapter,
  post: Element,
  text: string,
): Promise<InsertResult> {
  let composer: HTMLElement | null = null;
  try {
    composer = await adapter.openReplyComposer(post, { timeoutMs: OPEN_COMPOSER_TIMEOUT_MS });
  } catch {
    composer = null;
  }
  if (!composer) return { ok: false, message: "Couldn't open this post's reply box. Use Copy instead." };
  return insertIntoComposer(composer, text);
}

/** Inserts into an already open composer (the editable element or a wrapper around it). */
export async function insertIntoComposer(composer: HTMLElement, text: string): Promise<InsertResult> {
  const reply = normaliseEditorText(text);
  if (!reply.trim()) return { ok: false, message: 'There is no reply text to insert.' };
  const detected = detectEditor(composer);
  if (!detected)
    return { ok: false, message: "Couldn't find where to type in this reply box. Use Copy instead." };
  const { editable, strategy } = detected;
  const editorKind = strategy.kind;

  const prefix = sitePrefilledPrefix(normaliseEditorText(strategy.readBack(editable)), reply);
  const expected = expectedEditorText(prefix, reply);
  try {
    await strategy.insert(editable, reply, { keepLength: prefix.length });
  } catch {
    // The page's handlers threw inside our event; the read-back below tells whether anything landed.
  }

  const landed = await waitFor(() => normaliseEditorText(strategy.readBack(editable)) === expected);
  if (!landed) {
    // What the box holds now decides the advice: pasting next to a part of the reply (or a changed
    // copy of it) that did land would post the reply twice.
    let now = prefix;
    try {
      now = normaliseEditorText(strategy.readBack(editable));
    } catch {
      // Unreadable: advise as if it held nothing new.
    }
    return {
      ok: false,
      editorKind,
      message:
        now.trim() === prefix.trim()
          ? "The site's editor didn't take the text. Use Copy instead and paste it into the reply box."
          : 'The reply box now holds different text than your reply (the site cut or changed it). Clear the box, then use Copy and paste your reply.',
    };
  }

  const send = findSendControl(editable);
  const sendEnabled = send ? await waitFor(() => isControlEnabled(send)) : null;
  if (sendEnabled === false) {
    return {
      ok: false,
      editorKind,
      sendEnabled,
      message:
        "The text is in the reply box, but the site's send button stayed disabled, so the site may not have registered it. Type a character in the box and delete it, or clear the box and paste your reply from Copy.",
    };
  }
  return {
    ok: true,
    editorKind,
    sendEnabled,
    message:
      sendEnabled === null
        ? "Reply inserted. Review it and press the site's send button (couldn't check that it is enabled)."
        : "Reply inserted. Review it and press the site's send button.",
  };
}

/** Polls until `check` holds (true) or the timeout passes (false). */
function waitFor(check: () => boolean, timeoutMs = VERIFY_TIMEOUT_MS): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const poll = (): void => {
      let holds = false;
      try {
        holds = check();
      } catch {
        holds = false;
      }
      if (holds) resolve(true);
      else if (Date.now() >= deadline) resolve(false);
      else setTimeout(poll, POLL_MS);
    };
    poll();
  });
}
