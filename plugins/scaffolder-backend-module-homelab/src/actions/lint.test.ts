import fs from 'node:fs';
import { join } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  renderManifests,
  assertServiceSpec,
} from '@internal/homelab-manifests';
import { actionContext, serviceSpec } from '../__testUtils__/actionContext';
import { createLintManifestsAction } from './lint';

const LEAKY_SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: app
  namespace: apps
stringData:
  PASSWORD: hunter2
`;

describe('homelab:manifests:lint', () => {
  const dir = createMockDirectory();
  const action = createLintManifestsAction();
  beforeEach(() => dir.clear());

  it('passes a rendered set and outputs the counts', async () => {
    const spec = assertServiceSpec({
      ...serviceSpec(),
      resources: {
        requests: { cpu: '100m', memory: '128Mi' },
        limits: { memory: '512Mi' },
      },
    });
    dir.setContent(
      Object.fromEntries(
        renderManifests(spec).map(f => [`manifests/${f.path}`, f.content]),
      ),
    );
    const { ctx, outputs, logLines } = actionContext(
      { path: 'manifests' },
      { workspacePath: dir.path },
    );
    await action.handler(ctx);
    expect(outputs()).toMatchObject({ errors: 0, files: 11 });
    expect(logLines('info')).toContain(
      `lint: 11 file(s), 0 error(s), ${outputs().warnings} warning(s), ${
        outputs().infos
      } info(s)`,
    );
  });

  it('fails on errors and logs each finding with file:line', async () => {
    dir.setContent({ 'manifests/apps/secret.yaml': LEAKY_SECRET });
    const { ctx, outputs, logLines } = actionContext(
      {},
      { workspacePath: dir.path },
    );
    await expect(action.handler(ctx)).rejects.toThrow(
      'lint found 1 error(s) in manifests; the task log lists each with file:line and its fix',
    );
    expect(outputs().errors).toBe(1);
    expect(logLines('error')).toEqual([
      expect.stringMatching(
        /^manifests\/apps\/secret\.yaml:7 error \[secret-plaintext\] Secret\/app: .*Fix: /,
      ),
    ]);
    expect(logLines('error').join('\n')).not.toContain('hunter2');
  });

  it('refuses paths outside the workspace and folders without YAML', async () => {
    const outside = actionContext({ path: '../' }, { workspacePath: dir.path });
    await expect(action.handler(outside.ctx)).rejects.toThrow(
      'path: "../" contains ".."',
    );
    fs.mkdirSync(join(dir.path, 'empty'));
    const empty = actionContext({ path: 'empty' }, { workspacePath: dir.path });
    await expect(action.handler(empty.ctx)).rejects.toThrow(
      'path: empty: contains no .yaml or .yml files',
    );
  });

  it('refuses a link in the workspace that leads to the host, naming the file, and logs nothing of it', async () => {
    dir.setContent({ 'manifests/apps/secret.yaml': LEAKY_SECRET });
    fs.symlinkSync('/etc/passwd', join(dir.path, 'manifests/apps/passwd.yaml'));
    const { ctx, logger } = actionContext({}, { workspacePath: dir.path });
    await expect(action.handler(ctx)).rejects.toThrow(
      'path: manifests/apps/passwd.yaml: is a link to a place outside manifests; not read',
    );
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('refuses a lint path that is a link out of the workspace', async () => {
    fs.symlinkSync('/etc', join(dir.path, 'manifests'));
    const { ctx, logger } = actionContext({}, { workspacePath: dir.path });
    await expect(action.handler(ctx)).rejects.toThrow(
      'path: "manifests" resolves through a link to a place outside the workspace',
    );
    expect(logger.info).not.toHaveBeenCalled();
  });

  it.each([
    ['/etc', 'path: "/etc" must be a relative path inside the workspace'],
    ['manifests/../..', 'path: "manifests/../.." contains ".."'],
  ])('refuses the path %s', async (path, message) => {
    const { ctx } = actionContext({ path }, { workspacePath: dir.path });
    await expect(action.handler(ctx)).rejects.toThrow(message);
  });

  it('fails on a kustomization that loads files from outside the workspace folder, naming file:line', async () => {
    dir.setContent({
      'manifests/apps/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../../../../etc/kubernetes
configMapGenerator:
  - name: leak
    files: [passwd=/etc/passwd]
`,
    });
    const { ctx, outputs, logLines } = actionContext(
      {},
      { workspacePath: dir.path },
    );
    await expect(action.handler(ctx)).rejects.toThrow('lint found 2 error(s)');
    expect(outputs().errors).toBe(2);
    expect(logLines('error')).toEqual([
      expect.stringMatching(
        /^manifests\/apps\/kustomization\.yaml:4 error \[kustomization-path\] Kustomization\/\?: resources\[0\] "\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/kubernetes" resolves outside/,
      ),
      expect.stringMatching(
        /^manifests\/apps\/kustomization\.yaml:7 error \[kustomization-path\] .*files\[0\] "\/etc\/passwd"/,
      ),
    ]);
  });
});
