/**
 * The agent's own settings (not the team's policy): who they are, which sites Parley runs on, and
 * where the team's policy is published. Stored in extension storage, validated on every read so a
 * corrupted value falls back to defaults instead of breaking the worker.
 *
 * Why field by field: settings written by another version of Parley (a newer one's platform in the
 * list of sites switched off, after a downgrade) or partly corrupted must not reset the rest. Read as a
 * whole, one bad field made every setting read as its default, and the next save of any one setting
 * then wrote those defaults back: the policy URL and the agent's added hosts were gone.
 */
import { z } from 'zod';
import { PLATFORMS } from '../domain/types';

/** A list that keeps its valid items: one entry this version does not know leaves the others be. */
function listOf<Item extends z.ZodType>(item: Item) {
  return z
    .array(z.unknown())
    .transform((entries) =>
      entries.flatMap((entry) => {
        const parsed = item.safeParse(entry);
        return parsed.success ? [parsed.data as z.output<Item>] : [];
      }),
    )
    .default([]);
}

export const settingsSchema = z.object({
  agentName: z.string().max(120).default(''),
  agentSignature: z.string().max(200).default(''),
  policyUrl: z.string().max(2_000).default(''),
  /** Platforms switched off by the agent (all on by default). */
  disabledPlatforms: listOf(z.enum(PLATFORMS)),
  mastodonHosts: listOf(z.string().max(253)),
  genericHosts: listOf(z.string().max(253)),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
});
export type Settings = z.infer<typeof settingsSchema>;

export const SETTINGS_KEY = 'settings';

export function parseSettings(stored: unknown): Settings {
  const raw: Record<string, unknown> =
    typeof stored === 'object' && stored !== null && !Array.isArray(stored)
      ? (stored as Record<string, unknown>)
      : {};
  const settings: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(settingsSchema.shape)) {
    const parsed = field.safeParse(raw[key]);
    settings[key] = parsed.success ? parsed.data : field.parse(undefined);
  }
  return settings as Settings;
}

export interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function loadSettings(area: LocalArea): Promise<Settings> {
  return parseSettings((await area.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

export async function saveSettings(area: LocalArea, change: Partial<Settings>): Promise<Settings> {
  const next = settingsSchema.parse({ ...(await loadSettings(area)), ...change });
  await area.set({ [SETTINGS_KEY]: next });
  return next;
}
