import fs from 'node:fs';
import path from 'node:path';
import {
  composeDraftRequest,
  draftComposeService,
} from './draftComposeService';

const fixtures = path.resolve(
  __dirname,
  '../../../homelab-manifests/fixtures/compose',
);
const read = (file: string) =>
  fs.readFileSync(path.join(fixtures, file), 'utf8');

describe('draftComposeService', () => {
  it('previews every service of a pasted stack with the pasted .env, without secret values', () => {
    const envFile = read('media/.env');
    const response = draftComposeService(
      composeDraftRequest.parse({
        composeYaml: read('media/compose.yaml'),
        all: true,
        envFile,
      }),
    );
    expect(response.stack!.namespace).toBe('media');
    expect(
      response.stack!.services.find(s => s.service === 'qbittorrent'),
    ).toMatchObject({
      role: 'sidecar',
      runsIn: ['vpn'],
    });
    expect(response.stack!.files).toContain('media/kustomization.yaml');
    expect(response.stack!.phasePlan).toContain('## Tasks');
    // what the .env supplied is listed in the service's check notes
    expect(
      response.stack!.services.find(s => s.service === 'sonarr')!.warnings,
    ).toContain('${SONARR_TAG} in image: from the env file "4.0.11" was used');
    const body = JSON.stringify(response);
    for (const secret of [
      '5f3c9a1e7b2d4f60a8c9e1b3d5f7a9c2',
      'n8n-Db-Passw0rd-2024',
      'yCbd8kWcHZ3tqQ1pXzRmN5vL2sE7aFgH9jK0oPi4uT8=',
    ])
      expect(body).not.toContain(secret);
  });

  it('reads env_file entries only from pasted fields and lists those not given', () => {
    const envFile = read('karakeep/.env');
    const composeYaml = read('karakeep/compose.yaml');
    const without = draftComposeService(
      composeDraftRequest.parse({ composeYaml, service: 'web', envFiles: {} }),
    );
    expect(without.draft!.unmapped.map(u => u.key)).toContain('env_file .env');
    const given = draftComposeService(
      composeDraftRequest.parse({
        composeYaml,
        service: 'web',
        envFile,
        envFiles: { '.env': envFile },
      }),
    );
    expect(given.draft!.unmapped.map(u => u.key)).not.toContain(
      'env_file .env',
    );
    expect(given.draft!.secretKeys).toEqual(
      expect.arrayContaining(['NEXTAUTH_SECRET', 'MEILI_MASTER_KEY']),
    );
    expect(JSON.stringify(given)).not.toContain(
      'Jx3nV8qT2mK9wR5zL7bF4hD6sG1pY0cA',
    );
  });

  it('refuses env_file paths that leave the compose folder', () => {
    const result = composeDraftRequest.safeParse({
      composeYaml: 'services: {}',
      envFiles: { '../../etc/passwd': 'x' },
    });
    expect(result.success).toBe(false);
  });
});
