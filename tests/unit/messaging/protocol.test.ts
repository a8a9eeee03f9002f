import { describe, expect, it, vi } from 'vitest';

// Counts the object schemas zod builds, to check when the protocol builds its tables.
const built = vi.hoisted(() => ({ objects: 0 }));
vi.mock('zod/mini', async (importOriginal) => {
  const actual = await importOriginal<typeof import('zod/mini')>();
  return {
    ...actual,
    object: (...args: Parameters<typeof actual.object>) => {
      built.objects += 1;
      return actual.object(...args);
    },
  };
});

const { backgroundToContent, parseEnvelope } = await import('../../../lib/messaging/protocol');

/** A copy of the module loaded afresh, with the count of object schemas built while it loaded. */
async function freshProtocol() {
  vi.resetModules();
  built.objects = 0;
  const protocol = await import('../../../lib/messaging/protocol');
  return { protocol, builtAtLoad: built.objects };
}

const POST_KEY = 'x:1234567890';

describe('parseEnvelope', () => {
  it('accepts a message of the direction with a valid payload', () => {
    const envelope = parseEnvelope(backgroundToContent, {
      type: 'background:mention-updated',
      payload: { postKey: POST_KEY, category: 'praise' },
    });
    expect(envelope).toEqual({
      type: 'background:mention-updated',
      payload: { postKey: POST_KEY, category: 'praise' },
    });
  });

  it.each([
    ['not an object', 'background:rescan'],
    ['no type', { payload: {} }],
    ['a type of another direction', { type: 'content:open-mention', payload: { postKey: POST_KEY } }],
    ['a prototype key as type', { type: 'toString', payload: {} }],
    ['a payload that breaks the schema', { type: 'background:set-layout', payload: { state: 'huge' } }],
    [
      'a payload over a limit',
      { type: 'background:insert-reply', payload: { requestId: 'r', postKey: POST_KEY, text: '' } },
    ],
  ])('refuses %s', (_case, message) => {
    expect(parseEnvelope(backgroundToContent, message)).toBeNull();
  });
});

describe('schema tables', () => {
  it('are not built when the module loads (the content script evaluates it inside pages)', async () => {
    expect((await freshProtocol()).builtAtLoad).toBe(0);
  });

  it('are built on first use, once, one direction at a time', async () => {
    const { backgroundToContent, contentToBackground, parseEnvelope } = (await freshProtocol()).protocol;
    const first = backgroundToContent();
    const forContent = built.objects;
    expect(forContent).toBe(4); // its four messages, no other direction's
    expect(backgroundToContent()).toBe(first);
    parseEnvelope(backgroundToContent, { type: 'background:rescan', payload: {} });
    expect(built.objects).toBe(forContent);

    contentToBackground();
    expect(built.objects).toBeGreaterThan(forContent);
  });
});
