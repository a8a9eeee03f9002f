import { useState } from 'react';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../../lib/domain/types';
import { sendFromPage } from '../../../lib/ui/send';
import { busyWhile, useSingleRun } from '../../shared/busy';
import { FieldError } from '../../shared/States';

/**
 * One click to correct the classifier. The background records the correction (it trains the classifier),
 * re-derives the case and updates the marker on the page.
 */
export function RecategorizeBar({ postKey, category }: { postKey: string; category: Category }) {
  const [error, setError] = useState<string | null>(null);
  const recording = useSingleRun();
  const choose = (next: Category) =>
    recording.run(async () => {
      if (next === category) return;
      setError(null);
      try {
        const result = await sendFromPage('sidebar:recategorize', { postKey, category: next });
        if (!result.ok) setError('Could not change the category. Try again.');
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    });
  return (
    <fieldset className="recategorize">
      <legend className="field-label">Category</legend>
      <div className="button-row" data-testid="recategorize">
        {CATEGORIES.map((option) => (
          <button
            key={option}
            type="button"
            className={`chip plain recategorize-option cat-${option}${option === category ? ' current' : ''}`}
            aria-pressed={option === category}
            {...busyWhile(recording.busy)}
            onClick={() => void choose(option)}
          >
            {CATEGORY_LABELS[option]}
          </button>
        ))}
      </div>
      <FieldError message={error} />
    </fieldset>
  );
}
