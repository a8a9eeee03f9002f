// Reply checks on long adversarial replies (reported beside measure 7): the sidebar runs every check at
// each pause in typing, so a pattern that backtracks once per character of a long run freezes it. Each
// reply is a keyword followed by a long run of separators, the shape that made the personal-data
// patterns take from half a second to over ten seconds on 20,000 characters before they were bounded.
// A typographic character in the opening matters: such replies take the slow path in V8's engine.

const OPENING = 'Thanks for waiting — ';

export const ADVERSARIAL_REPLIES = [
  ['a street type, then spaces', 'Calle', ' ', 'x'],
  ['a street type, then line breaks', 'Via', '\n', 'x'],
  ['a product keyword, then dashes', 'SKU', '-', 'a'],
  ['a product keyword, then spaces', 'SKU', ' ', 'x'],
  ["'art.', then line breaks", 'art.', '\n', 'x'],
  ['a product keyword and its number word, then dashes', 'model no', '—', 'x'],
  ['an order keyword, then dashes', 'order', '-', 'x'],
  ['a reference keyword, then dashes', 'ref', '—', 'x'],
];

function adversarialReply(keyword, separator, end, length) {
  return `${OPENING}${keyword}${separator.repeat(length - OPENING.length - keyword.length - end.length)}${end}`;
}

/** Every check a public reply on X gets, once per reply (after one warm-up run of each pattern). */
export function timeReplyChecks(tools, length = 20_000) {
  const context = { platform: 'x', visibility: 'public', bannedPhrases: [], agentName: 'Sam' };
  const runs = ADVERSARIAL_REPLIES.map(([label, keyword, separator, end]) => {
    tools.checkReply(`${keyword} 12345`, context);
    const reply = adversarialReply(keyword, separator, end, length);
    const started = performance.now();
    tools.checkReply(reply, context);
    return { label, ms: performance.now() - started };
  });
  const worst = runs.reduce((slowest, run) => (run.ms > slowest.ms ? run : slowest));
  return { length, runs, worst };
}
