import type { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { readRepositoryRoot } from '../repositoryRoot';
import type { PlanLocationContext } from './entityPlanLocation';

/**
 * What entityPlanLocation resolves against, from the root config: the
 * repository root (`homelab.repositoryRoot`) and the SCM integrations'
 * URL rules (`integrations.*`), which turn a repository path into the URL of
 * that file on the branch the entity was read from.
 */
export function readPlanLocationContext(
  config: Config,
  cwd: string = process.cwd(),
): PlanLocationContext {
  const integrations = ScmIntegrations.fromConfig(config);
  return {
    repositoryRoot: readRepositoryRoot(config, cwd),
    resolveUrl: o => integrations.resolveUrl(o),
  };
}
