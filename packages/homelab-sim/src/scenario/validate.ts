import type { ScenarioSpec } from './types';
import { validateSteps } from './validateSteps';

const FAILURE_KINDS = ['crashLoop', 'pendingMemory', 'imagePull'];

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks the shape of a scenario so that a typo fails with the field's path
 * and the fix, instead of surfacing later as an odd simulation.
 */
export function validateScenario(data: unknown, source: string): ScenarioSpec {
  const fail = (field: string, problem: string): never => {
    throw new Error(`${source}: ${field} ${problem}`);
  };
  if (!isObj(data)) fail('(root)', 'must be a mapping with at least a `name`');
  const s = data as Obj;
  if (typeof s.name !== 'string' || !s.name)
    fail('name', 'must be a non-empty string');
  for (const key of ['description', 'extends', 'kubernetesVersion', 'age']) {
    if (s[key] !== undefined && typeof s[key] !== 'string')
      fail(key, 'must be a string');
  }
  if (s.nodes !== undefined) {
    if (!Array.isArray(s.nodes)) fail('nodes', 'must be a list of nodes');
    (s.nodes as unknown[]).forEach((n, i) => {
      if (!isObj(n) || typeof n.name !== 'string')
        fail(`nodes[${i}].name`, 'must be a string');
      const node = n as Obj;
      if (node.cpu !== undefined && typeof node.cpu !== 'number')
        fail(`nodes[${i}].cpu`, 'must be a number of threads, e.g. 12');
      if (node.roles !== undefined && !Array.isArray(node.roles))
        fail(`nodes[${i}].roles`, 'must be a list, e.g. [control-plane]');
    });
  }
  if (s.failures !== undefined) {
    if (!Array.isArray(s.failures)) fail('failures', 'must be a list');
    (s.failures as unknown[]).forEach((f, i) => {
      if (!isObj(f))
        fail(
          `failures[${i}]`,
          'must be a mapping with namespace, workload and kind',
        );
      const failure = f as Obj;
      for (const key of ['namespace', 'workload']) {
        if (typeof failure[key] !== 'string')
          fail(`failures[${i}].${key}`, 'must be a string');
      }
      if (!FAILURE_KINDS.includes(failure.kind as string)) {
        fail(
          `failures[${i}].kind`,
          `must be one of ${FAILURE_KINDS.join(', ')} (got ${JSON.stringify(
            failure.kind,
          )})`,
        );
      }
    });
  }
  if (s.ollama !== undefined) {
    if (!isObj(s.ollama)) fail('ollama', 'must be a mapping');
    const o = s.ollama as Obj;
    if (o.up !== undefined && typeof o.up !== 'boolean')
      fail('ollama.up', 'must be true or false');
    for (const key of [
      'msPerToken',
      'msPerPromptToken',
      'loadMs',
      'responseTokens',
    ]) {
      if (
        o[key] !== undefined &&
        (typeof o[key] !== 'number' || (o[key] as number) < 0)
      ) {
        fail(`ollama.${key}`, 'must be a number >= 0');
      }
    }
    if (o.settings !== undefined) {
      if (!isObj(o.settings)) fail('ollama.settings', 'must be a mapping');
      const st = o.settings as Obj;
      for (const key of [
        'OLLAMA_MAX_LOADED_MODELS',
        'OLLAMA_NUM_PARALLEL',
        'OLLAMA_MAX_QUEUE',
      ]) {
        if (
          st[key] !== undefined &&
          (!Number.isInteger(st[key]) || (st[key] as number) < 0)
        ) {
          fail(`ollama.settings.${key}`, 'must be a whole number >= 0');
        }
      }
    }
    if (o.gpu !== undefined) {
      const gpu = o.gpu as Obj;
      if (!isObj(gpu) || !['string', 'number'].includes(typeof gpu.memory))
        fail(
          'ollama.gpu',
          'must be a mapping with the GPU memory, e.g. { memory: 4Gi }',
        );
    }
    if (o.models !== undefined) {
      if (!Array.isArray(o.models)) fail('ollama.models', 'must be a list');
      (o.models as unknown[]).forEach((m, i) => {
        if (!isObj(m)) fail(`ollama.models[${i}]`, 'must be a mapping');
        const model = m as Obj;
        if (typeof model.name !== 'string')
          fail(
            `ollama.models[${i}].name`,
            'must be a model tag such as qwen3:1.7b',
          );
        if (typeof model.size !== 'number')
          fail(`ollama.models[${i}].size`, 'must be the size in bytes');
        if (typeof model.family !== 'string')
          fail(`ollama.models[${i}].family`, 'must be a string such as qwen3');
        if (typeof model.parameterSize !== 'string')
          fail(
            `ollama.models[${i}].parameterSize`,
            'must be a string such as 2.0B',
          );
      });
    }
  }
  if (s.steps !== undefined) validateSteps(s.steps, fail);
  return s as unknown as ScenarioSpec;
}
