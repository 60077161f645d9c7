import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CUTOVER,
  ANNOTATION_CUTOVER_RUNBOOK,
  ANNOTATION_PHASE_PLAN,
  ANNOTATION_RUNBOOKS,
} from '@internal/plugin-homelab-common';

// Filter predicates for the new frontend system (an app can override them in
// config) and the same tests as functions for EntitySwitch in legacy apps.

/** The Ollama server (a model-server component) and the ai-model resources it serves. */
export const ollamaEntityFilter = {
  $any: [
    { kind: 'component', 'spec.type': 'model-server' },
    { kind: 'resource', 'spec.type': 'ai-model' },
  ],
};

export const phasePlanEntityFilter = {
  [`metadata.annotations.${ANNOTATION_PHASE_PLAN}`]: { $exists: true },
};

/** The catalog marks entities whose phase plan has a cutover section (homelab.dev/cutover). */
export const cutoverEntityFilter = {
  [`metadata.annotations.${ANNOTATION_CUTOVER}`]: 'true',
};

// Separate constants keep TypeScript from widening the two alternatives
// into one object type with optional keys, which is no filter predicate.
const hasRunbooksAnnotation = {
  [`metadata.annotations.${ANNOTATION_RUNBOOKS}`]: { $exists: true },
};
const hasCutoverAnnotation = {
  [`metadata.annotations.${ANNOTATION_CUTOVER_RUNBOOK}`]: { $exists: true },
};

export const runbooksEntityFilter = {
  $any: [hasRunbooksAnnotation, hasCutoverAnnotation],
};

const lower = (s: unknown) => String(s ?? '').toLocaleLowerCase('en-US');

export function isOllamaEntity(entity: Entity): boolean {
  const kind = lower(entity.kind);
  const type = lower(entity.spec?.type);
  return (
    (kind === 'component' && type === 'model-server') ||
    (kind === 'resource' && type === 'ai-model')
  );
}

export function hasPhasePlan(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[ANNOTATION_PHASE_PLAN]);
}

export function hasCutover(entity: Entity): boolean {
  return entity.metadata.annotations?.[ANNOTATION_CUTOVER] === 'true';
}

export function hasRunbooks(entity: Entity): boolean {
  const a = entity.metadata.annotations ?? {};
  return Boolean(a[ANNOTATION_RUNBOOKS] || a[ANNOTATION_CUTOVER_RUNBOOK]);
}
