import { Readable } from 'node:stream';
import { limitFetch, readAtMost } from './limits';
import { createFetch } from './transport';
import { startStuckServer } from './__testUtils__/stuckServer';

describe('readAtMost', () => {
  it('stops pulling chunks once the cap is passed', async () => {
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled += 1;
        this.push(Buffer.alloc(1024));
      },
    });
    await expect(
      readAtMost(endless, 4096, () => new Error('over 4 KiB')),
    ).rejects.toThrow('over 4 KiB');
    expect(pulled).toBeLessThan(20);
    expect(endless.destroyed).toBe(true);
  });

  it('returns everything under the cap', async () => {
    const text = await readAtMost(
      Readable.from(['a', 'b', 'c']),
      3,
      () => new Error('too large'),
    );
    expect(text.toString()).toBe('abc');
  });
});

describe('limitFetch', () => {
  it('passes the caller’s own abort on as such, not as a timeout', async () => {
    const server = await startStuckServer('silent');
    try {
      const fetch = limitFetch(
        createFetch({}),
        { timeoutMs: 60_000, maxBytes: 1024 },
        'Ollama',
        'homelab.ollama',
      );
      const controller = new AbortController();
      const pending = fetch(server.url, { signal: controller.signal });
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      await server.close();
    }
  });
});
