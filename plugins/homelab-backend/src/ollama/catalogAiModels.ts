import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { aiModelInfo, type AiModelInfo } from './modelPair';

const TTL_MS = 5 * 60_000;

/** The catalog's ai-model entities, fetched at most every five minutes. */
export function catalogAiModels(
  catalog: CatalogService,
  auth: AuthService,
): () => Promise<AiModelInfo[]> {
  let cached: { at: number; models: AiModelInfo[] } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < TTL_MS) return cached.models;
    const { items } = await catalog.getEntities(
      { filter: { kind: 'Resource', 'spec.type': 'ai-model' } },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const models = items.map(aiModelInfo).filter((m): m is AiModelInfo => !!m);
    cached = { at: Date.now(), models };
    return models;
  };
}
