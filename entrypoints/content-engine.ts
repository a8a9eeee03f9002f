import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createContentEngine } from '../lib/content/engine';
import { publishEngineFactory } from '../lib/content/engine-handle';

// Injected by the background into a page's isolated world when the content script needs it.
export default defineUnlistedScript(() => {
  publishEngineFactory(createContentEngine);
});
