import { type FocusEvent, type KeyboardEvent, type MouseEvent, useId, useRef, useState } from 'react';
import { variableHint, variableLabel } from '../../../lib/replies/variables';

export interface VariablePrompt {
  name: string;
  /** The template requires it: Insert stays blocked until it is filled. */
  required: boolean;
}

export interface VariablePromptsProps {
  prompts: readonly VariablePrompt[];
  /** Quick choices offered for a variable (e.g. the policy's private channels). */
  choicesFor(name: string): readonly string[];
  onFill(name: string, value: string): void;
  onLeaveOut(name: string): void;
}

/**
 * One input per `{{placeholder}}` still in the reply. The value goes into the text on Enter or when focus
 * leaves its row; until then the placeholder stays visible in the reply, and Insert stays blocked.
 */
export function VariablePrompts({ prompts, choicesFor, onFill, onLeaveOut }: VariablePromptsProps) {
  if (prompts.length === 0) return null;
  return (
    <fieldset className="reply-variables" data-testid="reply-variables">
      <legend>Fill in before inserting</legend>
      {prompts.map((prompt) => (
        <VariableField
          key={prompt.name}
          prompt={prompt}
          choices={choicesFor(prompt.name)}
          onFill={onFill}
          onLeaveOut={onLeaveOut}
        />
      ))}
    </fieldset>
  );
}

function VariableField({
  prompt,
  choices,
  onFill,
  onLeaveOut,
}: {
  prompt: VariablePrompt;
  choices: readonly string[];
  onFill(name: string, value: string): void;
  onLeaveOut(name: string): void;
}) {
  const id = useId();
  const rowRef = useRef<HTMLDivElement>(null);
  const [value, setValue] = useState('');
  const hint = variableHint(prompt.name);
  const commit = (next = value) => {
    if (next.trim() !== '') onFill(prompt.name, next);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    }
  };
  // Filling in removes the row, so the typed text goes in once focus leaves the row, not the field:
  // Tab to the row's own chips or Leave out would otherwise remove them (and focus) under the agent.
  const onBlur = (event: FocusEvent) => {
    if (event.relatedTarget instanceof Node && rowRef.current?.contains(event.relatedTarget)) return;
    commit();
  };
  // Browsers that do not focus a clicked button (Safari) would blur the field to nothing first.
  const keepFieldFocus = (event: MouseEvent) => event.preventDefault();
  return (
    <div className="reply-variable" ref={rowRef}>
      <label htmlFor={id}>
        {variableLabel(prompt.name)}
        {prompt.required ? <span className="reply-required"> (required)</span> : null}
      </label>
      <div className="reply-variable-row">
        <input
          id={id}
          type="text"
          value={value}
          aria-required={prompt.required}
          aria-describedby={hint ? `${id}-hint` : undefined}
          data-variable={prompt.name}
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={onBlur}
        />
        {choices.map((choice) => (
          <button
            key={choice}
            type="button"
            className="reply-chip"
            onMouseDown={keepFieldFocus}
            onBlur={onBlur}
            onClick={() => commit(choice)}
          >
            {choice}
          </button>
        ))}
        {!prompt.required && (
          <button
            type="button"
            className="reply-link"
            onMouseDown={keepFieldFocus}
            onBlur={onBlur}
            onClick={() => onLeaveOut(prompt.name)}
          >
            Leave out
          </button>
        )}
      </div>
      {hint && (
        <p id={`${id}-hint`} className="reply-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
