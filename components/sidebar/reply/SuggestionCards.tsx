import { useRef, useState } from 'react';
import type { RankedTemplate } from '../../../lib/replies/suggest';
import { keepFocusOnRemoval } from '../focus-after-action';

/** How many suggestions show before "More suggestions": enough to choose, few enough to scan. */
const SHOWN_AT_FIRST = 3;

export interface SuggestionCardsProps {
  suggestions: readonly RankedTemplate[];
  /** The template's text with this mention's values filled in, for the preview line. */
  previewOf(suggestion: RankedTemplate): string;
  selectedTemplateId: string | null;
  onPick(suggestion: RankedTemplate): void;
  /** The list's accessible name. */
  label?: string;
  /** Show the first few and a "more" button (suggestions); false shows every one (search results). */
  collapse?: boolean;
  testId?: string;
}

export function SuggestionCards({
  suggestions,
  previewOf,
  selectedTemplateId,
  onPick,
  label = 'Suggested replies',
  collapse = true,
  testId = 'reply-suggestions',
}: SuggestionCardsProps) {
  const [showAll, setShowAll] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const shown = showAll || !collapse ? suggestions : suggestions.slice(0, SHOWN_AT_FIRST);
  const hidden = suggestions.length - shown.length;
  return (
    <div className="reply-suggestions">
      <ol ref={listRef} aria-label={label} className="reply-suggestion-list" data-testid={testId}>
        {shown.map((suggestion) => {
          const { template } = suggestion;
          const selected = template.id === selectedTemplateId;
          return (
            <li key={template.id}>
              <button
                type="button"
                className="reply-suggestion"
                aria-pressed={selected}
                data-template-id={template.id}
                onClick={() => onPick(suggestion)}
              >
                <span className="reply-suggestion-name">{template.name}</span>
                <span className="reply-suggestion-preview">{previewOf(suggestion)}</span>
                <span className={`reply-suggestion-why${suggestion.tooLong ? ' is-warning' : ''}`}>
                  {suggestion.summary}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      {hidden > 0 && (
        <button
          type="button"
          className="reply-link"
          onClick={() => {
            // The button goes once every suggestion shows: on to the first one it revealed.
            keepFocusOnRemoval(() => listRef.current?.querySelectorAll('button')[SHOWN_AT_FIRST]);
            setShowAll(true);
          }}
        >
          {hidden === 1 ? 'One more suggestion' : `${hidden} more suggestions`}
        </button>
      )}
    </div>
  );
}
