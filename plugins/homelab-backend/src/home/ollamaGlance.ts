import type {
  OllamaGlance,
  OllamaStatus,
} from '@internal/plugin-homelab-common';

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

/** Whether the text and vision models fit together, against the pod's limit, else the node's allocatable. */
function pairFits(status: OllamaStatus): OllamaGlance['pairFits'] {
  const b = status.memoryBudget;
  if (!b.text || !b.vision) return undefined;
  const text = b.text.name;
  const vision = b.vision.name;
  if (b.pairBytes === undefined) {
    return {
      text,
      vision,
      fits: text === vision,
      detail:
        text === vision
          ? `${text} is both the text and the vision model`
          : `The memory of ${[b.text, b.vision]
              .filter(m => m.bytes === undefined)
              .map(m => m.name)
              .join(' and ')} is not known yet`,
    };
  }
  const need = `${text} ${gib(b.text.bytes!)} + ${vision} ${gib(
    b.vision.bytes!,
  )} = ${gib(b.pairBytes)}`;
  if (b.limitBytes) {
    const fits = b.pairFitsLimit === true;
    return {
      text,
      vision,
      fits,
      detail: `${need} of a ${gib(b.limitBytes)} memory limit`,
    };
  }
  if (b.nodeAllocatableBytes) {
    const fits = b.pairFitsNode === true;
    return {
      text,
      vision,
      fits,
      detail: `${need} of the node's ${gib(
        b.nodeAllocatableBytes,
      )} allocatable (the pod sets no memory limit)`,
    };
  }
  return {
    text,
    vision,
    fits: false,
    detail: `${need}; no memory limit or node figure to compare with`,
  };
}

/** The Ollama widget's figures, from the sampler's stored status (nothing here calls Ollama). */
export function ollamaGlance(status: OllamaStatus): OllamaGlance {
  return {
    up: status.reachable,
    loaded: status.loadedModels.map(m => ({
      name: m.name,
      ...(m.ramBytes !== undefined ? { ramBytes: m.ramBytes } : {}),
      ...(m.percentOfMemoryLimit !== undefined
        ? { percentOfMemoryLimit: m.percentOfMemoryLimit }
        : {}),
    })),
    ...(status.memoryBudget.limitBytes
      ? { memoryLimitBytes: status.memoryBudget.limitBytes }
      : {}),
    ...(pairFits(status) ? { pairFits: pairFits(status) } : {}),
  };
}
