import { contentEditableStrategy } from './strategies/contenteditable';
import { draftJsStrategy } from './strategies/draft-js';
import { lexicalStrategy } from './strategies/lexical';
import { proseMirrorStrategy } from './strategies/prosemirror';
import { quill1Strategy } from './strategies/quill1';
import { textareaStrategy } from './strategies/textarea';
import type { EditorStrategy } from './types';

/**
 * Every strategy in detection order: the most specific editor signature first, the plain contenteditable
 * (which matches any editing host) last.
 */
export const EDITOR_STRATEGIES: readonly EditorStrategy[] = [
  draftJsStrategy,
  lexicalStrategy,
  proseMirrorStrategy,
  quill1Strategy,
  textareaStrategy,
  contentEditableStrategy,
];
