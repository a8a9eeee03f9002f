/**
 * Rows per page of a customer's history in the sidebar. The first page comes with the mention when it
 * opens, and the background starts reading that page on the marker click: both sides use this number.
 */
export const HISTORY_PAGE = 20;
