// The JSON of the homelab backend's GitOps routes (GET /api/homelab/gitops/branches/scaffold/:name
// and POST …/merge), shared by the backend that answers and the frontend that reads.

/** Why the portal cannot merge a branch itself; undefined when it can. */
export type GitopsMergeRefusal =
  /** The remote is a forge: the branch is merged in its pull request there. */
  | 'forge'
  /** The remote is a local repository with a working tree, which a merge would leave behind. */
  | 'not-bare'
  /** The caller lacks the homelab.gitops.merge permission. */
  | 'permission'
  /** The branch is not on the remote (merged and deleted, or deleted). */
  | 'gone';

/** `GET /gitops/branches/scaffold/:name`: a scaffold branch and whether the caller can merge it. */
export interface ScaffoldBranchStatus {
  /** e.g. `scaffold/miniflux`. */
  branch: string;
  baseBranch: string;
  /** Whether the branch is on the remote. */
  exists: boolean;
  /** Its tip, when it exists. */
  commit?: string;
  /** Repository paths the branch adds or changes since it left the base branch. */
  files: string[];
  /** Whether the caller may merge it from the portal now. */
  canMerge: boolean;
  refusal?: GitopsMergeRefusal;
  /** A sentence for the user when `canMerge` is false. */
  message?: string;
}

/** `POST /gitops/branches/scaffold/:name/merge`: what the merge did. */
export interface ScaffoldMergeResult {
  branch: string;
  baseBranch: string;
  /** The base branch's new tip. */
  commit: string;
  /** `fast-forward` when the base had not moved since the branch left it, else `merge-commit`. */
  method: 'fast-forward' | 'merge-commit';
  /** Repository paths the merge brought into the base branch. */
  files: string[];
}
