import { ConfigReader } from '@backstage/config';
import { readHomelabBackendConfig } from './config';

const CWD = '/srv/portal/packages/backend';

describe('readHomelabBackendConfig: what phase plans may be read from', () => {
  it('finds the catalog’s file locations as the catalog resolves them, from the backend’s working directory', () => {
    const settings = readHomelabBackendConfig(
      new ConfigReader({
        catalog: {
          locations: [
            { type: 'file', target: '../../catalog-info.yaml' },
            {
              type: 'url',
              target: 'https://git.example.net/x/catalog-info.yaml',
            },
          ],
        },
      }),
      CWD,
      {},
    );
    expect(settings.catalogFileLocations).toEqual([
      'file:/srv/portal/catalog-info.yaml',
    ]);
  });

  it('defaults the plan size cap to 1 MiB and the read timeout to 5 s, and names a bad value', () => {
    expect(
      readHomelabBackendConfig(new ConfigReader({}), CWD, {}).phases,
    ).toEqual({ maxBytes: 1048576, readTimeoutMs: 5000 });
    expect(
      readHomelabBackendConfig(
        new ConfigReader({
          homelab: { phases: { maxBytes: 2048, readTimeout: '2s' } },
        }),
        CWD,
        {},
      ).phases,
    ).toEqual({ maxBytes: 2048, readTimeoutMs: 2000 });
    expect(() =>
      readHomelabBackendConfig(
        new ConfigReader({ homelab: { phases: { maxBytes: -1 } } }),
        CWD,
        {},
      ),
    ).toThrow(/phases.maxBytes must be a whole number of bytes/);
    expect(() =>
      readHomelabBackendConfig(
        new ConfigReader({ homelab: { phases: { readTimeout: 'soon' } } }),
        CWD,
        {},
      ),
    ).toThrow(/phases.readTimeout is not a duration/);
  });
});
