import { describe, expect, it } from 'vitest';
import {
  addCorrection,
  classifyMention,
  createCorrection,
  exportCorrections,
  importCorrections,
  MAX_CORRECTIONS,
  resetCorrections,
} from '../../../lib/classify/index';

describe('agent corrections', () => {
  const text = '@acme when will the new stores open in Leeds';

  it('an agent recategorization decides the same mention later', () => {
    const before = classifyMention({ text });
    expect(before.category).toBe('question');
    const corrections = addCorrection([], createCorrection(text, 'praise', '2025-01-02T10:00:00.000Z'));
    const after = classifyMention({ text }, { corrections });
    expect(after.category).toBe('praise');
    expect(after.reasons[0]?.kind).toBe('correction');
    expect(after.reasons[0]?.text).toContain('praise');
  });

  it('shifts similar mentions towards the corrected category, leaves unrelated ones alone', () => {
    const corrected = '@acme the delivery van blocked my driveway again this morning';
    const similar = '@acme a delivery van of yours blocked our street this morning';
    const unrelated = '@acme what are your opening hours on sunday';
    const base = classifyMention({ text: similar });
    const corrections = [createCorrection(corrected, 'neutral', '2025-01-02T10:00:00.000Z')];
    const shifted = classifyMention({ text: similar }, { corrections });
    expect(shifted.complaintProbability).toBeLessThan(base.complaintProbability);
    expect(shifted.reasons.some((reason) => reason.kind === 'correction')).toBe(true);
    expect(classifyMention({ text: unrelated }, { corrections })).toEqual(
      classifyMention({ text: unrelated }),
    );
  });

  it('the latest correction of the same text wins', () => {
    let corrections = addCorrection([], createCorrection(text, 'spam', '2025-01-01T00:00:00.000Z'));
    corrections = addCorrection(corrections, createCorrection(text, 'neutral', '2025-01-03T00:00:00.000Z'));
    expect(corrections).toHaveLength(1);
    expect(classifyMention({ text }, { corrections }).category).toBe('neutral');
  });

  it('exports, imports and resets', () => {
    const corrections = [
      createCorrection('@acme a', 'spam', '2025-01-01T00:00:00.000Z'),
      createCorrection('@acme b', 'crisis', '2025-01-02T00:00:00.000Z'),
    ];
    const exported = exportCorrections(corrections, '2025-02-01T00:00:00.000Z');
    expect(JSON.parse(exported).format).toBe('parley-corrections');
    expect(importCorrections(exported)).toEqual(corrections);
    expect(() => importCorrections('{"format":"other"}')).toThrow(/not a corrections export/);
    expect(() => importCorrections('not json')).toThrow(/invalid JSON/);
    expect(resetCorrections()).toEqual([]);
    expect(classifyMention({ text }, { corrections: resetCorrections() })).toEqual(classifyMention({ text }));
  });

  it('keeps at most MAX_CORRECTIONS, dropping the oldest', () => {
    let corrections = resetCorrections();
    for (let index = 0; index < MAX_CORRECTIONS + 5; index += 1) {
      const at = new Date(Date.UTC(2025, 0, 1) + index * 1000).toISOString();
      corrections = addCorrection(corrections, createCorrection(`post ${index}`, 'neutral', at));
    }
    expect(corrections).toHaveLength(MAX_CORRECTIONS);
    expect(corrections[0]?.text).toBe('post 5');
  });
});
