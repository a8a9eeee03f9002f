import { useEffect } from 'react';
import type { Settings } from '../background/settings';

/** The theme to apply: the agent's choice, else the site's (in the sidebar), else the system's (CSS). */
export function resolveTheme(
  choice: Settings['theme'] | undefined,
  siteScheme: 'light' | 'dark' | null,
): 'light' | 'dark' | null {
  if (choice === 'light' || choice === 'dark') return choice;
  return siteScheme;
}

/** Sets data-theme on the root element; without it, theme.css follows prefers-color-scheme. */
export function useThemeAttribute(
  choice: Settings['theme'] | undefined,
  siteScheme: 'light' | 'dark' | null,
) {
  const theme = resolveTheme(choice, siteScheme);
  useEffect(() => {
    const root = document.documentElement;
    if (theme) root.dataset.theme = theme;
    else delete root.dataset.theme;
  }, [theme]);
}
