import type { Config } from '@backstage/config';
import {
  OutboundLimits,
  readOutboundLimits,
} from '@internal/plugin-homelab-node';

export interface CutoverConfig {
  /** Hosts http checks may call directly (`url=`); none by default. */
  allowedHosts: string[];
  /** `homelab.cutover.timeout` and `.maxBytes` of a direct call (defaults 10 s, 8 MiB). */
  limits: OutboundLimits;
}

export function readCutoverConfig(config: Config): CutoverConfig {
  return {
    allowedHosts:
      config.getOptionalStringArray('homelab.cutover.allowedHosts') ?? [],
    limits: readOutboundLimits(config, 'homelab.cutover'),
  };
}
