import { resolve } from 'node:path';

export interface PlanRootsConfig {
  repositoryRoot: string;
  /** `homelab.phases.folders`, relative to the repository root (or absolute). */
  phaseFolders: string[];
  /** The portal's checkout of the GitOps repository (`homelab.gitops.checkoutDir`). */
  gitopsCheckout?: string;
}

/** Ends the refusal of a plan file whose real path is in none of the roots. */
export const PLAN_ROOTS_DESCRIBED =
  'the folders phase plans are read from (homelab.phases.folders, the GitOps checkout, and the repository for entities the catalog loaded from it); move the plan into one of them';

/** The folders a plan file may resolve into (real paths, links followed). */
export interface PlanRoots {
  /** Roots of every plan: the phase folders and the GitOps checkout. */
  shared: string[];
  /** Added for entities the catalog itself loaded from files of the repository. */
  repository: string;
}

/**
 * The one place the trusted roots are listed. The GitOps checkout holds only plain
 * files (links are checked out as files); plans of its scaffold branches are read from
 * git objects, not from any folder.
 */
export function planRoots(config: PlanRootsConfig): PlanRoots {
  const repository = resolve(config.repositoryRoot);
  return {
    shared: [
      ...config.phaseFolders.map(folder => resolve(repository, folder)),
      ...(config.gitopsCheckout ? [resolve(config.gitopsCheckout)] : []),
    ],
    repository,
  };
}
