/**
 * Bench-only helpers for Node (bundled by bench/bundle.mjs): the default policy and its schema, to
 * build the 1-term and 1,000-term policies the term-scaling benchmark writes to extension storage, and
 * the classifier for the throughput benchmark, and the reply checks for their long-reply timing.
 */
export { classifyMention } from '../../lib/classify';
export { DEFAULT_POLICY } from '../../lib/policy/default-policy';
export { policySchema } from '../../lib/policy/schema';
export { checkReply } from '../../lib/replies/checks';
