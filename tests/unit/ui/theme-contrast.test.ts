import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Each custom property of components/theme.css, as its light and dark colour. */
function themeColours(): Map<string, { light: string; dark: string }> {
  const css = readFileSync(path.resolve(import.meta.dirname, '../../../components/theme.css'), 'utf8');
  const colours = new Map<string, { light: string; dark: string }>();
  for (const [, name = '', written = ''] of css.matchAll(/(--[\w-]+):\s*([^;]+);/g)) {
    const value = written.trim();
    const pair = /^light-dark\(\s*(#[0-9a-f]{6})\s*,\s*(#[0-9a-f]{6})\s*\)$/i.exec(value);
    if (pair) colours.set(name, { light: pair[1] as string, dark: pair[2] as string });
    else if (/^#[0-9a-f]{6}$/i.test(value)) colours.set(name, { light: value, dark: value });
  }
  return colours;
}

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

const colours = themeColours();
const TEXT = 4.5; // WCAG AA, normal text
const NON_TEXT = 3; // focus rings and other non-text contrast

/** [foreground, background, minimum ratio]: the pairs the sidebar, popup and options page draw. */
const PAIRS: Array<[string, string, number]> = [
  ['--fg', '--bg', TEXT],
  ['--fg', '--bg-raised', TEXT],
  ['--fg-muted', '--bg', TEXT],
  ['--fg-muted', '--bg-raised', TEXT],
  ['--accent', '--bg', TEXT],
  ['--accent-fg', '--accent', TEXT],
  ['--ok', '--bg', TEXT],
  ['--warn', '--bg', TEXT],
  ['--danger', '--bg', TEXT],
  ['--sev-4-fg', '--sev-4', TEXT],
  ['--focus', '--bg', NON_TEXT],
  ['--focus', '--bg-raised', NON_TEXT],
  // Switches: the track against the page, the knob against the track, off and on.
  ['--switch-off', '--bg', NON_TEXT],
  ['--switch-off', '--bg-raised', NON_TEXT],
  ['--ok', '--bg-raised', NON_TEXT],
  ['--switch-knob', '--switch-off', NON_TEXT],
  ['--switch-knob', '--ok', NON_TEXT],
  ...['complaint', 'question', 'praise', 'crisis', 'spam', 'neutral'].flatMap(
    (category): Array<[string, string, number]> => [
      [`--cat-${category}`, '--bg', TEXT],
      [`--cat-${category}`, `--cat-${category}-soft`, TEXT],
    ],
  ),
  ...['1', '2', '3'].map((level): [string, string, number] => [`--sev-${level}`, '--bg', TEXT]),
  // Coloured text on tinted surfaces: the case status pills, the repeat-complainer badge, "this post" in
  // the timeline, the Check badge and a too-long suggestion (on the raised cards).
  ['--warn', '--warn-soft', TEXT],
  ['--accent', '--accent-soft', TEXT],
  ['--ok', '--ok-soft', TEXT],
  ['--warn', '--bg-raised', TEXT],
  // An overdue crisis status update, on the crisis banner.
  ['--danger', '--cat-crisis-soft', TEXT],
  // A queue row's severity and clock on the row's hover and active (or open) background.
  ...['--bg-hover', '--accent-soft'].flatMap(
    (row): Array<[string, string, number]> =>
      ['--sev-1', '--sev-2', '--sev-3', '--ok', '--warn', '--danger', '--fg-muted'].map(
        (foreground): [string, string, number] => [foreground, row, TEXT],
      ),
  ),
];

describe('theme colours', () => {
  for (const theme of ['light', 'dark'] as const) {
    it.each(PAIRS)(`${theme}: %s on %s reaches %s:1`, (foreground, background, minimum) => {
      const fg = colours.get(foreground)?.[theme];
      const bg = colours.get(background)?.[theme];
      expect(fg, foreground).toBeDefined();
      expect(bg, background).toBeDefined();
      expect(contrast(fg as string, bg as string)).toBeGreaterThanOrEqual(minimum);
    });
  }
});
