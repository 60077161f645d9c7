import { resolve } from 'node:path';

export interface PlanRootsConfig {
  repositoryRoot: string;
  /** `homelab.phases.folders`, relative to the repository root (or absolute). */
  phaseFolders: string[];
  /** The scaffolder's working copies (data/scaffolder/working-copies). */
  workingCopies: string;
}

/** The folders a plan file may resolve into (real paths, links followed). */
export interface PlanRoots {
  /** Roots of every plan: the phase folders and the scaffolder's working copies. */
  shared: string[];
  /** Added for entities the catalog itself loaded from files of the repository. */
  repository: string;
}

/**
 * The one place the trusted roots are listed. A later issue swaps the working
 * copies for the portal's checkout of the GitOps repository.
 */
export function planRoots(config: PlanRootsConfig): PlanRoots {
  const repository = resolve(config.repositoryRoot);
  return {
    shared: [
      ...config.phaseFolders.map(folder => resolve(repository, folder)),
      resolve(config.workingCopies),
    ],
    repository,
  };
}
