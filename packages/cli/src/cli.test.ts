import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve(__dirname, '../bin/homelab');

jest.setTimeout(120_000);

function homelab(args: string[], cwd: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>(
    resolve => {
      execFile(
        process.execPath,
        [BIN, ...args],
        { cwd },
        (error, stdout, stderr) => {
          const code = error
            ? Number((error as { code?: number }).code ?? 1)
            : 0;
          resolve({ code, stdout, stderr });
        },
      );
    },
  );
}

const SPEC = `name: whoami
owner: group:default/homelab
namespace:
  name: demo
  create: true
image: traefik/whoami:v1.10.3
ports:
  - name: http
    port: 8080
hostnames: [whoami]
gateway: {name: homelab, namespace: gateway}
resources:
  requests: {cpu: 10m, memory: 16Mi}
  limits: {memory: 32Mi}
`;

const LATEST_ONLY = `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: demo
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: p
      image: busybox:latest
      resources:
        requests: {cpu: 10m, memory: 16Mi}
        limits: {memory: 32Mi}
      securityContext:
        allowPrivilegeEscalation: false
        capabilities: {drop: [ALL]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: demo}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

describe('homelab (the real bin in a child process)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-cli-'));
    fs.writeFileSync(path.join(dir, 'spec.yaml'), SPEC);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints help and exits 0', async () => {
    const result = await homelab(['--help'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/render/);
    expect(result.stdout).toMatch(/lint/);
  });

  it('renders, then lints its own output clean', async () => {
    const render = await homelab(['render', 'spec.yaml', '-o', 'out'], dir);
    expect(render).toMatchObject({ code: 0 });
    expect(
      fs.existsSync(path.join(dir, 'out/demo/whoami/deployment.yaml')),
    ).toBe(true);
    expect(fs.existsSync(path.join(dir, 'out/demo/namespace.yaml'))).toBe(true);

    const lint = await homelab(
      ['lint', 'out', '--format', 'json', '--strict'],
      dir,
    );
    expect(lint.code).toBe(0);
    expect(JSON.parse(lint.stdout).summary).toEqual({
      error: 0,
      warning: 0,
      // the catalog entities (the new namespace's Resource, the Component) are not Kubernetes objects
      info: 2,
    });
  });

  it('refuses to overwrite changed files with exit 2 unless --force', async () => {
    await homelab(['render', 'spec.yaml', '-o', 'out'], dir);
    const deployment = path.join(dir, 'out/demo/whoami/deployment.yaml');
    fs.writeFileSync(deployment, '# edited by hand\n');
    fs.writeFileSync(path.join(dir, 'spec.yaml'), SPEC.replace('8080', '9090'));

    const refused = await homelab(['render', 'spec.yaml', '-o', 'out'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /refusing to overwrite .*nothing was written \(use --force\)/,
    );
    expect(fs.readFileSync(deployment, 'utf8')).toBe('# edited by hand\n');
    expect(
      fs.readFileSync(path.join(dir, 'out/demo/whoami/service.yaml'), 'utf8'),
    ).toMatch(/8080/);

    const forced = await homelab(
      ['render', 'spec.yaml', '-o', 'out', '--force'],
      dir,
    );
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(deployment, 'utf8')).toMatch(/containerPort: 9090/);
  });

  it('writes nothing for an invalid spec and names the field', async () => {
    fs.writeFileSync(path.join(dir, 'spec.yaml'), SPEC.replace('32Mi', 'lots'));
    const result = await homelab(['render', 'spec.yaml', '-o', 'out'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /resources\.limits\.memory: "lots" is not a Kubernetes quantity/,
    );
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('render admits the gateway named by flags and takes egress pod ports from --manifests', async () => {
    fs.writeFileSync(
      path.join(dir, 'spec.yaml'),
      `${SPEC}ollama: {baseUrl: "http://ollama.ai.svc"}\n`,
    );
    fs.mkdirSync(path.join(dir, 'cluster'));
    fs.writeFileSync(
      path.join(dir, 'cluster/ollama.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata: {name: ollama, namespace: ai}\nspec:\n  selector: {app.kubernetes.io/name: ollama}\n  ports: [{port: 80, targetPort: 11500}]\n',
    );
    const render = await homelab(
      [
        'render',
        'spec.yaml',
        '-o',
        'out',
        '--manifests',
        'cluster',
        '--gateway-data-plane',
        'traefik',
      ],
      dir,
    );
    expect(render).toMatchObject({ code: 0, stderr: '' });
    const policy = fs.readFileSync(
      path.join(dir, 'out/demo/whoami/networkpolicy.yaml'),
      'utf8',
    );
    expect(policy).toMatch(/app\.kubernetes\.io\/name: traefik/);
    expect(policy).toMatch(/port: 11500/);

    const unknown = await homelab(
      ['render', 'spec.yaml', '-o', 'out2', '--no-manifests'],
      dir,
    );
    expect(unknown.code).toBe(0);
    expect(unknown.stderr).toMatch(
      /^warning: networkpolicy\.yaml: gateway\.dataPlane is not set/m,
    );
    expect(unknown.stderr).toMatch(/allows port 11434 \(Ollama's own port\)/);
  });

  it('lint takes the pod network from --pod-cidr and names a bad one', async () => {
    fs.writeFileSync(
      path.join(dir, 'np.yaml'),
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: d, namespace: demo}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to: [{ipBlock: {cidr: 10.244.0.0/16}}]\n      ports: [{port: 53, protocol: UDP}, {port: 53}]\n',
    );
    expect((await homelab(['lint', 'np.yaml'], dir)).code).toBe(1);
    expect(
      (await homelab(['lint', 'np.yaml', '--pod-cidr', '10.244.0.0/16'], dir))
        .code,
    ).toBe(0);
    const bad = await homelab(['lint', 'np.yaml', '--pod-cidr', '10.244'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--pod-cidr: "10.244" is not a CIDR/);
  });

  it("lint --plans holds the services/proxy grants to the plans' http checks", async () => {
    fs.mkdirSync(path.join(dir, 'plans'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'plans/web.md'),
      '# Web\n\n## Cutover\n\n- [ ] Web answers <!-- check: http namespace=web service=web port=http path=/healthz -->\n',
    );
    const role = (ns: string) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: p, namespace: ${ns}}\nrules:\n  - {apiGroups: [""], resources: [services/proxy], resourceNames: ["web:http"], verbs: [get]}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: p, namespace: ${ns}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: p}\nsubjects: [{kind: ServiceAccount, name: homelab-portal, namespace: portal}]\n`;
    fs.writeFileSync(path.join(dir, 'proxy-web.yaml'), role('web'));
    fs.writeFileSync(path.join(dir, 'proxy-db.yaml'), role('db'));
    const clean = await homelab(
      ['lint', 'proxy-web.yaml', '--plans', 'plans'],
      dir,
    );
    expect(clean.code).toBe(0);
    // Before the paths too, as a CI step is often written: the option takes one value.
    const before = await homelab(
      ['lint', '--plans', 'plans', 'proxy-web.yaml'],
      dir,
    );
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    const missing = await homelab(
      ['lint', 'proxy-db.yaml', '--plans', 'plans', '--format', 'json'],
      dir,
    );
    expect(missing.code).toBe(1);
    const findings = JSON.parse(missing.stdout).findings.filter(
      (f: { rule: string }) => f.rule === 'portal-service-proxy',
    );
    expect(findings.map((f: any) => `${f.file}:${f.line}`)).toEqual([
      `${path.join('plans', 'web.md')}:5`,
      'proxy-db.yaml:10',
    ]);
    // Without --plans the rule does not run: the same file lints clean.
    expect((await homelab(['lint', 'proxy-db.yaml'], dir)).code).toBe(0);
    const other = await homelab(
      [
        'lint',
        'proxy-web.yaml',
        '--plans',
        'plans',
        '--portal-account',
        'tools/dev-portal',
      ],
      dir,
    );
    expect(other.code).toBe(1);
    const bad = await homelab(
      [
        'lint',
        'proxy-web.yaml',
        '--plans',
        'plans',
        '--portal-account',
        'portal',
      ],
      dir,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^--portal-account portal: write it as <namespace>\/<name>/,
    );
  });

  it('exits 2 when the spec cannot be read', async () => {
    const result = await homelab(['render', 'missing.yaml', '-o', 'out'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing\.yaml: cannot be read/);
  });

  it('lint exits 1 on errors with the documented JSON shape', async () => {
    fs.writeFileSync(
      path.join(dir, 'bad.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  contianers: []\n',
    );
    const result = await homelab(['lint', 'bad.yaml', '--format', 'json'], dir);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ files: 1, objects: 1 });
    expect(json.findings).toContainEqual({
      rule: 'schema',
      severity: 'error',
      file: 'bad.yaml',
      line: 5,
      kind: 'Pod',
      name: 'p',
      namespace: 'default',
      message: 'unknown field "contianers" in spec',
      fix: 'Rename it to "containers".',
    });
    expect(Object.keys(json.summary)).toEqual(['error', 'warning', 'info']);
  });

  it('lint exits 0 on warnings, 1 with --strict, and prints fix lines', async () => {
    fs.writeFileSync(path.join(dir, 'pod.yaml'), LATEST_ONLY);
    const relaxed = await homelab(['lint', 'pod.yaml'], dir);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toMatch(
      /^pod\.yaml:12 {2}warning {2}container-image-tag {2}.*\n {2}fix: /m,
    );
    expect((await homelab(['lint', 'pod.yaml', '--strict'], dir)).code).toBe(1);
  });

  it('reports malformed YAML as a finding, not a stack trace', async () => {
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'a: [1, 2\nb: {\n');
    const result = await homelab(['lint', 'broken.yaml'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/broken\.yaml:\d+ {2}error {2}yaml/);
    expect(result.stderr).not.toMatch(/at .*\(.*:\d+:\d+\)/);
  });

  it('exits 2 for unreadable input and usage errors', async () => {
    expect((await homelab(['lint', 'nowhere'], dir)).code).toBe(2);
    expect(
      (await homelab(['lint', '--pss-level', 'strict', 'x.yaml'], dir)).code,
    ).toBe(2);
  });
});
