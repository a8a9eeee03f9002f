import { type KeyboardEvent, useId, useMemo, useState } from 'react';
import type { Policy } from '../../../lib/policy/schema';
import type { RankedTemplate, SuggestionContext } from '../../../lib/replies/suggest';
import { searchTemplates, TEMPLATE_SEARCH_LIMIT } from '../../../lib/replies/template-search';
import { StatusNote } from '../../shared/States';
import { SuggestionCards } from './SuggestionCards';
import { useDebouncedValue } from './use-debounced-value';

/**
 * "Find a template": any of the policy's reply templates by words of its name or text, for the one the
 * suggestions leave out (another category, site or language). Picking one works as picking a suggestion.
 */
/** How long typing pauses before the number of templates found is said. */
const SAY_COUNT_AFTER_MS = 400;

export function TemplateSearch({
  policy,
  context,
  suggestions,
  previewOf,
  selectedTemplateId,
  onPick,
}: {
  policy: Policy;
  context: SuggestionContext;
  /** The mention's ranked suggestions: the search lists those that match first, in that order. */
  suggestions: readonly RankedTemplate[];
  previewOf(suggestion: RankedTemplate): string;
  selectedTemplateId: string | null;
  onPick(suggestion: RankedTemplate): void;
}) {
  const inputId = useId();
  const [query, setQuery] = useState('');
  // One past the limit, to tell "8 found" from "more than 8: add a word".
  const results = useMemo(
    () => searchTemplates(policy, query, context, TEMPLATE_SEARCH_LIMIT + 1, suggestions),
    [policy, query, context, suggestions],
  );
  const found = results.slice(0, TEMPLATE_SEARCH_LIMIT);
  // Said once typing pauses: a count per keystroke would talk over the agent's typing.
  const said = useDebouncedValue(
    query.trim() === ''
      ? ''
      : found.length === 0
        ? 'No template has all of those words.'
        : results.length > TEMPLATE_SEARCH_LIMIT
          ? `More than ${TEMPLATE_SEARCH_LIMIT} templates found: add a word to narrow them down.`
          : found.length === 1
            ? 'One template found.'
            : `${found.length} templates found.`,
    SAY_COUNT_AFTER_MS,
  );
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // The first Escape clears the search; the sidebar's own Escape (leave the field, go back) comes next.
    if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
    }
  };
  return (
    <div className="template-search">
      <label htmlFor={inputId} className="small">
        Find a template
      </label>
      <input
        id={inputId}
        type="search"
        className="input"
        value={query}
        placeholder="Words from its name or text"
        autoComplete="off"
        spellCheck={false}
        data-testid="template-search"
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <StatusNote message={said} />
      {found.length > 0 ? (
        <SuggestionCards
          suggestions={found}
          previewOf={previewOf}
          selectedTemplateId={selectedTemplateId}
          onPick={(suggestion) => {
            setQuery('');
            onPick(suggestion);
          }}
          label="Templates found"
          testId="template-search-results"
          collapse={false}
        />
      ) : null}
    </div>
  );
}
