import { parseServiceSpec, parseServiceSpecYaml } from './parseServiceSpec';
import type { ServiceSpecInput } from './serviceSpec';

const valid: ServiceSpecInput = {
  name: 'karakeep',
  owner: 'group:default/homelab',
  namespace: { name: 'karakeep', create: true },
  image: 'ghcr.io/karakeep-app/karakeep:0.24.1',
  ports: [{ name: 'http', port: 3000 }],
  resources: {
    requests: { cpu: '100m', memory: '256Mi' },
    limits: { memory: '1Gi' },
  },
};

function problems(change: (spec: any) => void) {
  const spec = structuredClone(valid) as any;
  change(spec);
  const result = parseServiceSpec(spec);
  if (result.success) throw new Error('expected the spec to be refused');
  return result.problems.map(p => `${p.path}: ${p.message}`);
}

describe('parseServiceSpec', () => {
  it('fills in the documented defaults', () => {
    const result = parseServiceSpec(valid);
    expect(result.success && result.spec).toMatchObject({
      namespace: { podSecurity: 'restricted' },
      replicas: 1,
      ports: [{ protocol: 'TCP' }],
      lifecycle: 'production',
      allowInternet: false,
    });
  });

  it('names the field and the fix for bad quantities', () => {
    expect(problems(s => (s.resources.limits.memory = 'lots'))).toEqual([
      'resources.limits.memory: "lots" is not a Kubernetes quantity; write a number with an optional unit such as 500m, 0.5, 256Mi or 2Gi',
    ]);
    expect(
      problems(
        s =>
          (s.storage = [{ name: 'data', size: '10 GB', mountPath: '/data' }]),
      )[0],
    ).toMatch(/^storage\[0\]\.size: "10 GB" is not a Kubernetes quantity/);
  });

  it('names the field for bad names and hostnames', () => {
    expect(problems(s => (s.name = 'Kara_keep'))[0]).toMatch(
      /^name: .*upper-case/,
    );
    expect(problems(s => (s.namespace.name = '../etc'))[0]).toMatch(
      /^namespace\.name: .*"\.\." or "\/"/,
    );
    expect(
      problems(s => {
        s.hostnames = ['kara_keep'];
        s.gateway = { name: 'gw', namespace: 'gateway' };
      }),
    ).toEqual([
      'hostnames[0]: "kara_keep" contains "_"; hostnames may only use letters, digits, "-" and "."',
    ]);
  });

  it('refuses floating images and out-of-range ports', () => {
    expect(
      problems(s => (s.image = 'ghcr.io/karakeep-app/karakeep:latest'))[0],
    ).toMatch(/^image: .*pin a version tag/);
    expect(problems(s => (s.image = 'redis'))[0]).toMatch(/^image: .*no tag/);
    expect(problems(s => (s.ports[0].port = 70000))).toEqual([
      'ports[0].port: must be at most 65535; lower the value',
    ]);
  });

  it('catches typos and cross-field mistakes', () => {
    expect(problems(s => (s.replica = 2))).toEqual([
      '(spec): has unknown field(s) "replica"; check the spelling or remove them',
    ]);
    expect(problems(s => (s.hostnames = ['karakeep']))).toEqual([
      'gateway: is required when hostnames are set: give the Gateway name and namespace',
    ]);
    expect(
      problems(s => {
        s.storage = [{ name: 'data', size: '1Gi', mountPath: '/data' }];
        s.replicas = 2;
      })[0],
    ).toMatch(/^replicas: must be 0 or 1 with ReadWriteOnce storage/);
    expect(problems(s => (s.resources.requests.memory = '2Gi'))[0]).toMatch(
      /^resources\.requests\.memory: \(2Gi\) is larger than the limit \(1Gi\)/,
    );
  });

  it('refuses Ollama set-ups that cannot work', () => {
    expect(
      problems(s => {
        s.ollama = { baseUrl: 'http://localhost:11434' };
      })[0],
    ).toMatch(/^ollama\.baseUrl: points at the pod itself/);
    expect(
      problems(s => {
        s.ollama = { baseUrl: 'http://ollama.ai.svc.cluster.local:11434' };
        s.secretEnv = ['OPENAI_API_KEY'];
      })[0],
    ).toMatch(/OPENAI_API_KEY takes precedence/);
  });

  it('reports YAML syntax errors with their line', () => {
    const result = parseServiceSpecYaml('name: web\nports: [\n');
    expect(result.success).toBe(false);
    expect(!result.success && result.problems[0].path).toMatch(/^line \d+$/);
  });
});
