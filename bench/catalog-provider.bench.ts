import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  CatalogProcessorResult,
  EntityProviderMutation,
  parseEntityYaml,
} from '@backstage/plugin-catalog-node';
import { stringify } from 'yaml';
import {
  emptyDeclaredEntities,
  HomelabEntityProcessor,
  HomelabEntityProvider,
} from '../plugins/catalog-backend-module-homelab/src';
import { ClusterClient, OllamaClient } from '../plugins/homelab-node/src';
import { portalConfigData } from '../packages/homelab-sim/src';
import type { BenchRow } from './types';

const NODES = 500;
const NAMESPACES = 2000; // including the four every cluster has
const MODELS = 200;
const RUNS = 3;
const SYSTEM_NAMESPACES = 4;

/** A stand-in serving NODES nodes, NAMESPACES namespaces and MODELS models, in its own process. */
async function startSim(dir: string) {
  writeFileSync(
    join(dir, 'manifests', 'namespaces.yaml'),
    Array.from(
      { length: NAMESPACES - SYSTEM_NAMESPACES },
      (_, i) =>
        `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-${i}\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n`,
    ).join('---\n'),
  );
  const scenario = {
    name: 'bench',
    extends: 'fast',
    nodes: Array.from({ length: NODES }, (_, i) => ({
      name: `node-${i}`,
      cpu: 12,
      memory: '16Gi',
    })),
    ollama: {
      models: Array.from({ length: MODELS }, (_, i) => ({
        name: `model-${i}:${i % 7}b`,
        size: 1_000_000_000 + i,
        family: 'llama',
        parameterSize: `${i % 7}B`,
        quantization: 'Q4_K_M',
      })),
    },
  };
  writeFileSync(join(dir, 'scenario.yaml'), stringify(scenario));
  const child = spawn(
    process.execPath,
    [
      join(__dirname, '../packages/homelab-sim/bin/homelab-sim'),
      ...[
        '--manifests',
        join(dir, 'manifests'),
        '--scenario',
        join(dir, 'scenario.yaml'),
      ],
      ...[
        '--kube-port',
        '0',
        '--ollama-port',
        '0',
        '--admin-port',
        '0',
        '--ca-file',
        join(dir, 'ca.pem'),
      ],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const output = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', chunk => {
      text += chunk;
      if (text.includes('admin:')) resolve(text);
    });
    child.on('exit', code =>
      reject(new Error(`homelab-sim exited with ${code}`)),
    );
  });
  const url = (label: string) =>
    new RegExp(`${label}:\\s+(\\S+)`).exec(output)![1];
  return {
    kubeUrl: url('kubernetes'),
    ollamaUrl: url('ollama'),
    token: 'homelab-sim-dev-token',
    kubeCaPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    stop: () => child.kill('SIGTERM'),
  };
}

const quietLogger: LoggerService = {
  error: () => {},
  warn: message => process.stderr.write(`${message}\n`),
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

function providerFor(sim: Awaited<ReturnType<typeof startSim>>) {
  const config = new ConfigReader(portalConfigData(sim));
  let applied: Entity[] = [];
  const provider = new HomelabEntityProvider({
    cluster: ClusterClient.fromConfig(config),
    ollama: OllamaClient.fromConfig(config),
    readDeclared: async () => emptyDeclaredEntities(),
    logger: quietLogger,
    owner: 'group:default/homelab-admins',
    system: 'homelab',
    modelServer: 'component:default/ollama',
  });
  provider.connect({
    applyMutation: async (m: EntityProviderMutation) => {
      if (m.type === 'full') applied = m.entities.map(e => e.entity);
    },
    refresh: async () => {},
  });
  return async () => {
    await provider.refresh();
    return applied;
  };
}

/** What the catalog does with each entity after it is read: our processor's validation and relations. */
async function processAll(entities: Entity[], peak: Peak) {
  const processor = new HomelabEntityProcessor();
  const results: CatalogProcessorResult[] = [];
  const location = { type: 'bench', target: 'bench' };
  for (const entity of entities) {
    await processor.postProcessEntity(entity, location, r => results.push(r));
  }
  peak.sample();
  const errors = results.filter(r => r.type === 'error');
  if (errors.length)
    throw new Error(
      `${errors.length} entities were rejected, e.g. ${JSON.stringify(
        errors[0],
      )}`,
    );
  return results.length;
}

class Peak {
  private readonly base: number;
  private max = 0;
  private readonly timer: NodeJS.Timeout;
  constructor() {
    global.gc?.();
    this.base = process.memoryUsage().heapUsed;
    this.timer = setInterval(() => this.sample(), 1);
  }
  sample() {
    this.max = Math.max(this.max, process.memoryUsage().heapUsed - this.base);
  }
  stopMiB() {
    clearInterval(this.timer);
    this.sample();
    return this.max / 2 ** 20;
  }
}

/** Median time and the peak heap of the first run. */
async function measure(action: (peak: Peak) => Promise<unknown>) {
  const times: number[] = [];
  let peakMiB = 0;
  for (let i = 0; i < RUNS; i++) {
    const peak = new Peak();
    const start = performance.now();
    await action(peak);
    times.push(performance.now() - start);
    const mib = peak.stopMiB();
    if (i === 0) peakMiB = mib;
  }
  return { ms: times.sort((a, b) => a - b)[Math.floor(RUNS / 2)], peakMiB };
}

/**
 * Discovering 500 nodes, 2,000 namespaces and 200 models from the stand-in
 * (HTTP, conversion, validation) against reading the same entities from plain
 * YAML files and validating them.
 */
export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-provider-bench-'));
  mkdirSync(join(dir, 'manifests'));
  const sim = await startSim(dir);
  try {
    const discover = providerFor(sim);
    const entities = await discover(); // warm-up, and the entities for the YAML files
    const expected = 1 + NODES + NAMESPACES + MODELS;
    if (entities.length !== expected)
      throw new Error(
        `discovered ${entities.length} entities, expected ${expected}`,
      );
    const files = [
      'kubernetes-node',
      'kubernetes-namespace',
      'ai-model',
      'kubernetes-cluster',
    ].map(type => {
      const file = join(dir, `${type}.yaml`);
      writeFileSync(
        file,
        entities
          .filter(e => e.spec?.type === type)
          .map(e => stringify(e))
          .join('---\n'),
      );
      return file;
    });
    const loadYaml = async (peak: Peak) => {
      const parsed = files.flatMap(file =>
        [
          ...parseEntityYaml(readFileSync(file), {
            type: 'file',
            target: file,
          }),
        ].flatMap(r => (r.type === 'entity' ? [r.entity] : [])),
      );
      peak.sample();
      return processAll(parsed, peak);
    };
    await loadYaml(new Peak()); // warm-up
    const provider = await measure(async peak => {
      const discovered = await discover();
      peak.sample();
      return processAll(discovered, peak);
    });
    const yaml = await measure(loadYaml);
    const label = `${NODES} nodes, ${NAMESPACES} namespaces, ${MODELS} models`;
    return [
      {
        metric: `yaml files: read + validate, ${label}`,
        value: Number(yaml.ms.toFixed(1)),
        unit: 'ms',
      },
      {
        metric: `provider: discover + validate, ${label}`,
        value: Number(provider.ms.toFixed(1)),
        unit: 'ms',
        ratio: Number((provider.ms / yaml.ms).toFixed(2)),
        note: 'vs the same entities from YAML files (provider includes HTTP to the stand-in)',
      },
      {
        metric: 'yaml files: peak heap',
        value: Number(yaml.peakMiB.toFixed(1)),
        unit: 'MiB',
      },
      {
        metric: 'provider: peak heap',
        value: Number(provider.peakMiB.toFixed(1)),
        unit: 'MiB',
        ratio: Number((provider.peakMiB / yaml.peakMiB).toFixed(2)),
        note: 'vs the same entities from YAML files',
      },
    ];
  } finally {
    sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
