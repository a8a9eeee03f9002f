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
    .catch([]);
}

/** Each field falls back to its default on its own (see the header). */
export const settingsSchema = z.object({
  agentName: z.string().max(120).catch(''),
  agentSignature: z.string().max(200).catch(''),
  policyUrl: z.string().max(2_000).catch(''),
  /** Platforms switched off by the agent (all on by default). */
  disabledPlatforms: listOf(z.enum(PLATFORMS)),
  mastodonHosts: listOf(z.string().max(253)),
  genericHosts: listOf(z.string().max(253)),
  theme: z.enum(['system', 'light', 'dark']).catch('system'),
});
export type Settings = z.infer<typeof settingsSchema>;

export const SETTINGS_KEY = 'settings';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseSettings(stored: unknown): Settings {
  return settingsSchema.parse(isRecord(stored) ? stored : {});
}

export interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function loadSettings(area: LocalArea): Promise<Settings> {
  return parseSettings((await area.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

export async function saveSettings(area: LocalArea, change: Partial<Settings>): Promise<Settings> {
  const stored = (await area.get(SETTINGS_KEY))[SETTINGS_KEY];
  const next = settingsSchema.parse({ ...parseSettings(stored), ...change });
  // Sites a newer version knows and the agent switched off there: kept for it, though unread here,
  // so going back to that version does not switch them on again.
  const unknownOff =
    isRecord(stored) && Array.isArray(stored.disabledPlatforms)
      ? stored.disabledPlatforms.filter(
          (entry) => typeof entry === 'string' && !(PLATFORMS as readonly string[]).includes(entry),
        )
      : [];
  await area.set({
    [SETTINGS_KEY]: { ...next, disabledPlatforms: [...next.disabledPlatforms, ...unknownOff] },
  });
  return next;
}
