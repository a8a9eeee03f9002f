import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { CONTENT_SCRIPT_FILE } from './lib/content/files';
import { SUPPORTED_SITE_MATCHES } from './lib/sites/matches';

/**
 * V8's explicit compile hint (a magic comment on the file's first line): compile every function of the
 * always-loaded content script with the script itself. It runs on every page load of busy sites, and
 * nearly all of its functions run within the first second (setup, the walk, the first page update);
 * compiled lazily, each first call parses its function a second time, in the page's own tasks.
 * https://v8.dev/blog/explicit-compile-hints
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

function compileHintPlugin(): Plugin {
  return {
    name: 'parley:compile-hint',
    enforce: 'post',
    // After minification, which drops comments.
    generateBundle(_options, bundle) {
      const chunk = bundle[CONTENT_SCRIPT_FILE];
      if (chunk?.type === 'chunk' && !chunk.code.startsWith(COMPILE_HINT))
        chunk.code = COMPILE_HINT + chunk.code;
    },
  };
}

// The manifest asks for as little as it can: host access only to the supported sites (needed
// for the content script), and optional, runtime-granted access for the policy URL and any
// Mastodon instance or other site the agent enables. Never blanket <all_urls>.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  imports: false,
  // Production builds only: in development the source map is inline and would be a line off. The
  // profile mode (bench/profile.mjs) is the production build left unminified, so functions keep their names.
  vite: (env) => ({
    build: env.mode === 'profile' ? { minify: false } : {},
    plugins: env.mode === 'production' || env.mode === 'profile' ? [compileHintPlugin()] : [],
  }),
  manifest: ({ browser }) => ({
    name: 'Parley',
    description:
      'Customer service on social media, in place: case history, policy guidance and reply suggestions beside posts that mention your brand.',
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'scripting', 'clipboardWrite'],
    // The content script's sites, declared as host permissions too: the sidebar is an extension frame
    // embedded in those pages, and only with host access does it share the extension's own (unpartitioned)
    // IndexedDB instead of a copy partitioned under the site.
    host_permissions: [...SUPPORTED_SITE_MATCHES],
    // The content script: an unlisted script (entrypoints/content-watcher.ts) declared here, without
    // WXT's content-script wrapper. Its engine is injected on demand (lib/content/engine-handle.ts).
    content_scripts: [
      { matches: [...SUPPORTED_SITE_MATCHES], js: [CONTENT_SCRIPT_FILE], run_at: 'document_idle' },
    ],
    optional_host_permissions: ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'],
    web_accessible_resources: [
      {
        resources: ['sidebar.html'],
        matches:
          browser === 'firefox'
            ? ['<all_urls>']
            : ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'],
      },
    ],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Show or hide the Parley sidebar',
      },
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: 'Go to the next mention in the queue',
      },
      'previous-mention': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Go to the previous mention in the queue',
      },
    },
    browser_specific_settings:
      browser === 'firefox'
        ? {
            gecko: {
              id: 'parley@parley.example',
              // 142: the first version that reads data_collection_permissions (desktop and Android).
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          }
        : undefined,
  }),
});
