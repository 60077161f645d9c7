import { resolve as resolvePath } from 'node:path';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  type GitopsConfig,
  type PlanReadLimits,
  readGitopsCheckoutSettings,
  readGitopsConfig,
  readPlanReadLimits,
  readRepositoryRoot,
} from '@internal/plugin-homelab-node';

/** Everything the homelab backend plugin reads from `homelab.*`, with defaults applied. */
export interface HomelabBackendConfig {
  repositoryRoot: string;
  phaseFolders: string[];
  /** `homelab.phases.maxBytes` and `readTimeout`, as every reader of a plan takes them. */
  phases: PlanReadLimits;
  /** `file:<absolute path>` of each `catalog.locations` entry of type file, resolved as the catalog does. */
  catalogFileLocations: string[];
  /** `homelab.gitops`: its checkout holds merged plans, its scaffold branches proposed ones. */
  gitops: GitopsConfig;
  /** `homelab.gitops.checkout.workingTreeFirst`: a working-tree plan wins over the checkout's. */
  gitopsWorkingTreeFirst: boolean;
  /**
   * Whether the portal keeps the checkout: `catalog.locations` has a homelab-gitops
   * location (the catalog module clones and fetches it then).
   */
  gitopsCheckoutEnabled: boolean;
  ollama: {
    sampleIntervalMs: number;
    retentionMs: number;
    textModel?: string;
    visionModel?: string;
    churnThreshold: number;
    throughputProbe: { enabled: boolean; model?: string; intervalMs: number };
  };
}

/** A positive duration at `key`, or `fallback`; a bad value is refused naming the key. */
export function durationMs(
  config: Config,
  key: string,
  fallback: HumanDuration,
) {
  if (!config.has(key)) return durationToMilliseconds(fallback);
  let ms: number;
  try {
    ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch (e) {
    throw new InputError(
      `homelab config: ${key} is not a duration (${e}); write it as e.g. "15s", "7d" or { seconds: 15 }`,
    );
  }
  if (!(ms > 0)) {
    throw new InputError(
      `homelab config: ${key} must be longer than zero, e.g. "15s"`,
    );
  }
  return ms;
}

/**
 * Reads the plugin's configuration. `cwd` is the backend's working directory,
 * which `homelab.repositoryRoot` is relative to; without it the repository
 * root is the workspace root above `cwd`.
 */
export function readHomelabBackendConfig(
  root: Config,
  cwd: string = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): HomelabBackendConfig {
  const config = root.getOptionalConfig('homelab');
  const get = <T>(fn: (c: Config) => T | undefined) =>
    config ? fn(config) : undefined;
  const ollama = config?.getOptionalConfig('ollama');
  const threshold = ollama?.getOptionalNumber('churnThreshold') ?? 3;
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new InputError(
      'homelab config: ollama.churnThreshold must be a whole number of at least 1, e.g. 3',
    );
  }
  const orDefault = (key: string, fallback: HumanDuration) =>
    ollama
      ? durationMs(ollama, key, fallback)
      : durationToMilliseconds(fallback);
  return {
    repositoryRoot: readRepositoryRoot(root, cwd),
    phaseFolders: get(c => c.getOptionalStringArray('phases.folders')) ?? [
      'docs/phases',
    ],
    phases: readPlanReadLimits(root),
    catalogFileLocations: (
      root.getOptionalConfigArray('catalog.locations') ?? []
    ).flatMap(l => {
      const type = l.getOptionalString('type');
      if (type === 'file')
        return [`file:${resolvePath(cwd, l.getString('target'))}`];
      // The catalog module's homelab-gitops locations read files of the repository too.
      if (type === 'homelab-gitops')
        return [`homelab-gitops:${l.getString('target')}`];
      return [];
    }),
    ...gitopsSettings(root, cwd, env),
    ollama: {
      sampleIntervalMs: orDefault('sampleInterval', { seconds: 15 }),
      retentionMs: orDefault('retention', { days: 7 }),
      textModel: ollama?.getOptionalString('textModel'),
      visionModel: ollama?.getOptionalString('visionModel'),
      churnThreshold: threshold,
      throughputProbe: {
        enabled: ollama?.getOptionalBoolean('throughputProbe.enabled') ?? false,
        model: ollama?.getOptionalString('throughputProbe.model'),
        intervalMs: orDefault('throughputProbe.interval', { minutes: 10 }),
      },
    },
  };
}

function gitopsSettings(root: Config, cwd: string, env: NodeJS.ProcessEnv) {
  const checkout = readGitopsCheckoutSettings(root, cwd, env);
  return {
    gitops: readGitopsConfig(root, checkout.dataDir, {
      repositoryRoot: checkout.repositoryRoot,
    }),
    gitopsWorkingTreeFirst: checkout.workingTreeFirst,
    gitopsCheckoutEnabled: (
      root.getOptionalConfigArray('catalog.locations') ?? []
    ).some(l => l.getOptionalString('type') === 'homelab-gitops'),
  };
}
