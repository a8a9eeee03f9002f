import { ParleyDb } from './schema';

/**
 * The profile's one database handle, opened lazily. Only extension-origin contexts (background,
 * sidebar, options, popup) may call this: from a content script it would open a database in the
 * visited site's origin, where the site's own scripts can read it.
 */
let instance: ParleyDb | null = null;

export function getDb(): ParleyDb {
  instance ??= new ParleyDb();
  return instance;
}
