import { ParleyDb } from './schema';

let instance: ParleyDb | undefined;

/**
 * The one database of the extension origin (background, sidebar, popup, options). Never imported by
 * content scripts: IndexedDB opened there would live in the site's origin, readable by the site.
 */
export function getDb(): ParleyDb {
  instance ??= new ParleyDb();
  return instance;
}
