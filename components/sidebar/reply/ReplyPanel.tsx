import { type KeyboardEvent, useCallback, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CaseRow, CustomerRow, MentionRow } from '../../../lib/db/records';
import { PLATFORM_LABELS } from '../../../lib/domain/types';
import { type Policy, templateVariablesIn } from '../../../lib/policy/schema';
import { publicReplyCheckContext } from '../../../lib/replies/check-context';
import { checkReply, measureLength, type ReplyCheck } from '../../../lib/replies/checks';
import { fillPlaceholder, fillTemplate, removePlaceholder } from '../../../lib/replies/fill';
import { type HandoffChannel, handoffScriptsFor, publicHandoffTemplate } from '../../../lib/replies/handoff';
import { replyBoxPrefill } from '../../../lib/replies/reply-prefill';
import { type RankedTemplate, type SuggestionContext, suggestReplies } from '../../../lib/replies/suggest';
import {
  privateChannelWords,
  type TemplateValues,
  templateValuesFor,
  variableLabel,
} from '../../../lib/replies/variables';
import { sendFromPage } from '../../../lib/ui/send';
import { useActivePolicy, useReplyLengthLimit, useSettings } from '../../../lib/ui/use-extension-storage';
import { useSingleRun } from '../../shared/busy';
import { announce, keepFocusOnRemoval } from '../focus-after-action';
import { CheckList, LengthMeter, PrefillNote } from './CheckList';
import { type PrivateDraft, PrivateMessage } from './PrivateMessage';
import { useReplyLanguage } from './reply-language';
import { SuggestionCards } from './SuggestionCards';
import { TemplateSearch } from './TemplateSearch';
import type { DraftText } from './unsaved-drafts';
import { useDebouncedValue } from './use-debounced-value';
import { useReplyDraft } from './use-reply-draft';
import { type VariablePrompt, VariablePrompts } from './VariablePrompts';
import './reply-panel.css';

export interface ReplyPanelProps {
  /** `platform:postId` of the post being answered. */
  postKey: string;
  mention: MentionRow;
  caseRow: CaseRow | null;
  customer: CustomerRow | null;
  isRepeatCustomer: boolean;
}

/** Checks run once typing pauses this long: live, without re-checking on every keystroke. */
const CHECK_DELAY_MS = 100;

/** Whether the browser sizes the reply box to its text itself (`field-sizing: content`). */
const SIZES_TO_CONTENT = typeof CSS !== 'undefined' && CSS.supports?.('field-sizing', 'content') === true;

/** The reply area: ranked suggestions, the agent's own editor with live checks, insert, copy, mark sent. */

export function ReplyPanel(props: ReplyPanelProps) {
  // A new post starts clean: no text, undo or results carried over from the previous one.
  return <ReplyPanelBody key={props.postKey} {...props} />;
}

interface Snapshot {
  text: string;
  baseline: string | null;
  templateId: string | null;
  label: string;
}

type Notice = { tone: 'ok' | 'error' | 'info'; text: string; offerCopy?: boolean };

function ReplyPanelBody({ postKey, mention, caseRow, customer, isRepeatCustomer }: ReplyPanelProps) {
  const headingId = useId();
  const editorId = useId();
  const blockedId = useId();
  const prefillNoteId = useId();
  const editorRef = useRef<HTMLTextAreaElement>(null);
  const privateMessageRef = useRef<HTMLTextAreaElement>(null);
  const variablesRef = useRef<HTMLDivElement>(null);

  const policy = useActivePolicy()?.policy;
  const settings = useSettings();
  const lengthLimit = useReplyLengthLimit(mention);
  const replyPrefill = replyBoxPrefill(mention);

  const [text, setText] = useState('');
  /** The editor's text as of the last render, for answers that arrive after the agent typed on. */
  const latestText = useRef(text);
  latestText.current = text;
  const [templateId, setTemplateId] = useState<string | null>(null);
  /** The filled template before the agent's edits (for the "still the template" nudge). */
  const [baseline, setBaseline] = useState<string | null>(null);
  const [undo, setUndo] = useState<Snapshot | null>(null);
  const [privateDraft, setPrivateDraft] = useState<PrivateDraft | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState<'insert' | 'mark-sent' | null>(null);
  const exclusive = useSingleRun();

  const restoreDraft = useCallback((draft: DraftText) => {
    setText((current) => (current === '' ? draft.text : current));
    setTemplateId((current) => current ?? draft.templateId);
  }, []);
  const draft = useReplyDraft(postKey, restoreDraft);

  const change = (next: string, nextTemplateId: string | null = templateId) => {
    setText(next);
    setTemplateId(nextTemplateId);
    draft.schedule(next, nextTemplateId);
  };

  // ----------------------------------------------------------------------------- suggestions
  /** What the agent typed into variable prompts for this reply, reused when another template needs it. */
  const [typedValues, setTypedValues] = useState<TemplateValues>({});
  const values: TemplateValues = useMemo(
    () => ({
      ...(policy ? templateValuesFor({ policy, settings: settings ?? null, mention, customer }) : {}),
      ...typedValues,
    }),
    [policy, settings, mention, customer, typedValues],
  );
  const { language, languages, choose: chooseLanguage } = useReplyLanguage(postKey, policy, mention.category);
  const suggestionContext: SuggestionContext = useMemo(
    () => ({
      category: mention.category,
      severity: mention.severity,
      platform: mention.platform,
      audience: isRepeatCustomer ? 'repeat' : 'first-contact',
      caseState: caseRow?.status ?? null,
      language,
      lengthLimit,
      ...(replyPrefill ? { replyPrefill } : {}),
    }),
    [mention, isRepeatCustomer, caseRow?.status, language, lengthLimit, replyPrefill],
  );
  const suggestions = useMemo(
    () => (policy ? suggestReplies(policy, suggestionContext) : []),
    [policy, suggestionContext],
  );
  const handoffScripts = useMemo(
    () => (policy ? handoffScriptsFor(policy, { platform: mention.platform, language }) : []),
    [policy, mention.platform, language],
  );
  const currentTemplate = templateById(policy, templateId);
  // After a reload the baseline is rebuilt from the draft's template (values the agent typed aside).
  const effectiveBaseline =
    baseline ?? (currentTemplate ? fillTemplate(currentTemplate.text, values).text : null);

  /** Keeps the agent's own words one click away before a suggestion or handoff replaces them. */
  const remember = (label: string) => {
    const ownWords = text.trim() !== '' && text !== effectiveBaseline;
    setUndo(ownWords ? { text, baseline, templateId, label } : null);
  };

  const focusFirstGap = () =>
    requestAnimationFrame(() => {
      const input = variablesRef.current?.querySelector('input');
      (input ?? editorRef.current)?.focus();
    });

  const pick = (suggestion: RankedTemplate) => {
    const filled = fillTemplate(suggestion.template.text, values);
    remember(`Undo: back to your text before “${suggestion.template.name}”`);
    setBaseline(filled.text);
    change(filled.text, suggestion.template.id);
    setNotice(null);
    focusFirstGap();
  };

  // ----------------------------------------------------------------------------- variables
  const prompts: VariablePrompt[] = templateVariablesIn(text).map((name) => ({
    name,
    required: currentTemplate?.requiredVariables.some((required) => required === name) ?? false,
  }));
  const channelChoices = handoffScripts.map((script) => privateChannelWords(script.channel));
  const fillVariable = (name: string, value: string) => {
    // Its row goes with the placeholder, as when it is left out.
    keepFocusOnRemoval(() => variablesRef.current?.querySelector('input') ?? editorRef.current);
    announce(`${variableLabel(name)} filled in`);
    setTypedValues((previous) => ({ ...previous, [name]: value }));
    setBaseline(fillPlaceholder(effectiveBaseline ?? '', name, value) || null);
    change(fillPlaceholder(text, name, value));
  };
  const leaveOut = (name: string) => {
    // Its row goes with the placeholder: on to the next gap, or back to the reply.
    keepFocusOnRemoval(() => variablesRef.current?.querySelector('input') ?? editorRef.current);
    announce(`${name} left out`);
    setBaseline(removePlaceholder(effectiveBaseline ?? '', name) || null);
    change(removePlaceholder(text, name));
  };

  // ----------------------------------------------------------------------------- checks
  const checkedText = useDebouncedValue(text, CHECK_DELAY_MS);
  const checkContext = useMemo(
    () =>
      publicReplyCheckContext({
        platform: mention.platform,
        policy,
        agentName: settings?.agentName,
        agentSignature: values.agentSignature,
        caseReference: values.caseReference,
        templateText: effectiveBaseline,
        lengthLimit,
        replyPrefill,
      }),
    [
      mention.platform,
      lengthLimit,
      replyPrefill,
      policy,
      effectiveBaseline,
      settings?.agentName,
      values.agentSignature,
      values.caseReference,
    ],
  );
  const checks = useMemo(() => checkReply(checkedText, checkContext), [checkedText, checkContext]);
  const length = useMemo(
    () => measureLength(checkedText, mention.platform, lengthLimit, replyPrefill),
    [checkedText, mention.platform, lengthLimit, replyPrefill],
  );

  const showSpan = (span: { start: number; end: number }) => {
    const editor = editorRef.current;
    if (!editor) return;
    editor.focus();
    editor.setSelectionRange(span.start, span.end);
  };
  const replaceSpan = (span: { start: number; end: number }, replacement: string) => {
    change(text.slice(0, span.start) + replacement + text.slice(span.end));
    requestAnimationFrame(() => showSpan({ start: span.start, end: span.start + replacement.length }));
  };

  const moveToPrivate = (channel: HandoffChannel) => {
    // The Move buttons go once the public reply holds no personal data: on to the private message,
    // where those details belong now.
    keepFocusOnRemoval(() => privateMessageRef.current);
    const handoff = publicHandoffTemplate(suggestions);
    const channelValues = { ...values, privateChannel: privateChannelWords(channel) };
    const filled = fillTemplate(handoff.text, channelValues);
    remember('Undo: back to the reply before moving to private');
    setBaseline(filled.text);
    change(filled.text, handoff.templateId);
    const script = handoffScripts.find((candidate) => candidate.channel === channel);
    setPrivateDraft({
      channel,
      scriptName: script?.name ?? null,
      text: script ? fillTemplate(script.text, channelValues).text : '',
    });
    setNotice({
      tone: 'info',
      text: `The public reply now invites them to continue by ${privateChannelWords(channel)}; keep their details for the private message.`,
    });
  };

  // ----------------------------------------------------------------------------- actions
  const blockers = insertBlockers(text, prompts, checkReply(text, checkContext));
  const canSend = text.trim() !== '';

  /** `what` names the text as a sentence starts it ('Reply', 'Private message'); `field` holds it. */
  const copy = async (value: string, what: string, field: HTMLTextAreaElement | null) => {
    try {
      await navigator.clipboard.writeText(value);
      setNotice({ tone: 'ok', text: `${what} copied. Paste it where it goes (Ctrl+V).` });
    } catch {
      // Clipboard access can be refused (permissions, focus); selecting the text keeps Ctrl+C one key away.
      // The field of the text asked for: with the public reply selected, it would go into the DM.
      field?.focus();
      field?.select();
      setNotice({
        tone: 'error',
        text: `Copying was blocked. The ${what.toLowerCase()} is selected: press Ctrl+C (⌘C).`,
      });
    }
  };

  // One action at a time, guarded by a ref: two presses in one frame (Ctrl+Enter held, a double-click)
  // would otherwise insert the reply twice.
  const insert = () =>
    exclusive.run(async () => {
      if (blockers.length > 0) {
        setNotice({ tone: 'error', text: blockers.join(' ') });
        return;
      }
      draft.flush();
      setBusy('insert');
      setNotice({ tone: 'info', text: 'Inserting into the reply box…' });
      let result: { ok: boolean; message: string };
      try {
        result = await sendFromPage('sidebar:insert-reply', {
          requestId: crypto.randomUUID(),
          postKey,
          text,
        });
      } catch {
        result = {
          ok: false,
          message: 'The page did not answer. Reload it and try again, or copy the reply.',
        };
      }
      setBusy(null);
      if (!result.ok) {
        setNotice({ tone: 'error', text: result.message, offerCopy: true });
        return;
      }
      setNotice({
        tone: 'ok',
        text: `${result.message} Parley never sends: check it and send it on the site.`,
      });
      sendFromPage('sidebar:mutate', {
        name: 'record-inserted-reply',
        args: { caseId: mention.caseId, postKey, text },
      }).catch((error: unknown) => console.warn('Parley: could not record the inserted reply', error));
    });

  const markSent = () =>
    exclusive.run(async () => {
      if (!canSend) return;
      setBusy('mark-sent');
      draft.cancel();
      try {
        await sendFromPage('sidebar:mutate', {
          name: 'mark-sent',
          args: { caseId: mention.caseId, postKey, text },
        });
        // Words typed while the background was recording are a new reply, not the one that was sent.
        if (latestText.current === text) {
          setText('');
          setTemplateId(null);
          setBaseline(null);
          setUndo(null);
        }
        setNotice({ tone: 'ok', text: 'Recorded as sent on the case. Its response clock has stopped.' });
      } catch {
        draft.schedule(text, templateId);
        setNotice({ tone: 'error', text: 'Could not record it. Try again in a moment.' });
      } finally {
        setBusy(null);
      }
    });

  const onEditorKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void insert();
    }
  };

  // Grows with the reply so the agent sees all of it; the sidebar scrolls, not the box. Where CSS can
  // do it (field-sizing, in reply-panel.css) nothing is measured: measuring forces a layout of the
  // whole sidebar in the middle of opening a mention.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure whenever the text changes
  useLayoutEffect(() => {
    const editor = editorRef.current;
    if (!editor || SIZES_TO_CONTENT) return;
    editor.style.height = 'auto';
    editor.style.height = `${editor.scrollHeight + 2}px`;
  }, [text]);

  // Shown until a save goes through: the text exists only in this frame, and closing it would lose it.
  const draftWarning = draft.saveError
    ? `Draft not saved: ${asSentence(draft.saveError)} Copy your reply before leaving.`
    : null;

  const siteLabel = PLATFORM_LABELS[mention.platform];
  return (
    <section aria-labelledby={headingId} className="reply-panel" data-testid="reply-panel">
      <div className="reply-head">
        {/* A section of the mention (its heading is the h2), like Guidance and Case and history. */}
        <h3 id={headingId}>Reply</h3>
        {languages.length > 1 && (
          <label className="reply-language">
            Language{' '}
            <select value={language} onChange={(event) => chooseLanguage(event.target.value)}>
              {languages.map((tag) => (
                <option key={tag} value={tag}>
                  {tag}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>

      {!policy ? (
        <p className="reply-hint">Loading the team’s templates…</p>
      ) : suggestions.length === 0 ? (
        <p className="reply-hint">
          No template in the policy fits a {mention.category} on {siteLabel}. Write your own reply.
        </p>
      ) : (
        <SuggestionCards
          suggestions={suggestions}
          previewOf={(suggestion) => fillTemplate(suggestion.template.text, values).text}
          selectedTemplateId={templateId}
          onPick={pick}
        />
      )}
      {policy && policy.templates.length > 0 ? (
        <TemplateSearch
          policy={policy}
          context={suggestionContext}
          suggestions={suggestions}
          previewOf={(suggestion) => fillTemplate(suggestion.template.text, values).text}
          selectedTemplateId={templateId}
          onPick={pick}
        />
      ) : null}

      <div className="reply-editor">
        <div className="reply-editor-label">
          <label htmlFor={editorId}>Your reply on {siteLabel}</label>
          <LengthMeter measure={length} siteLabel={siteLabel} />
        </div>
        <PrefillNote id={prefillNoteId} measure={length} siteLabel={siteLabel} />
        <textarea
          id={editorId}
          ref={editorRef}
          rows={4}
          value={text}
          placeholder="Pick a suggestion or write your own. Tailor it to this customer."
          aria-describedby={
            [length.prefilled ? prefillNoteId : null, blockers.length > 0 ? blockedId : null]
              .filter(Boolean)
              .join(' ') || undefined
          }
          data-testid="reply-editor"
          disabled={!draft.loaded && text === ''}
          onChange={(event) => change(event.target.value)}
          onBlur={draft.flush}
          onKeyDown={onEditorKeyDown}
        />
        {undo && (
          <button
            type="button"
            className="reply-link"
            onClick={() => {
              keepFocusOnRemoval(() => editorRef.current);
              announce('Reply restored');
              setBaseline(undo.baseline);
              change(undo.text, undo.templateId);
              setUndo(null);
            }}
          >
            {undo.label}
          </button>
        )}
      </div>

      <div ref={variablesRef}>
        <VariablePrompts
          prompts={prompts}
          choicesFor={(name) => (name === 'privateChannel' ? channelChoices : [])}
          onFill={fillVariable}
          onLeaveOut={leaveOut}
        />
      </div>

      <CheckList
        checks={checks}
        spansCurrent={checkedText === text}
        privateChannels={handoffScripts.map((script) => script.channel)}
        onShow={showSpan}
        onReplace={replaceSpan}
        onMoveToPrivate={moveToPrivate}
      />

      <div className="reply-actions">
        <button
          type="button"
          className="reply-primary"
          aria-disabled={blockers.length > 0 || busy !== null}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          data-testid="reply-insert"
          onClick={() => void insert()}
        >
          {busy === 'insert' ? 'Inserting…' : 'Insert into reply box'}
        </button>
        <button
          type="button"
          data-testid="reply-copy"
          disabled={!canSend}
          className={notice?.offerCopy ? 'reply-emphasis' : undefined}
          onClick={() => void copy(text, 'Reply', editorRef.current)}
        >
          Copy
        </button>
        <button
          type="button"
          data-testid="reply-mark-sent"
          aria-disabled={!canSend || busy !== null}
          onClick={() => void markSent()}
        >
          Mark as sent
        </button>
      </div>
      {blockers.length > 0 && (
        <p id={blockedId} className="reply-blocked" data-testid="reply-blocked">
          {blockers.join(' ')}
        </p>
      )}
      <p
        className={`reply-status${draftWarning ? ' is-error' : notice ? ` is-${notice.tone}` : ''}`}
        role="status"
        aria-live="polite"
        data-testid="reply-status"
      >
        {[draftWarning, notice?.text].filter(Boolean).join(' ')}
      </p>

      {privateDraft && (
        <PrivateMessage
          draft={privateDraft}
          fieldRef={privateMessageRef}
          onChange={(next) => setPrivateDraft({ ...privateDraft, text: next })}
          onCopy={(value) => void copy(value, 'Private message', privateMessageRef.current)}
          onClose={() => {
            keepFocusOnRemoval(() => editorRef.current);
            setPrivateDraft(null);
            announce('Private message closed');
          }}
        />
      )}
    </section>
  );
}

function templateById(policy: Policy | undefined, id: string | null) {
  if (!policy || id === null) return undefined;
  return policy.templates.find((template) => template.id === id);
}

/** Why Insert would be refused right now, as sentences for the agent; empty when it may go ahead. */
function insertBlockers(
  text: string,
  prompts: readonly VariablePrompt[],
  checks: readonly ReplyCheck[],
): string[] {
  if (text.trim() === '') return ['Write or pick a reply first.'];
  const reasons: string[] = [];
  const required = prompts.filter((prompt) => prompt.required);
  const optional = prompts.filter((prompt) => !prompt.required);
  if (required.length > 0) reasons.push(`Fill in ${listOf(required.map(labelOf))}.`);
  if (optional.length > 0) reasons.push(`Fill in or leave out ${listOf(optional.map(labelOf))}.`);
  const errors = checks.filter((check) => check.severity === 'error').length;
  if (errors > 0)
    reasons.push(errors === 1 ? 'Fix the problem marked Fix.' : `Fix the ${errors} problems marked Fix.`);
  return reasons;
}

function asSentence(message: string): string {
  const trimmed = message.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function labelOf(prompt: VariablePrompt): string {
  return `“${variableLabel(prompt.name)}”`;
}

function listOf(items: readonly string[]): string {
  return items.length > 1
    ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
    : (items[0] ?? '');
}
