import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigSources } from '@backstage/config-loader';
import { Config } from '@backstage/config';

/**
 * Throws an error naming every variable in `homelab.requiredEnvironment` that is unset.
 * Backstage substitutes an unset ${VAR} with nothing, which otherwise surfaces much later as
 * an unrelated error (a refused database connection, a missing OIDC client id).
 */
export function assertRequiredEnvironment(
  config: Config,
  env: NodeJS.ProcessEnv,
): void {
  const required =
    config.getOptionalStringArray('homelab.requiredEnvironment') ?? [];
  const missing = required.filter(name => !env[name]);
  if (missing.length > 0) {
    throw new Error(
      `Missing environment variable${missing.length > 1 ? 's' : ''} ${missing.join(
        ', ',
      )}: the configuration lists ${
        missing.length > 1 ? 'them' : 'it'
      } under homelab.requiredEnvironment. Set ${
        missing.length > 1 ? 'them' : 'it'
      } before starting the backend (see README, "Production").`,
    );
  }
}

/** The stock root config service, plus the required-environment check before any plugin starts. */
export const rootConfigWithRequiredEnvironment = createServiceFactory({
  service: coreServices.rootConfig,
  deps: {},
  async factory() {
    const config = await ConfigSources.toConfig(ConfigSources.default({}));
    assertRequiredEnvironment(config, process.env);
    return config;
  },
});
