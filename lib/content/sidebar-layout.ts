/** Where the content script keeps the sidebar's layout for one site (extension storage.local). */
export function sidebarLayoutKey(host: string): string {
  return `sidebarLayout:${host}`;
}
