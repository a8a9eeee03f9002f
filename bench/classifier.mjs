// Classifier throughput (measure 7): classifyMention with the default policy's rules over the texts of
// the timeline fixture's posts, in Node and in the extension's service worker (where it runs for real).
import { xTimelineCells } from './fixtures/x-timeline.mjs';

export function classifierTexts(count = 2_000) {
  return xTimelineCells({ start: 0, count, seed: 5 }).posts.map((post) =>
    post.secondLine ? `${post.text}\n${post.secondLine}` : post.text,
  );
}

export function classifyInNode(tools, texts, minMs) {
  const context = { rules: tools.DEFAULT_POLICY.classification, corrections: [] };
  for (const text of texts.slice(0, 50)) tools.classifyMention({ text, platform: 'x' }, context); // warm-up
  let classified = 0;
  const started = performance.now();
  while (performance.now() - started < minMs) {
    for (const text of texts) tools.classifyMention({ text, platform: 'x' }, context);
    classified += texts.length;
  }
  const seconds = (performance.now() - started) / 1000;
  return { classified, seconds, perSecond: classified / seconds };
}

export async function classifyInWorker(session, toolsCode, texts, minMs) {
  await session.worker.evaluate(toolsCode);
  return session.worker.evaluate(
    ({ texts: list, minMs: budget }) => globalThis.parleyBench.classifyThroughput(list, budget),
    { texts, minMs },
  );
}
