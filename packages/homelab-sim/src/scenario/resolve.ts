import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseBytes } from '../cluster/quantity';
import { parseDuration } from '../duration';
import { SCENARIOS_DIR } from '../paths';
import type {
  ModelSpec,
  NodeSpec,
  ResolvedScenario,
  ScenarioSpec,
} from './types';
import { validateScenario } from './validate';

/** Reads a shipped scenario by name, or a scenario file by path. */
export function readScenarioFile(nameOrFile: string): ScenarioSpec {
  const looksLikeFile = /\.ya?ml$/.test(nameOrFile) || nameOrFile.includes('/');
  const file = looksLikeFile
    ? path.resolve(nameOrFile)
    : path.join(SCENARIOS_DIR, `${nameOrFile}.yaml`);
  if (!fs.existsSync(file)) {
    const known = fs
      .readdirSync(SCENARIOS_DIR)
      .filter(f => f.endsWith('.yaml'))
      .map(f => f.replace(/\.yaml$/, ''));
    throw new Error(
      `scenario: "${nameOrFile}" is neither a shipped scenario (${known.join(
        ', ',
      )}) nor an existing YAML file`,
    );
  }
  let data: unknown;
  try {
    data = parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(
      `scenario file ${file}: invalid YAML: ${(e as Error).message}`,
    );
  }
  return validateScenario(data, file);
}

function merge(base: ScenarioSpec, over: ScenarioSpec): ScenarioSpec {
  return {
    ...base,
    ...over,
    ollama: over.ollama
      ? {
          ...base.ollama,
          ...over.ollama,
          settings: { ...base.ollama?.settings, ...over.ollama.settings },
        }
      : base.ollama,
  };
}

/**
 * Applies `extends` (a spec without it extends `default`, so a scenario only
 * lists what differs) and fills in defaults.
 */
export function resolveScenario(
  input: string | ScenarioSpec,
  seen: string[] = [],
): ResolvedScenario {
  const spec =
    typeof input === 'string'
      ? readScenarioFile(input)
      : validateScenario(input, 'scenario');
  let merged = spec;
  const parentName =
    spec.extends ?? (spec.name === 'default' ? undefined : 'default');
  if (parentName) {
    if (seen.includes(parentName)) {
      throw new Error(
        `scenario ${spec.name}: extends forms a loop (${[
          ...seen,
          parentName,
        ].join(' -> ')})`,
      );
    }
    const parent = readScenarioFile(parentName);
    const parentMerged = parent.extends
      ? unresolve(resolveScenario(parent, [...seen, spec.name]))
      : parent;
    merged = merge(parentMerged, { ...spec, extends: undefined });
  }
  return fillDefaults(merged);
}

/** Turns a resolved scenario back into a spec (used when chaining extends). */
function unresolve(r: ResolvedScenario): ScenarioSpec {
  return {
    name: r.name,
    kubernetesVersion: r.kubernetesVersion,
    age: `${r.ageMs}ms`,
    nodes: r.nodes,
    failures: r.failures,
    steps: r.steps,
    ollama: {
      up: r.ollama.up,
      version: r.ollama.version,
      msPerToken: r.ollama.msPerToken,
      msPerPromptToken: r.ollama.msPerPromptToken,
      loadMs: r.ollama.loadMs,
      responseTokens: r.ollama.responseTokens,
      models: r.ollama.models,
      gpu: r.ollama.gpuMemoryBytes
        ? { memory: r.ollama.gpuMemoryBytes }
        : undefined,
      settings: {
        OLLAMA_MAX_LOADED_MODELS: r.ollama.maxLoadedModels,
        OLLAMA_NUM_PARALLEL: r.ollama.numParallel,
        OLLAMA_MAX_QUEUE: r.ollama.maxQueue,
        OLLAMA_KEEP_ALIVE: `${r.ollama.keepAliveMs}ms`,
      },
    },
  };
}

function fillNode(n: NodeSpec, index: number) {
  return {
    name: n.name,
    roles: n.roles ?? [],
    cpuModel: n.cpuModel ?? 'Intel(R) Core(TM) i5-10400T CPU @ 2.00GHz',
    cpu: n.cpu ?? 12,
    memory: n.memory ?? '16Gi',
    kubeletVersion: n.kubeletVersion ?? 'v1.32.4+k3s1',
    internalIP: n.internalIP ?? `192.168.1.${11 + index}`,
    ready: n.ready ?? true,
    usage: { cpu: n.usage?.cpu ?? '400m', memory: n.usage?.memory ?? '4Gi' },
  };
}

function fillModel(m: ModelSpec): ModelSpec {
  return {
    ...m,
    loadedSize: m.loadedSize ?? Math.round(m.size * 1.4),
    families: m.families ?? [m.family],
    quantization: m.quantization ?? 'Q4_K_M',
    contextLength: m.contextLength ?? 4096,
    capabilities: m.capabilities ?? ['completion'],
    modifiedAt: m.modifiedAt ?? '2025-06-01T10:00:00.000000000Z',
  };
}

function gpuBytes(memory: string | number): number {
  try {
    return parseBytes(memory);
  } catch (e) {
    throw new Error(`ollama.gpu.memory: ${(e as Error).message}`);
  }
}

function fillDefaults(s: ScenarioSpec): ResolvedScenario {
  const o = s.ollama ?? {};
  const settings = o.settings ?? {};
  const maxLoaded = settings.OLLAMA_MAX_LOADED_MODELS ?? 0;
  return {
    name: s.name,
    description: s.description ?? '',
    kubernetesVersion: s.kubernetesVersion ?? 'v1.32.4+k3s1',
    ageMs: parseDuration(s.age ?? '3d', 'age'),
    nodes: (s.nodes ?? []).map(fillNode),
    failures: s.failures ?? [],
    steps: s.steps ?? [],
    ollama: {
      up: o.up ?? true,
      version: o.version ?? '0.12.6',
      // 0 means "automatic" in Ollama: three models per GPU, or three on CPU.
      maxLoadedModels: maxLoaded > 0 ? maxLoaded : 3,
      numParallel: settings.OLLAMA_NUM_PARALLEL ?? 1,
      maxQueue: settings.OLLAMA_MAX_QUEUE ?? 512,
      keepAliveMs: parseDuration(
        settings.OLLAMA_KEEP_ALIVE ?? '5m',
        'ollama.settings.OLLAMA_KEEP_ALIVE',
      ),
      msPerToken: o.msPerToken ?? 70,
      msPerPromptToken: o.msPerPromptToken ?? 5,
      loadMs: o.loadMs ?? 3000,
      responseTokens: o.responseTokens ?? 24,
      models: (o.models ?? []).map(fillModel),
      gpuMemoryBytes: o.gpu ? gpuBytes(o.gpu.memory) : 0,
    },
  };
}
