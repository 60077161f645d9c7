import type { AuthService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ANNOTATION_OLLAMA_MODEL } from '@internal/plugin-homelab-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { DISCOVERY_LOCATION_TYPE } from './entities';
import { normalizeOllamaTag } from './names';

/** What the catalog holds from other sources than this provider. */
export interface DeclaredEntities {
  /** Lower-case refs, e.g. `resource:default/node-1`. */
  refs: Set<string>;
  /** Normalized tags of `homelab.dev/ollama-model` annotations, e.g. `moondream:latest`. */
  ollamaTags: Set<string>;
}

export function isDiscovered(entity: Entity): boolean {
  const origin =
    entity.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION] ?? '';
  return origin.startsWith(`${DISCOVERY_LOCATION_TYPE}:`);
}

/**
 * Reads the Resources not emitted by this provider through the catalog API.
 * Asking the catalog (rather than re-reading catalog-info.yaml files) covers
 * every location the portal registers, in git or added at run time.
 */
export async function readDeclaredEntities(
  catalog: CatalogService,
  auth: AuthService,
): Promise<DeclaredEntities> {
  const { items } = await catalog.getEntities(
    {
      filter: { kind: 'Resource' },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.annotations',
      ],
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  const declared: DeclaredEntities = { refs: new Set(), ollamaTags: new Set() };
  for (const entity of items) {
    if (isDiscovered(entity)) continue;
    declared.refs.add(stringifyEntityRef(entity).toLowerCase());
    const tag = entity.metadata.annotations?.[ANNOTATION_OLLAMA_MODEL];
    if (tag) declared.ollamaTags.add(normalizeOllamaTag(tag));
  }
  return declared;
}

/** Whether a discovered entity stands for something declared elsewhere. */
export function isDeclared(
  entity: Entity,
  declared: DeclaredEntities,
): boolean {
  if (declared.refs.has(stringifyEntityRef(entity).toLowerCase())) return true;
  const tag = entity.metadata.annotations?.[ANNOTATION_OLLAMA_MODEL];
  return tag !== undefined && declared.ollamaTags.has(normalizeOllamaTag(tag));
}
