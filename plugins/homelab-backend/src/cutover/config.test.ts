import { ConfigReader } from '@backstage/config';
import { readCutoverConfig } from './config';

describe('homelab.cutover configuration', () => {
  it('calls no host directly unless listed, with the outbound defaults', () => {
    expect(readCutoverConfig(new ConfigReader({}))).toEqual({
      allowedHosts: [],
      limits: { timeoutMs: 10_000, maxBytes: 8 * 1024 * 1024 },
      intervalMs: 15_000,
      timeoutMs: 12_000,
      minGapMs: 5_000,
    });
  });

  it('reads the allowed hosts and the limits', () => {
    const config = new ConfigReader({
      homelab: {
        cutover: {
          allowedHosts: ['karakeep.k8s.home.arpa'],
          timeout: '3s',
          maxBytes: 1024,
          interval: '10s',
          minGap: '2s',
        },
      },
    });
    expect(readCutoverConfig(config)).toEqual({
      allowedHosts: ['karakeep.k8s.home.arpa'],
      limits: { timeoutMs: 3000, maxBytes: 1024 },
      intervalMs: 10_000,
      timeoutMs: 8_000,
      minGapMs: 2_000,
    });
  });

  it('keeps the minimum gap within the interval and refuses an interval too short, naming it', () => {
    const config = (cutover: object) =>
      new ConfigReader({ homelab: { cutover } });
    expect(
      readCutoverConfig(config({ interval: '3s', minGap: '1m' })).minGapMs,
    ).toBe(3_000);
    expect(() => readCutoverConfig(config({ interval: '1s' }))).toThrow(
      /homelab\.cutover\.interval is 1000 ms, too short/,
    );
    expect(() => readCutoverConfig(config({ minGap: 'often' }))).toThrow(
      /homelab\.cutover\.minGap is not a duration/,
    );
  });
});
