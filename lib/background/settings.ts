/**
 * The agent's own settings (not the team's policy): who they are, which sites Parley runs on, and
 * where the team's policy is published. Stored in extension storage, validated on every read so a
 * corrupted value falls back to defaults instead of breaking the worker.
 */
import { z } from 'zod';
import { PLATFORMS } from '../domain/types';

export const settingsSchema = z.object({
  agentName: z.string().max(120).default(''),
  agentSignature: z.string().max(200).default(''),
  policyUrl: z.string().max(2_000).default(''),
  /** Platforms switched off by the agent (all on by default). */
  disabledPlatforms: z.array(z.enum(PLATFORMS)).default([]),
  mastodonHosts: z.array(z.string().max(253)).default([]),
  genericHosts: z.array(z.string().max(253)).default([]),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
});
export type Settings = z.infer<typeof settingsSchema>;

export const SETTINGS_KEY = 'settings';

export function parseSettings(stored: unknown): Settings {
  const parsed = settingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : settingsSchema.parse({});
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
