/**
 * A minimal old-Reddit thread (the markup the reddit-old adapter reads) with comments written at chosen
 * times, so a test can set up mentions whose first-response clocks are in known states. Texts are test
 * data written here, never page markup from elsewhere; they are HTML-escaped.
 */
export interface ThreadComment {
  id: string;
  author: string;
  text: string;
  postedAt: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function oldRedditThread(threadPath: string, comments: ThreadComment[]): string {
  const things = comments
    .map(
      (comment) => `
<div class="thing comment" id="thing_t1_${comment.id}" data-fullname="t1_${comment.id}" data-type="comment"
  data-author="${escapeHtml(comment.author)}" data-permalink="${threadPath}${comment.id}/">
  <div class="entry">
    <p class="tagline"><a class="author" href="https://old.reddit.com/user/${escapeHtml(comment.author)}">${escapeHtml(comment.author)}</a>
      <time datetime="${comment.postedAt}" class="live-timestamp">recently</time></p>
    <form class="usertext"><div class="usertext-body"><div class="md"><p>${escapeHtml(comment.text)}</p></div></div></form>
  </div>
  <div class="child"></div>
</div>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Queue check : AcmeSupport</title></head>
<body><div class="content"><div class="commentarea"><div class="sitetable nestedlisting">${things}</div></div></div></body></html>`;
}
