/**
 * Rows per page of a customer's history in the sidebar. The first page comes with the mention when it
 * opens, and the background starts reading that page on the marker click: both sides use this number.
 */
export const HISTORY_PAGE = 20;

/** The most history rows one request may ask for: the background refuses more, the sidebar reads in steps. */
export const HISTORY_READ_MAX = 500;
