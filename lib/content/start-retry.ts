/**
 * When a content-script stage cannot get its config from the background (the worker restarting, its
 * storage failing), it keeps following navigation and asks again after this long,
 */
export const START_RETRY_MS = 5_000;
/** this many times per page address (a navigation starts the count again). */
export const START_RETRIES = 3;
