import { countChurn } from './churn';
import { ramBytes, sameModel } from './modelPair';
import { backoffMs } from './OllamaSampler';
import type {
  LoadedModelStatus,
  MemoryBudget,
  OllamaStatus,
  Usage,
} from '@internal/plugin-homelab-common';
import type { LoadedModelSnapshot, OllamaSample, ProbeResult } from './types';

const GiB = 2 ** 30;
const gib = (n: number) => `${(n / GiB).toFixed(1)} GiB`;

function usage(used?: number, request?: number, limit?: number): Usage {
  return {
    used,
    request,
    limit,
    noLimit: limit === undefined || undefined,
    percentOfLimit:
      used !== undefined && limit
        ? Math.round((used / limit) * 1000) / 10
        : undefined,
  };
}

function placement(m: LoadedModelSnapshot): LoadedModelStatus['placement'] {
  if (!m.sizeVramBytes) return 'cpu';
  return m.sizeVramBytes >= m.sizeBytes ? 'gpu' : 'split';
}

function budgetOf(sample: OllamaSample): MemoryBudget {
  // What sits in GPU memory is outside the container's memory limit.
  const loadedBytes = sample.loaded.reduce((n, m) => n + ramBytes(m), 0);
  const loadedVramBytes = sample.loaded.reduce(
    (n, m) => n + (m.sizeVramBytes ?? 0),
    0,
  );
  const limitBytes = sample.pod?.limits.memoryBytes;
  const nodeAllocatableBytes = sample.pod?.nodeAllocatable.memoryBytes;
  const { text, vision } = sample.pair ?? {};
  const pairBytes =
    text?.bytes !== undefined &&
    vision?.bytes !== undefined &&
    text.name !== vision.name
      ? text.bytes + vision.bytes
      : undefined;
  return {
    loadedBytes,
    loadedVramBytes: loadedVramBytes || undefined,
    limitBytes,
    noLimit: (sample.pod && limitBytes === undefined) || undefined,
    nodeAllocatableBytes,
    text,
    vision,
    pairBytes,
    pairFitsLimit:
      pairBytes !== undefined && limitBytes
        ? pairBytes <= limitBytes
        : undefined,
    pairFitsNode:
      pairBytes !== undefined && nodeAllocatableBytes
        ? pairBytes <= nodeAllocatableBytes
        : undefined,
  };
}

/**
 * What a viewer sees: the newest sample with its age and the figures derived
 * from it and from the samples of the last hour (reload churn).
 */
export function deriveStatus(options: {
  latest?: OllamaSample;
  lastHour: OllamaSample[];
  probe?: ProbeResult;
  intervalMs: number;
  churnThreshold: number;
  now: number;
}): OllamaStatus {
  const { latest, lastHour, probe, intervalMs, churnThreshold, now } = options;
  const intervalSeconds = intervalMs / 1000;
  const probeOut = probe
    ? { ...probe, probedAt: new Date(probe.probedAt).toISOString() }
    : undefined;
  if (!latest) {
    return {
      hasData: false,
      stale: false,
      reachable: false,
      intervalSeconds,
      loadedModels: [],
      installedModels: [],
      memoryBudget: { loadedBytes: 0 },
      churn: [],
      warnings: [],
      probe: probeOut,
    };
  }
  const ageSeconds = Math.max(0, Math.round((now - latest.sampledAt) / 1000));
  const expectedMs = backoffMs(intervalMs, latest.consecutiveFailures);
  const stale = now - latest.sampledAt > 3 * expectedMs;
  const pod = latest.pod;
  const memoryLimit = pod?.limits.memoryBytes;
  const budget = budgetOf(latest);
  const churn = countChurn(lastHour).filter(
    c => c.reloads + c.contextChanges > churnThreshold,
  );

  const warnings: string[] = [];
  if (!latest.reachable) {
    warnings.push(
      `Ollama has not answered since ${new Date(
        latest.unreachableSince ?? latest.sampledAt,
      ).toISOString()}: ${latest.error}`,
    );
  }
  if (stale) {
    warnings.push(
      `The newest sample is ${ageSeconds} s old; the sampler may not be running`,
    );
  }
  const { text, vision, pairBytes } = budget;
  if (text && vision && pairBytes !== undefined) {
    const pair = `${text.name} (${gib(text.bytes!)}) and ${vision.name} (${gib(
      vision.bytes!,
    )}) need ${gib(pairBytes)} together`;
    if (budget.pairFitsLimit === false) {
      warnings.push(
        `${pair}, more than Ollama's memory limit of ${gib(
          budget.limitBytes!,
        )}: they cannot both stay loaded`,
      );
    } else if (budget.pairFitsNode === false) {
      warnings.push(
        `${pair}, more than the node's allocatable ${gib(
          budget.nodeAllocatableBytes!,
        )}`,
      );
    }
  }
  for (const c of churn) {
    warnings.push(
      `${c.model} was reloaded ${c.reloads} times and changed context length ${c.contextChanges} times in the last hour; clients may ask for different settings or keep_alive is too short`,
    );
  }

  return {
    hasData: true,
    sampledAt: new Date(latest.sampledAt).toISOString(),
    ageSeconds,
    stale,
    reachable: latest.reachable,
    unreachableSince: latest.reachable
      ? undefined
      : new Date(latest.unreachableSince ?? latest.sampledAt).toISOString(),
    error: latest.error,
    version: latest.version,
    latencyMs: latest.latencyMs,
    intervalSeconds,
    pod: pod && {
      name: pod.name,
      nodeName: pod.nodeName,
      phase: pod.phase,
      restarts: pod.restarts,
      cpuMillicores: usage(
        pod.usage.cpuMillicores,
        pod.requests.cpuMillicores,
        pod.limits.cpuMillicores,
      ),
      memoryBytes: usage(
        pod.usage.memoryBytes,
        pod.requests.memoryBytes,
        memoryLimit,
      ),
    },
    podError: latest.podError,
    loadedModels: latest.loaded.map(m => {
      const gpuShare =
        m.sizeBytes > 0 ? Math.min(1, m.sizeVramBytes / m.sizeBytes) : 0;
      const ram = ramBytes(m);
      const expires = m.expiresAt ? Date.parse(m.expiresAt) : NaN;
      return {
        name: m.name,
        sizeBytes: m.sizeBytes,
        gpuShare,
        cpuShare: 1 - gpuShare,
        ramBytes: ram,
        vramBytes: m.sizeVramBytes,
        placement: placement(m),
        contextLength: m.contextLength,
        expiresAt: m.expiresAt,
        // Measured from the sample time: the model list is as old as the sample.
        secondsUntilUnload: Number.isFinite(expires)
          ? Math.max(
              0,
              Math.round((expires - latest.sampledAt) / 1000) - ageSeconds,
            )
          : undefined,
        percentOfMemoryLimit: memoryLimit
          ? Math.round((ram / memoryLimit) * 1000) / 10
          : undefined,
      };
    }),
    installedModels: latest.installed.map(m => ({
      ...m,
      loaded: latest.loaded.some(l => sameModel(l.name, m.name)),
    })),
    memoryBudget: budget,
    churn,
    warnings,
    probe: probeOut,
  };
}
