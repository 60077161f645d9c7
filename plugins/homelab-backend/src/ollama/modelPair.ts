import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_OLLAMA_MODEL } from '@internal/plugin-homelab-common';
import { parseSize } from './quantity';
import type {
  InstalledModelSnapshot,
  LoadedModelSnapshot,
  ModelEstimate,
} from './types';

/** What an `ai-model` catalog entity says about a model. */
export interface AiModelInfo {
  tag: string;
  capabilities: string[];
  fallback: boolean;
  ramEstimateBytes?: number;
}

/** The part of a loaded model in the pod's RAM, what its memory limit holds (size - size_vram). */
export function ramBytes(m: LoadedModelSnapshot): number {
  return Math.max(0, m.sizeBytes - (m.sizeVramBytes ?? 0));
}

/** "moondream" and "moondream:latest" are the same Ollama model. */
export function sameModel(a: string, b: string): boolean {
  const norm = (s: string) =>
    (s.includes(':') ? s : `${s}:latest`).toLowerCase();
  return norm(a) === norm(b);
}

export function aiModelInfo(entity: Entity): AiModelInfo | undefined {
  const tag = entity.metadata.annotations?.[ANNOTATION_OLLAMA_MODEL];
  if (!tag) return undefined;
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const caps = Array.isArray(spec.capabilities)
    ? spec.capabilities.map(String)
    : [];
  return {
    tag,
    capabilities: caps,
    fallback: (entity.metadata.tags ?? []).includes('fallback'),
    ramEstimateBytes: parseSize(spec.ramEstimate),
  };
}

/** The configured text and vision models, else the first non-fallback catalog model with that capability. */
export function pickPair(
  configured: { textModel?: string; visionModel?: string },
  models: AiModelInfo[],
): { text?: string; vision?: string } {
  const pick = (cap: string) =>
    (
      models.find(m => m.capabilities.includes(cap) && !m.fallback) ??
      models.find(m => m.capabilities.includes(cap))
    )?.tag;
  return {
    text: configured.textModel ?? pick('text'),
    vision: configured.visionModel ?? pick('vision'),
  };
}

/** Memory the model takes when loaded: measured (its RAM share) if it is loaded now, else the catalog's estimate, else its download size. */
export function estimateModel(
  name: string,
  loaded: LoadedModelSnapshot[],
  installed: InstalledModelSnapshot[],
  models: AiModelInfo[],
): ModelEstimate {
  const l = loaded.find(m => sameModel(m.name, name));
  if (l)
    return {
      name,
      bytes: ramBytes(l),
      vramBytes: l.sizeVramBytes || undefined,
      source: 'loaded',
    };
  const c = models.find(m => sameModel(m.tag, name));
  if (c?.ramEstimateBytes)
    return { name, bytes: c.ramEstimateBytes, source: 'catalog' };
  const i = installed.find(m => sameModel(m.name, name));
  if (i) return { name, bytes: i.sizeBytes, source: 'download size' };
  return { name, source: 'unknown' };
}
