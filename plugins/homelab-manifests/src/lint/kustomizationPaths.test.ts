import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintManifests } from './lintManifests';
import { readLintInputs } from './readLintInputs';

// A GitOps tree as people write it: an overlay over a base, a remote base, generators
// with key=path files, an inline patch, comments and a stray CRLF line ending.
const OVERLAY = `# prod overlay\r
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: media
resources:
  - ../../base            # shared base, inside the tree
  - github.com/kubernetes-sigs/kustomize//examples/multibases?ref=v5.4.3
  - https://raw.githubusercontent.com/org/repo/main/deploy.yaml
  - ../../../../outside-the-tree
  - /etc/kubernetes/admin.conf
components:
  - ../../components/probes
  - ../../escape/probes
patches:
  - path: patch-replicas.yaml
  - path: ../../../elsewhere/patch.yaml
    target: { kind: Deployment }
  - patch: |-
      - op: replace
        path: /spec/replicas
        value: 2
    target: { kind: Deployment, name: web }
configMapGenerator:
  - name: web-config
    files:
      - nginx.conf
      - passwd=/etc/passwd
    envs: [ ../../../../secrets.env ]
`;

describe('kustomization paths', () => {
  let base: string;
  let tree: string;
  beforeAll(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-paths-'));
    tree = path.join(base, 'gitops');
    const overlay = path.join(tree, 'overlays/prod');
    fs.mkdirSync(overlay, { recursive: true });
    fs.mkdirSync(path.join(tree, 'base'));
    fs.mkdirSync(path.join(tree, 'components/probes'), { recursive: true });
    fs.mkdirSync(path.join(base, 'elsewhere'));
    fs.writeFileSync(path.join(overlay, 'kustomization.yaml'), OVERLAY);
    fs.writeFileSync(
      path.join(overlay, 'patch-replicas.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec: { replicas: 2 }\n',
    );
    fs.writeFileSync(path.join(overlay, 'nginx.conf'), 'server {}\n');
    fs.writeFileSync(
      path.join(tree, 'base/kustomization.yaml'),
      'resources: []\n',
    );
    // A link inside the tree that leads out of it.
    fs.symlinkSync(path.join(base, 'elsewhere'), path.join(tree, 'escape'));
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  const findings = (given: string) => {
    const read = readLintInputs([given]);
    expect(read.problems).toEqual([]);
    return lintManifests(read.inputs).findings.filter(
      f => f.rule === 'kustomization-path',
    );
  };

  it('refuses every entry that leaves the folder given, naming the file, line and entry', () => {
    const found = findings(tree);
    const file = path.join(tree, 'overlays/prod/kustomization.yaml');
    expect(
      found
        .filter(f => f.severity === 'error')
        .map(f => [f.file, f.line, f.message.split(' resolves')[0]]),
    ).toEqual([
      [file, 9, 'resources[3] "../../../../outside-the-tree"'],
      [file, 10, 'resources[4] "/etc/kubernetes/admin.conf"'],
      [file, 13, 'components[1] "../../escape/probes"'],
      [file, 16, 'patches[1].path "../../../elsewhere/patch.yaml"'],
      [file, 27, 'configMapGenerator[0].files[1] "/etc/passwd"'],
      [file, 28, 'configMapGenerator[0].envs[0] "../../../../secrets.env"'],
    ]);
    const first = found.find(f => f.severity === 'error')!;
    expect(first.message).toContain(
      'resolves outside the folder given to the lint',
    );
    expect(first.fix).toContain('lint the folder that holds both');
  });

  it('reports remote bases as info, without fetching them', () => {
    expect(
      findings(tree)
        .filter(f => f.severity === 'info')
        .map(f => [f.line, f.message]),
    ).toEqual([
      [
        7,
        'resources[1] "github.com/kubernetes-sigs/kustomize//examples/multibases?ref=v5.4.3" is remote; the lint does not fetch it, so it was not checked',
      ],
      [
        8,
        'resources[2] "https://raw.githubusercontent.com/org/repo/main/deploy.yaml" is remote; the lint does not fetch it, so it was not checked',
      ],
    ]);
  });

  it('measures against the folder given: the overlay alone may not reach its base', () => {
    const overlayOnly = findings(path.join(tree, 'overlays/prod'));
    expect(
      overlayOnly.filter(f => f.severity === 'error').map(f => f.line),
    ).toEqual([6, 9, 10, 12, 13, 16, 27, 28]);
  });

  it('takes a kustomization file given alone by its own folder', () => {
    const alone = findings(path.join(tree, 'base/kustomization.yaml'));
    expect(alone).toEqual([]);
  });

  it('fails the lint, so the CLI exits 1', () => {
    const read = readLintInputs([tree]);
    expect(lintManifests(read.inputs).summary.error).toBeGreaterThan(0);
  });
});
