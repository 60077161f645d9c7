import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { portalConfigData, type SimEndpoints } from '@internal/homelab-sim';

/** Portal configuration pointing at a running stand-in (test helper, not exported). */
export function simConfig(
  sim: SimEndpoints,
  cluster: JsonObject = {},
) {
  return new ConfigReader(portalConfigData(sim, {}, cluster));
}
