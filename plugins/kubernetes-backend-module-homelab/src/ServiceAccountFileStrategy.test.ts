import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClusterDetails } from '@backstage/plugin-kubernetes-node';
import { ServiceAccountFileStrategy } from './ServiceAccountFileStrategy';

const cluster = (
  authMetadata: Record<string, string> = {},
): ClusterDetails => ({
  name: 'homelab',
  url: 'https://kubernetes.default.svc',
  authMetadata,
});

describe('ServiceAccountFileStrategy', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-sa-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sends the token file, and the new token once the file is replaced', async () => {
    fs.writeFileSync(path.join(dir, 'token'), 'first\n');
    const strategy = new ServiceAccountFileStrategy(dir);
    await expect(strategy.getCredential(cluster())).resolves.toEqual({
      type: 'bearer token',
      token: 'first',
    });
    fs.writeFileSync(path.join(dir, 'token.new'), 'second-token');
    fs.renameSync(path.join(dir, 'token.new'), path.join(dir, 'token'));
    await expect(strategy.getCredential(cluster())).resolves.toEqual({
      type: 'bearer token',
      token: 'second-token',
    });
  });

  it('prefers a serviceAccountToken written in the cluster entry', async () => {
    const strategy = new ServiceAccountFileStrategy(dir);
    await expect(
      strategy.getCredential(cluster({ serviceAccountToken: 'written' })),
    ).resolves.toEqual({ type: 'bearer token', token: 'written' });
  });

  it('names the file and the setting when the token is missing', async () => {
    const strategy = new ServiceAccountFileStrategy(dir);
    await expect(strategy.getCredential(cluster())).rejects.toThrow(
      `the service account token ${path.join(
        dir,
        'token',
      )} could not be read (ENOENT`,
    );
    await expect(strategy.getCredential(cluster())).rejects.toThrow(
      /set homelab\.serviceAccountDir$/,
    );
  });
});
