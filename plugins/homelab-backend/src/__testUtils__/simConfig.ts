import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { portalConfigData, type HomelabSim } from '@internal/homelab-sim';

/** `homelab.*` and the kubernetes cluster entry pointing at a running stand-in. */
export function simConfigData(
  sim: HomelabSim,
  homelab: JsonObject = {},
): JsonObject {
  return portalConfigData(sim, homelab) as JsonObject;
}

export const simConfig = (sim: HomelabSim, homelab?: JsonObject) =>
  new ConfigReader(simConfigData(sim, homelab));
