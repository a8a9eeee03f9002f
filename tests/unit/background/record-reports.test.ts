import { describe, expect, it } from 'vitest';
import { recordReportedPosts } from '../../../lib/background/record-reports';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import { freshDb, makePost } from '../db/fixtures';

const context = { policy: DEFAULT_POLICY, corrections: [], detectedAt: '2026-11-20T15:00:00.000Z' };

describe('recordReportedPosts', () => {
  it('records each post and answers its category; the brand’s own replies are not rated', async () => {
    const db = freshDb();
    const results = await recordReportedPosts(
      db,
      [
        {
          post: makePost({ handle: 'jane', postId: 'a1', text: 'Acme lost my order again, furious' }),
          ownAccount: false,
        },
        { post: makePost({ handle: 'acme', postId: 'a2', text: 'Sorry Jane, DM us' }), ownAccount: true },
      ],
      context,
    );
    expect(results.map((result) => result.postKey)).toEqual(['x:a1', 'x:a2']);
    expect(results[0]?.category).toBe('complaint');
    expect(await db.mentions.get('x:a1')).toMatchObject({ category: 'complaint' });
    // Not rated as a customer's post (and, replying to no known case, not stored).
    expect(results[1]?.category).toBe('neutral');
  });

  it('records the rest of a report when the database refuses one post', async () => {
    const db = freshDb();
    const results = await recordReportedPosts(
      db,
      [
        { post: makePost({ handle: 'jane', postId: 'b1' }), ownAccount: false },
        { post: makePost({ handle: '@', postId: 'b2' }), ownAccount: false },
        { post: makePost({ handle: 'omar', postId: 'b3' }), ownAccount: false },
      ],
      context,
    );
    expect(results.map((result) => result.postKey)).toEqual(['x:b1', 'x:b3']);
    expect(await db.mentions.get('x:b3')).toBeDefined();
  });

  it('fails the report only when no post could be recorded', async () => {
    const db = freshDb();
    await expect(
      recordReportedPosts(
        db,
        [{ post: makePost({ handle: '@', postId: 'c1' }), ownAccount: false }],
        context,
      ),
    ).rejects.toThrow(/author handle/);
    expect(await recordReportedPosts(db, [], context)).toEqual([]);
  });
});
