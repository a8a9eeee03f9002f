// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { isSendControl, openComposer } from '../../../lib/sites/composer';

beforeEach(() => {
  document.body.innerHTML = `
    <article id="post">
      <button id="reply" type="button">Reply</button>
      <form><div contenteditable="true" role="textbox">a draft</div><div id="send" role="button">Comment</div></form>
      <button id="submit" type="submit">Reply</button>
    </article>`;
});

const byId = (id: string) => document.getElementById(id) as HTMLElement;

describe('opening a reply box never sends', () => {
  it('tells a text box’s send control and a submit button from a reply control', () => {
    const post = byId('post');
    expect(isSendControl(byId('reply'), post)).toBe(false);
    expect(isSendControl(byId('send'), post)).toBe(true);
    expect(isSendControl(byId('submit'), post)).toBe(true);
  });

  it('judges a reply control inside a form around the whole page (ASP.NET, forum moderation) without it', () => {
    document.body.innerHTML = `
      <form id="page"><input type="text" name="search">
        <div class="post" id="post"><p>Acme lost my parcel</p><a id="reply" href="#">Reply</a></div>
      </form>`;
    expect(isSendControl(byId('reply'), byId('post'))).toBe(false);
  });

  it('does not click a send control an adapter took for the reply control', async () => {
    for (const id of ['send', 'submit']) {
      let clicks = 0;
      byId(id).addEventListener('click', (event) => {
        event.preventDefault();
        clicks += 1;
      });
      const box = await openComposer({
        post: byId('post'),
        findTrigger: () => byId(id),
        composerSelector: '[role="textbox"]',
        timeoutMs: 50,
      });
      expect(box, id).toBeNull();
      expect(clicks, id).toBe(0);
    }
  });
});
