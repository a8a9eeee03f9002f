import type { Category } from '../../lib/domain/types';

export const CATEGORY_LABELS: Record<Category, string> = {
  complaint: 'Complaint',
  question: 'Question',
  praise: 'Praise',
  crisis: 'Crisis',
  spam: 'Spam',
  neutral: 'Neutral',
};

export function CategoryChip({ category }: { category: Category }) {
  return <span className={`chip cat-${category}`}>{CATEGORY_LABELS[category]}</span>;
}
