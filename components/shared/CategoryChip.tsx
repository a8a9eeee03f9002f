import { CATEGORY_LABELS, type Category } from '../../lib/domain/types';

export function CategoryChip({ category }: { category: Category }) {
  return <span className={`chip cat-${category}`}>{CATEGORY_LABELS[category]}</span>;
}
