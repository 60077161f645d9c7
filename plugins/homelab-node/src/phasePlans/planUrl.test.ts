import { Readable } from 'node:stream';
import { mockServices } from '@backstage/backend-test-utils';
import { NotModifiedError } from '@backstage/errors';
import { PlanRefusedError } from './planRefusedError';
import { readPlanUrl } from './planUrl';

const URL = 'https://git.example.net/homelab/raw/main/docs/phases/p.md';
const limits = { maxBytes: 1024, readTimeoutMs: 200 };

describe('readPlanUrl', () => {
  const reader = mockServices.urlReader.mock();
  beforeEach(() => reader.readUrl.mockReset());

  it('reads the body through the UrlReader with an abort signal and hands back its ETag', async () => {
    reader.readUrl.mockResolvedValue({
      buffer: async () => Buffer.from('ignored'),
      stream: () => Readable.from([Buffer.from('# Phase 1\n')]),
      etag: '"v1"',
    });
    expect(await readPlanUrl(reader, URL, limits)).toEqual({
      text: '# Phase 1\n',
      etag: '"v1"',
      lastModifiedAt: undefined,
    });
    expect(reader.readUrl).toHaveBeenCalledWith(
      URL,
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
  });

  it('asks only for a change since the previous read, by ETag else by time, and passes NotModifiedError on', async () => {
    const since = new Date('2026-12-01T00:00:00Z');
    reader.readUrl.mockRejectedValue(new NotModifiedError('same'));
    await expect(
      readPlanUrl(reader, URL, limits, { etag: '"v1"', lastModifiedAt: since }),
    ).rejects.toBeInstanceOf(NotModifiedError);
    expect(reader.readUrl).toHaveBeenLastCalledWith(
      URL,
      expect.objectContaining({ etag: '"v1"', lastModifiedAfter: undefined }),
    );
    await expect(
      readPlanUrl(reader, URL, limits, { lastModifiedAt: since }),
    ).rejects.toBeInstanceOf(NotModifiedError);
    expect(reader.readUrl).toHaveBeenLastCalledWith(
      URL,
      expect.objectContaining({ lastModifiedAfter: since }),
    );
  });

  it('stops an endless body at homelab.phases.maxBytes, and refuses a too large buffer', async () => {
    reader.readUrl.mockResolvedValueOnce({
      buffer: async () => Buffer.alloc(0),
      stream: () =>
        new Readable({
          read() {
            this.push(Buffer.alloc(512, 'a'));
          },
        }),
    });
    const message = `${URL} is larger than homelab.phases.maxBytes (1 KiB); split the plan or raise the limit`;
    await expect(readPlanUrl(reader, URL, limits)).rejects.toThrow(message);
    reader.readUrl.mockResolvedValueOnce({
      buffer: async () => Buffer.alloc(2048, 'a'),
    });
    await expect(readPlanUrl(reader, URL, limits)).rejects.toThrow(message);
  });

  it('gives up on a reader that never answers or a body that trickles past homelab.phases.readTimeout', async () => {
    const timedOut = `${URL} was not read within homelab.phases.readTimeout (0.2 s)`;
    reader.readUrl.mockReturnValueOnce(new Promise<never>(() => undefined));
    const hang = readPlanUrl(reader, URL, limits);
    await expect(hang).rejects.toBeInstanceOf(PlanRefusedError);
    await expect(hang).rejects.toThrow(timedOut);

    const trickle = new Readable({ read() {} });
    const drip = setInterval(() => trickle.push('x'), 20);
    trickle.on('close', () => clearInterval(drip));
    reader.readUrl.mockResolvedValueOnce({
      buffer: async () => Buffer.alloc(0),
      stream: () => trickle,
    });
    await expect(
      readPlanUrl(reader, URL, { ...limits, maxBytes: 1024 * 1024 }),
    ).rejects.toThrow(timedOut);
    expect(trickle.destroyed).toBe(true);
  });
});
