import { beforeEach, describe, expect, it, vi } from 'vitest';

const sendMessage = vi.fn();
vi.mock('wxt/browser', () => ({ browser: { runtime: { sendMessage } } }));

const { sendToBackground } = await import('../../../lib/content/send');

describe('sendToBackground', () => {
  beforeEach(() => sendMessage.mockReset());

  it('answers what the background answered', async () => {
    sendMessage.mockResolvedValue({ results: [] });
    await expect(
      sendToBackground('content:report-posts', { url: 'https://x.com/home', posts: [] }),
    ).resolves.toEqual({
      results: [],
    });
    expect(sendMessage).toHaveBeenCalledWith({
      type: 'content:report-posts',
      payload: { url: 'https://x.com/home', posts: [] },
    });
  });

  it('rejects with the message when the background handler failed', async () => {
    sendMessage.mockResolvedValue({ ok: false, message: 'Storage is full.' });
    await expect(
      sendToBackground('content:report-posts', { url: 'https://x.com/home', posts: [] }),
    ).rejects.toThrow('Storage is full.');
  });

  it('leaves an answer that only says ok: false alone (not a failed handler)', async () => {
    sendMessage.mockResolvedValue({ ok: false });
    await expect(sendToBackground('content:open-mention', { postKey: 'x:1' })).resolves.toEqual({
      ok: false,
    });
  });
});
