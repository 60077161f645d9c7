import { ConfigReader } from '@backstage/config';
import { readCutoverConfig } from './config';

describe('homelab.cutover configuration', () => {
  it('calls no host directly unless listed, with the outbound defaults', () => {
    expect(readCutoverConfig(new ConfigReader({}))).toEqual({
      allowedHosts: [],
      limits: { timeoutMs: 10_000, maxBytes: 8 * 1024 * 1024 },
    });
  });

  it('reads the allowed hosts and the limits', () => {
    const config = new ConfigReader({
      homelab: {
        cutover: {
          allowedHosts: ['karakeep.k8s.home.arpa'],
          timeout: '3s',
          maxBytes: 1024,
        },
      },
    });
    expect(readCutoverConfig(config)).toEqual({
      allowedHosts: ['karakeep.k8s.home.arpa'],
      limits: { timeoutMs: 3000, maxBytes: 1024 },
    });
  });
});
