import fs from 'node:fs';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import {
  EntityProviderConnection,
  EntityProviderMutation,
  EntityProviderRefreshOptions,
  parseEntityYaml,
} from '@backstage/plugin-catalog-node';
import { portalConfigData, type SimEndpoints } from '@internal/homelab-sim';

/** Test helpers; not exported from the package. */

export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** The entities the repository declares (root catalog-info.yaml and manifests/*). */
export function declaredEntities(): Entity[] {
  const files = [
    'catalog-info.yaml',
    ...fs
      .readdirSync(path.join(REPO_ROOT, 'manifests'))
      .map(dir => `manifests/${dir}/catalog-info.yaml`)
      .filter(file => fs.existsSync(path.join(REPO_ROOT, file))),
  ];
  return files.flatMap(file => {
    const target = path.join(REPO_ROOT, file);
    return [
      ...parseEntityYaml(fs.readFileSync(target), { type: 'file', target }),
    ].map(result => {
      if (result.type !== 'entity')
        throw new Error(`${file}: ${JSON.stringify(result)}`);
      return result.entity;
    });
  });
}

type SimUrls = SimEndpoints;

/** Portal configuration pointing at a running stand-in. */
export function simConfig(sim: SimUrls, extra: JsonObject = {}) {
  return new ConfigReader(simConfigData(sim, extra));
}

export function simConfigData(
  sim: SimUrls,
  extra: JsonObject = {},
): JsonObject {
  return portalConfigData(sim, extra) as JsonObject;
}

/** A catalog connection that records the mutations and refreshes it is given. */
export class RecordingConnection implements EntityProviderConnection {
  readonly mutations: EntityProviderMutation[] = [];
  /** The keys of each refresh call. */
  readonly refreshedKeys: string[][] = [];

  async applyMutation(mutation: EntityProviderMutation): Promise<void> {
    this.mutations.push(mutation);
  }

  async refresh(options: EntityProviderRefreshOptions): Promise<void> {
    this.refreshedKeys.push(options.keys);
  }

  /** Sorted refs of the last full mutation. */
  lastRefs(): string[] {
    const last = this.mutations.at(-1);
    if (!last || last.type !== 'full')
      throw new Error('no full mutation applied');
    return last.entities
      .map(
        ({ entity }) =>
          `${entity.kind.toLowerCase()}:${
            entity.metadata.namespace ?? 'default'
          }/${entity.metadata.name}`,
      )
      .sort();
  }
}
