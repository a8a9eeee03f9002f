import { useMemo } from 'react';
import { create } from 'zustand';
import type { Category } from '../../../lib/domain/types';
import type { Policy } from '../../../lib/policy/schema';
import { templateLanguages } from '../../../lib/replies/suggest';

/**
 * The language the agent answers a post in, per post, for the sidebar's lifetime. Shared so the reply
 * editor and the guidance's private-channel step offer scripts in the same language.
 */
const useChosenLanguages = create<Record<string, string>>(() => ({}));

export function useReplyLanguage(
  postKey: string,
  policy: Policy | undefined,
  category: Category,
): { language: string; languages: string[]; choose: (language: string) => void } {
  const languages = useMemo(() => (policy ? templateLanguages(policy, category) : []), [policy, category]);
  const chosen = useChosenLanguages((state) => state[postKey]);
  // English when the policy writes for it (or nothing yet), else the language it writes most in.
  const language =
    chosen ?? (languages.includes('en') || languages.length === 0 ? 'en' : (languages[0] as string));
  const choose = (next: string) => useChosenLanguages.setState({ [postKey]: next });
  return { language, languages, choose };
}
