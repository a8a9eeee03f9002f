/** The content script's two files in the built extension (entrypoints/content-watcher.ts, content-engine.ts). */
export const CONTENT_SCRIPT_FILE = 'content-watcher.js';
export const CONTENT_ENGINE_FILE = 'content-engine.js';
