import type { Page } from 'playwright-core';

/**
 * Adds a timeline cell to the X fixture the way X's virtualized list does: from the page's own script
 * (main world), by copying an existing cell and giving it a new status id, author, text and time.
 */
export function appendXCell(
  page: Page,
  post: { id: string; handle: string; text: string; postedAt?: string },
): Promise<void> {
  return page.evaluate(({ id, handle, text, postedAt }) => {
    const template = document.querySelector('[data-testid="cellInnerDiv"]');
    if (!template?.parentElement) throw new Error('no timeline cell to copy');
    const cell = template.cloneNode(true) as Element;
    for (const marked of cell.querySelectorAll('[data-parley-marker]')) marked.remove();
    for (const attribute of ['data-parley-mention', 'data-parley-post-id'])
      for (const element of cell.querySelectorAll(`[${attribute}]`)) element.removeAttribute(attribute);
    for (const link of cell.querySelectorAll('a[href*="/status/"]'))
      link.setAttribute('href', `/${handle}/status/${id}`);
    for (const link of cell.querySelectorAll('[data-testid="User-Name"] a'))
      link.setAttribute('href', `/${handle}`);
    const handleSpan = [...cell.querySelectorAll('[data-testid="User-Name"] span')].find((span) =>
      span.textContent?.startsWith('@'),
    );
    if (handleSpan) handleSpan.textContent = `@${handle}`;
    const body = cell.querySelector('[data-testid="tweetText"]');
    if (body) body.textContent = text;
    if (postedAt) for (const time of cell.querySelectorAll('time')) time.setAttribute('datetime', postedAt);
    template.parentElement.append(cell);
  }, post);
}
