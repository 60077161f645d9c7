import { parseAllDocuments } from 'yaml';
import {
  lintManifests,
  parseServiceSpec,
  renderManifests,
} from '../plugins/homelab-manifests/src';
import type { RenderedFile } from '../plugins/homelab-manifests/src';
import { medianMs } from './medianMs';
import type { BenchRow } from './types';

const BASE_DOCUMENTS = 1000;

/** Rendered manifest sets of made-up services until `documents` YAML documents exist. */
function corpus(documents: number): RenderedFile[] {
  const files: RenderedFile[] = [];
  let count = 0;
  for (let i = 0; count < documents; i++) {
    const parsed = parseServiceSpec({
      name: `svc-${i}`,
      owner: 'group:default/homelab',
      namespace: {
        name: `ns-${i % 25}`,
        create: i < 25,
        podSecurity: 'restricted',
      },
      image: `ghcr.io/homelab/svc-${i}:1.${i % 10}.0`,
      ports: [{ name: 'http', port: 8080 }],
      hostnames: [`svc-${i}`],
      gateway: { name: 'homelab', namespace: 'gateway' },
      secretEnv: ['API_TOKEN'],
      storage:
        i % 3 === 0 ? [{ name: 'data', size: '1Gi', mountPath: '/data' }] : [],
      resources: {
        requests: { cpu: '50m', memory: '64Mi' },
        limits: { memory: '128Mi' },
      },
      egress: [
        { namespace: `ns-${(i + 1) % 25}`, app: `svc-${i + 1}`, port: 8080 },
      ],
    });
    if (!parsed.success) throw new Error(JSON.stringify(parsed.problems));
    for (const file of renderManifests(parsed.spec)) {
      files.push({ ...file, path: `${i}/${file.path}` });
      count += file.content.split(/^---$/m).length;
    }
  }
  return files;
}

const parseOnly = (files: RenderedFile[]) => () => {
  for (const file of files)
    parseAllDocuments(file.content).forEach(d => d.toJS());
};
const lintOnly = (files: RenderedFile[]) => () => {
  lintManifests(files);
};

/** Lint vs plain YAML parsing of the same 1,000 documents, and lint of 10x the documents. */
export async function run(): Promise<BenchRow[]> {
  const small = corpus(BASE_DOCUMENTS);
  const large = corpus(BASE_DOCUMENTS * 10);
  lintOnly(small)(); // warm up the JIT and load the schema validators
  parseOnly(small)();
  const parseMs = medianMs(parseOnly(small), 5);
  const lintMs = medianMs(lintOnly(small), 5);
  const largeMs = medianMs(lintOnly(large), 3);
  return [
    {
      metric: `yaml parse, ${BASE_DOCUMENTS} documents`,
      value: Number(parseMs.toFixed(1)),
      unit: 'ms',
    },
    {
      metric: `homelab lint, ${BASE_DOCUMENTS} documents`,
      value: Number(lintMs.toFixed(1)),
      unit: 'ms',
      ratio: Number((lintMs / parseMs).toFixed(2)),
      note: 'vs yaml parse of the same files; target <= 5',
    },
    {
      metric: `homelab lint, ${BASE_DOCUMENTS * 10} documents`,
      value: Number(largeMs.toFixed(1)),
      unit: 'ms',
      ratio: Number((largeMs / lintMs).toFixed(2)),
      note: `vs ${BASE_DOCUMENTS} documents; target <= 12`,
    },
  ];
}
