/** The editor families whose insertion differs. Chosen by looking at the editor, never by site name. */
export type EditorKind = 'draft-js' | 'lexical' | 'prosemirror' | 'quill1' | 'textarea' | 'contenteditable';

export interface InsertOptions {
  /**
   * How many characters at the start of the editor's text to keep (a site-prefilled "@user " the reply
   * goes after). Everything after it is replaced.
   */
  keepLength?: number;
}

/**
 * One way of putting text into one kind of editor. All of it runs in the content script's isolated world:
 * it shares the page's DOM but not its JavaScript objects, so a strategy may only use DOM events, the
 * selection and editing commands, never the editor library's own API.
 */
export interface EditorStrategy {
  kind: EditorKind;
  /** Whether `editable` (an editing host or a text control) belongs to this kind of editor. */
  detect(editable: HTMLElement): boolean;
  /** Replaces the editor's text after `keepLength` characters with `text` (already normalised). */
  insert(editable: HTMLElement, text: string, options?: InsertOptions): Promise<void> | void;
  /** The editor's text as the editor renders it: one line per paragraph, line breaks as "\n". */
  readBack(editable: HTMLElement): string;
}
