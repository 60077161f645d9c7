import { mockServices } from '@backstage/backend-test-utils';
import { NotModifiedError } from '@backstage/errors';
import { PlanCache } from './PlanCache';

const URL = 'https://git.example.net/homelab/raw/main/docs/phases/p.md';
const reply = (text: string, etag?: string) => ({
  buffer: async () => Buffer.from(text),
  etag,
});

describe('PlanCache.fromUrl', () => {
  it('sends the ETag it got and keeps the parsed plan while the reader says not modified', async () => {
    const reader = mockServices.urlReader.mock();
    reader.readUrl.mockResolvedValueOnce(
      reply('# Phase 7: Backups\n\n**Status**: In Progress\n', '"v1"'),
    );
    const cache = new PlanCache();

    const first = await cache.fromUrl(reader, URL);
    expect(first).toMatchObject({
      title: 'Phase 7: Backups',
      status: 'in-progress',
    });

    reader.readUrl.mockRejectedValueOnce(new NotModifiedError('same'));
    expect(await cache.fromUrl(reader, URL)).toBe(first);
    expect(reader.readUrl).toHaveBeenLastCalledWith(
      URL,
      expect.objectContaining({ etag: '"v1"' }),
    );

    reader.readUrl.mockResolvedValueOnce(
      reply('# Phase 7: Backups\n\n**Status**: Done\n', '"v2"'),
    );
    expect((await cache.fromUrl(reader, URL)).status).toBe('complete');
  });

  it('passes a read failure on instead of serving nothing', async () => {
    const reader = mockServices.urlReader.mock();
    reader.readUrl.mockRejectedValue(new Error('404 Not Found'));
    await expect(new PlanCache().fromUrl(reader, URL)).rejects.toThrow(
      '404 Not Found',
    );
  });
});
