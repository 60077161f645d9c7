import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_OLLAMA_MODEL } from '@internal/plugin-homelab-common';
import { refuse } from '../validation/inputRules';

export interface EgressTarget {
  entityRef: string;
  port: number;
}

export interface Egress {
  namespace: string;
  app: string;
  port: number;
}

const NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';
const SELECTOR_ANNOTATION = 'backstage.io/kubernetes-label-selector';
const ENTITY_REF = /^[a-z][a-z0-9-]*:[^/\s]+\/\S+$/i;

type Lookup = (ref: string) => Promise<Entity | undefined>;

export function catalogLookup(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Lookup {
  return ref => catalog.getEntityByRef(ref, { credentials });
}

/**
 * Components picked as egress targets become NetworkPolicy egress entries: the pods
 * they run are found the same way the Kubernetes tab finds them, through the
 * namespace and label-selector annotations.
 */
export async function resolveEgressTargets(
  lookup: Lookup,
  targets: EgressTarget[],
): Promise<Egress[]> {
  const egress: Egress[] = [];
  for (const [i, target] of targets.entries()) {
    const field = `egressTargets[${i}]`;
    const entity = await lookup(target.entityRef);
    if (!entity) {
      refuse(
        `${field}.entityRef`,
        `${target.entityRef} is not in the catalog; pick a component that exists`,
      );
    }
    const annotations = entity.metadata.annotations ?? {};
    const namespace = annotations[NAMESPACE_ANNOTATION];
    const app = /(?:^|,)\s*app\.kubernetes\.io\/name=([^,\s]+)/.exec(
      annotations[SELECTOR_ANNOTATION] ?? '',
    )?.[1];
    if (!namespace || !app) {
      refuse(
        `${field}.entityRef`,
        `${target.entityRef} needs the annotations ${NAMESPACE_ANNOTATION} and ${SELECTOR_ANNOTATION}: app.kubernetes.io/name=<name> to be an egress target`,
      );
    }
    egress.push({ namespace, app, port: target.port });
  }
  return egress;
}

/** An ai-model entity ref becomes its Ollama tag; anything else is taken as a tag already. */
export async function resolveModelTag(
  lookup: Lookup,
  field: string,
  value: string,
): Promise<string> {
  if (!ENTITY_REF.test(value)) return value;
  const entity = await lookup(value);
  if (!entity)
    refuse(field, `${value} is not in the catalog; pick an ai-model entity`);
  if (entity.spec?.type !== 'ai-model') {
    refuse(
      field,
      `${value} is a ${String(
        entity.spec?.type ?? entity.kind,
      )}, not an ai-model`,
    );
  }
  return (
    entity.metadata.annotations?.[ANNOTATION_OLLAMA_MODEL] ??
    entity.metadata.name
  );
}
