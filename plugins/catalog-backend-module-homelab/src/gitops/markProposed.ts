import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { ANNOTATION_PROPOSED_BRANCH } from '@internal/plugin-homelab-common';

/** The tag the catalog's table shows on an entity that is only on an open scaffold branch. */
export const PROPOSED_TAG = 'proposed';

/** An entity result of a scaffold branch's file, marked with its branch and the tag. */
export function markProposed(
  result: CatalogProcessorResult,
  branch: string,
): CatalogProcessorResult {
  if (result.type !== 'entity') return result;
  const { metadata } = result.entity;
  return {
    ...result,
    entity: {
      ...result.entity,
      metadata: {
        ...metadata,
        annotations: {
          ...metadata.annotations,
          [ANNOTATION_PROPOSED_BRANCH]: branch,
        },
        tags: [...new Set([...(metadata.tags ?? []), PROPOSED_TAG])],
      },
    },
  };
}
