import { describe, expect, it } from 'vitest';
import { MentionWarmer } from '../../../lib/background/mention-warmer';

function setup(maxAgeMs = 2_000) {
  let clock = 1_000;
  const reads: string[] = [];
  const warmer = new MentionWarmer(
    async (postKey, historyLimit) => {
      reads.push(`${postKey}/${historyLimit}`);
      return { postKey, historyLimit, read: reads.length };
    },
    maxAgeMs,
    () => clock,
  );
  return { warmer, reads, advance: (ms: number) => (clock += ms) };
}

describe('mention warmer', () => {
  it('hands the read started on the click to the request for the same mention, once', async () => {
    const { warmer, reads } = setup();
    warmer.warm('x:1', 20);
    expect(reads).toEqual(['x:1/20']);
    const taken = warmer.take({ postKey: 'x:1', historyLimit: 20 });
    expect(await taken).toEqual({ postKey: 'x:1', historyLimit: 20, read: 1 });
    expect(warmer.take({ postKey: 'x:1', historyLimit: 20 })).toBeNull();
    expect(reads).toHaveLength(1);
  });

  it('answers nothing for other arguments, after a database change, or when too old', () => {
    const { warmer, advance } = setup();
    warmer.warm('x:1', 20);
    expect(warmer.take({ postKey: 'x:2', historyLimit: 20 })).toBeNull();
    expect(warmer.take({ postKey: 'x:1', historyLimit: 40 })).toBeNull();
    expect(warmer.take(null)).toBeNull();
    expect(warmer.take('x:1')).toBeNull();
    warmer.clear();
    expect(warmer.take({ postKey: 'x:1', historyLimit: 20 })).toBeNull();
    warmer.warm('x:1', 20);
    advance(2_001);
    expect(warmer.take({ postKey: 'x:1', historyLimit: 20 })).toBeNull();
  });

  it('keeps only the latest click, and redoes a read that failed', async () => {
    let fail = true;
    const warmer = new MentionWarmer(async (postKey) => {
      if (fail) {
        fail = false;
        throw new Error('storage hiccup');
      }
      return postKey;
    });
    warmer.warm('x:1', 20);
    expect(await warmer.take({ postKey: 'x:1', historyLimit: 20 })).toBe('x:1');
    warmer.warm('x:2', 20);
    warmer.warm('x:3', 20);
    expect(warmer.take({ postKey: 'x:2', historyLimit: 20 })).toBeNull();
  });
});
