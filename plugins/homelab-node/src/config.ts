import { type Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import { readClusterAccess, type ClusterAccess } from './clusterAccess';
import { DEFAULT_OUTBOUND_LIMITS, type OutboundLimits } from './limits';

/** The `kubernetes.clusterLocatorMethods[].clusters[]` entry that `homelab.cluster` names. */
export interface HomelabClusterConfig {
  name: string;
  /** Base URL of the Kubernetes API server, without a trailing slash. */
  url: string;
  serviceAccountToken?: string;
  /** PEM of the CA that signed the API server's certificate (decoded from base64 `caData`). */
  caPem?: string;
  skipTLSVerify: boolean;
  /** `homelab.clusterRequests`: timeout and byte cap of every call to the API server. */
  limits?: OutboundLimits;
  /** A pod's service account or a kubeconfig instead of the settings above; absent: the settings. */
  access?: ClusterAccess;
}

/** `homelab.ollama`. */
export interface HomelabOllamaConfig {
  /** Base URL of the Ollama API, without a trailing slash. */
  baseUrl: string;
  /** Kubernetes namespace of the Ollama pods. */
  namespace: string;
  /** Label selector of the Ollama pods. */
  labelSelector: string;
  /** `homelab.ollama.timeout` / `maxBytes`: limits of every call to Ollama. */
  limits?: OutboundLimits;
  /** `homelab.ollama.generateTimeout`: a generate may load the model first. */
  generateTimeoutMs?: number;
}

export interface HomelabConfig {
  cluster: HomelabClusterConfig;
  ollama: HomelabOllamaConfig;
}

const LOCATORS = 'kubernetes.clusterLocatorMethods';

/** Resolves `homelab.cluster` and `homelab.ollama`; throws an InputError naming the key and the fix. */
export function readHomelabConfig(config: Config): HomelabConfig {
  return {
    cluster: readHomelabClusterConfig(config),
    ollama: readHomelabOllamaConfig(config),
  };
}

export function readHomelabClusterConfig(config: Config): HomelabClusterConfig {
  const name = config.getOptionalString('homelab.cluster');
  if (!name) {
    throw new InputError(
      `homelab.cluster is missing; set it to the name of a cluster listed under ${LOCATORS}[].clusters[] (type: config), e.g. "homelab.cluster: homelab"`,
    );
  }
  const known: string[] = [];
  for (const method of config.getOptionalConfigArray(LOCATORS) ?? []) {
    if (method.getOptionalString('type') !== 'config') continue;
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      const clusterName = cluster.getOptionalString('name');
      if (clusterName !== name) {
        if (clusterName) known.push(clusterName);
        continue;
      }
      const where = `${LOCATORS}[].clusters[name=${name}]`;
      const url = cluster.getOptionalString('url');
      if (!url) {
        throw new InputError(
          `${where}.url is missing; set it to the Kubernetes API URL, e.g. https://192.168.1.11:6443`,
        );
      }
      const serviceAccountToken = optionalText(cluster, 'serviceAccountToken');
      const access = readClusterAccess(config, Boolean(serviceAccountToken));
      return {
        name,
        url: url.replace(/\/+$/, ''),
        serviceAccountToken,
        caPem: decodeCaData(optionalText(cluster, 'caData'), where),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
        limits: readOutboundLimits(config, 'homelab.clusterRequests'),
        ...(access.type === 'config' ? {} : { access }),
      };
    }
  }
  throw new InputError(
    `homelab.cluster is "${name}" but no ${LOCATORS} entry of type config has a cluster of that name (${
      known.length ? `found: ${known.join(', ')}` : 'found none'
    }); add { name: ${name}, url, serviceAccountToken, caData } under ${LOCATORS}[].clusters or correct homelab.cluster`,
  );
}

export function readHomelabOllamaConfig(config: Config): HomelabOllamaConfig {
  const baseUrl = config.getOptionalString('homelab.ollama.baseUrl');
  if (!baseUrl) {
    throw new InputError(
      'homelab.ollama.baseUrl is missing; set it to the URL of the Ollama API, e.g. http://ollama.ai.svc:11434',
    );
  }
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    namespace: config.getOptionalString('homelab.ollama.namespace') ?? 'ai',
    labelSelector:
      config.getOptionalString('homelab.ollama.labelSelector') ??
      'app.kubernetes.io/name=ollama',
    limits: readOutboundLimits(config, 'homelab.ollama'),
    generateTimeoutMs: readTimeout(
      config,
      'homelab.ollama.generateTimeout',
      120_000,
    ),
  };
}

function readTimeout(config: Config, key: string, fallback: number): number {
  if (!config.has(key)) return fallback;
  let ms: number;
  try {
    ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch (e) {
    throw new InputError(
      `${key} is not a duration (${e}); write it as e.g. "10s" or { seconds: 10 }`,
    );
  }
  if (!(ms > 0)) {
    throw new InputError(`${key} must be longer than zero, e.g. "10s"`);
  }
  return ms;
}

/** `<prefix>.timeout` (a duration) and `<prefix>.maxBytes`, with defaults. */
export function readOutboundLimits(
  config: Config,
  prefix: string,
): OutboundLimits {
  const timeoutMs = readTimeout(
    config,
    `${prefix}.timeout`,
    DEFAULT_OUTBOUND_LIMITS.timeoutMs,
  );
  const maxBytes =
    config.getOptionalNumber(`${prefix}.maxBytes`) ??
    DEFAULT_OUTBOUND_LIMITS.maxBytes;
  if (!Number.isInteger(maxBytes) || maxBytes < 1) {
    throw new InputError(
      `${prefix}.maxBytes must be a whole number of bytes, e.g. 8388608 (8 MiB)`,
    );
  }
  return { timeoutMs, maxBytes };
}

/** A string value where an unset `${VAR:-}` substitution (empty string) counts as absent. */
function optionalText(config: Config, key: string): string | undefined {
  const value = config.getOptional(key);
  if (value === undefined || value === '') return undefined;
  return config.getString(key);
}

function decodeCaData(caData: string | undefined, where: string) {
  if (!caData) return undefined;
  const pem = Buffer.from(caData, 'base64').toString('utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InputError(
      `${where}.caData is not a base64-encoded PEM certificate; set it to the output of "base64 -w0 ca.crt"`,
    );
  }
  return pem;
}
