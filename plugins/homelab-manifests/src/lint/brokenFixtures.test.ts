import fs from 'node:fs';
import path from 'node:path';
import { lintManifests } from './lintManifests';

const dir = path.resolve(__dirname, '../../fixtures/broken');
const expected: Record<
  string,
  Array<{ rule: string; line: number; severity: string }>
> = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));

const CONTRACT_RULES = [
  'schema',
  'yaml',
  'namespace-pss-label',
  'container-resources',
  'pod-probes',
  'container-image-tag',
  'deployment-rwo-recreate',
  'service-targets-pod',
  'httproute-backend',
  'networkpolicy-dns-egress',
  'networkpolicy-namespace-label',
  'pod-networkpolicy',
  'secret-plaintext',
  'ollama-openai-precedence',
  'ollama-localhost',
  'lint-ignore-reason',
  ...[
    'hostNamespaces',
    'privileged',
    'capabilities_baseline',
    'hostPathVolumes',
    'hostPorts',
    'appArmorProfile',
    'seLinuxOptions',
    'procMount',
    'seccompProfile_baseline',
    'sysctls',
    'restrictedVolumes',
    'allowPrivilegeEscalation',
    'runAsNonRoot',
    'runAsUser',
    'seccompProfile_restricted',
    'capabilities_restricted',
  ].map(check => `pss/${check}`),
];

describe('the broken-manifest corpus', () => {
  it.each(Object.keys(expected))(
    '%s gives exactly the declared findings',
    file => {
      const content = fs.readFileSync(path.join(dir, file), 'utf8');
      const { findings } = lintManifests([{ path: file, content }]);
      expect(
        findings.map(f => ({
          rule: f.rule,
          line: f.line,
          severity: f.severity,
        })),
      ).toEqual(expected[file]);
    },
  );

  it('has a fixture for every rule of the contract', () => {
    const covered = new Set(
      Object.values(expected)
        .flat()
        .map(f => f.rule),
    );
    expect(CONTRACT_RULES.filter(rule => !covered.has(rule))).toEqual([]);
  });

  it('declares every fixture file', () => {
    const files = fs.readdirSync(dir).filter(f => f.endsWith('.yaml'));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });
});
