import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_PHASE_PLAN,
  parsePhasePlan,
  type PhasePlan,
  type PhasePlanProposal,
} from '@internal/plugin-homelab-common';
import {
  checkoutGit,
  type PlanReadLimits,
  PlanRefusedError,
  planTooLarge,
  PROPOSAL_BRANCH_PREFIX,
} from '@internal/plugin-homelab-node';
import { findPlanFiles, isPlanFileName, type PlanFile } from './findPlanFiles';
import type { PullRequestLookup } from './proposedPullRequests';

/** The portal's checkout of the GitOps repository, as the phase plans read it. */
export interface CheckoutPlansOptions {
  checkoutDir: string;
  baseBranch: string;
  /** `homelab.gitops.layout.phasePlans`, e.g. `docs/phases/`. */
  phasePlans: string;
  /** The catalog files of the layout (`catalog-info.yaml`): entities-to-be of a branch. */
  catalogFileName?: string;
  /** Development: a plan of the working tree wins over the checkout's copy. */
  workingTreeFirst: boolean;
  limits: PlanReadLimits;
  pullRequests?: PullRequestLookup;
}

/** A plan that exists only on a `scaffold/*` branch. */
export interface ProposedPlan {
  file: string;
  plan: PhasePlan;
  proposed: PhasePlanProposal;
  /** Entities the branch adds whose homelab.dev/phase-plan names this file. */
  entityRefs: string[];
  /** The branch, for problem entries. */
  source: string;
}

interface Compared {
  added: string[];
  entities: Entity[];
}

/**
 * Plans of the GitOps checkout: those of its base branch (the layout's phase-plan folder,
 * merged with the folders of `homelab.phases.folders`) and those a `scaffold/*` branch adds,
 * read from git objects (`git ls-tree`, `git cat-file`): never from a working tree, never
 * a link or anything but a regular blob, within the size cap and the read timeout.
 */
export class CheckoutPlans {
  private readonly parsed = new Map<string, PhasePlan>();
  private readonly compared = new Map<string, Compared>();

  constructor(private readonly options: CheckoutPlansOptions) {}

  private get ready(): boolean {
    return existsSync(join(this.options.checkoutDir, '.git'));
  }

  /**
   * The plan files to read: `listed` (the phase folders of the repository root) and the
   * checkout's. For one repository path in both, the working tree's wins in development
   * and the checkout's (the merged state of the remote) otherwise.
   */
  async mergeFiles(
    listed: PlanFile[],
    onProblem: (source: string, message: string) => void,
  ): Promise<PlanFile[]> {
    const folder = join(this.options.checkoutDir, this.options.phasePlans);
    if (!this.ready || !existsSync(folder)) return listed;
    const fromCheckout = await findPlanFiles(
      this.options.checkoutDir,
      [this.options.phasePlans],
      onProblem,
    );
    const byFile = new Map<string, PlanFile>();
    const [first, second] = this.options.workingTreeFirst
      ? [fromCheckout, listed]
      : [listed, fromCheckout];
    for (const f of first) byFile.set(f.file, f);
    for (const f of second) byFile.set(f.file, f);
    return [...byFile.values()];
  }

  /**
   * Plans each `scaffold/*` branch adds under the layout's phase-plan folder, since it left
   * the base branch, unless the base branch has that file by now (merged). `known` are the
   * repository paths already listed as normal plans.
   */
  async proposed(
    known: ReadonlySet<string>,
    onProblem: (source: string, message: string) => void,
  ): Promise<ProposedPlan[]> {
    if (!this.ready) return [];
    const { checkoutDir, baseBranch } = this.options;
    const baseRef = `refs/remotes/origin/${baseBranch}`;
    // One call for every tip; what a branch adds is computed once per pair of commits.
    const tips = new Map(
      (
        await checkoutGit(checkoutDir, [
          'for-each-ref',
          '--format=%(refname) %(objectname)',
          baseRef,
          `refs/remotes/origin/${PROPOSAL_BRANCH_PREFIX}`,
        ])
      )
        .split('\n')
        .filter(Boolean)
        .map(line => line.split(' ') as [string, string]),
    );
    const baseTip = tips.get(baseRef);
    if (!baseTip) return [];
    tips.delete(baseRef);
    const refs = [...tips.keys()];
    const branches = refs.map(ref => ref.slice('refs/remotes/origin/'.length));
    let pulls = new Map<string, { number: number; url: string }>();
    if (this.options.pullRequests?.enabled && branches.length > 0) {
      try {
        pulls = await this.options.pullRequests.find(branches);
      } catch (error) {
        onProblem(
          'homelab.gitops.pullRequests',
          `the pull requests of the proposed branches could not be listed: ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
      }
    }

    const found: ProposedPlan[] = [];
    for (const [i, ref] of refs.entries()) {
      const branch = branches[i];
      const tip = tips.get(ref)!;
      let compared: Compared;
      try {
        compared = await this.compare(baseTip, tip);
      } catch {
        onProblem(branch, `could not be compared with ${baseBranch}`);
        continue;
      }
      const { added, entities } = compared;
      const plans = added.filter(
        f =>
          f.startsWith(this.options.phasePlans) &&
          isPlanFileName(posix.basename(f)) &&
          !known.has(f),
      );
      if (plans.length === 0) continue;
      const pull = pulls.get(branch);
      for (const file of plans) {
        try {
          found.push({
            file,
            plan: await this.readPlan(tip, file, branch),
            proposed: pull ? { branch, pullRequest: pull } : { branch },
            entityRefs: entities
              .filter(e => planPathOf(e) === file)
              .flatMap(e => refOf(e)),
            source: branch,
          });
        } catch (error) {
          onProblem(
            branch,
            error instanceof PlanRefusedError
              ? error.message
              : `"${file}" could not be read from the branch`,
          );
        }
      }
    }
    return found;
  }

  /** What the branch at `tip` added since it left `base`, and the entities among it. */
  private async compare(base: string, tip: string): Promise<Compared> {
    const key = `${base}...${tip}`;
    const cached = this.compared.get(key);
    if (cached) return cached;
    const added = await this.addedFiles(base, tip);
    const result = { added, entities: await this.branchEntities(tip, added) };
    // Only the latest pair of each branch tip is worth keeping.
    for (const k of this.compared.keys()) {
      if (k.endsWith(`...${tip}`)) this.compared.delete(k);
    }
    this.compared.set(key, result);
    return result;
  }

  /** Files the branch added since its merge base with the base branch. */
  private async addedFiles(baseRef: string, ref: string): Promise<string[]> {
    const out = await checkoutGit(
      this.options.checkoutDir,
      [
        'diff',
        '--name-only',
        '--no-renames',
        '--diff-filter=A',
        '-z',
        `${baseRef}...${ref}`,
        '--',
      ],
      { timeoutMs: this.options.limits.readTimeoutMs },
    );
    return out.split('\0').filter(Boolean);
  }

  /** A regular blob at `file` of commit `tip`, no larger than the cap, parsed once per blob. */
  private async readPlan(
    tip: string,
    file: string,
    branch: string,
  ): Promise<PhasePlan> {
    const { checkoutDir, limits } = this.options;
    const [mode, type, sha, size] = (
      await checkoutGit(checkoutDir, ['ls-tree', '-l', tip, '--', file])
    ).split(/\s+/);
    const shown = `"${file}" on ${branch}`;
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755')) {
      throw new PlanRefusedError(
        `${shown} is not a regular file (a link or a submodule); commit the plan itself`,
      );
    }
    if (Number(size) > limits.maxBytes) throw planTooLarge(shown, limits);
    const cached = this.parsed.get(sha);
    if (cached) return cached;
    const text = await checkoutGit(checkoutDir, ['cat-file', 'blob', sha], {
      raw: true,
      timeoutMs: limits.readTimeoutMs,
      maxBuffer: limits.maxBytes + 1,
    });
    const plan = parsePhasePlan(text, { file });
    this.parsed.set(sha, plan);
    return plan;
  }

  /** Entities of the catalog files the branch adds (the entities-to-be of the scaffold). */
  private async branchEntities(
    ref: string,
    added: string[],
  ): Promise<Entity[]> {
    const name = this.options.catalogFileName ?? 'catalog-info.yaml';
    const entities: Entity[] = [];
    for (const file of added.filter(f => posix.basename(f) === name)) {
      try {
        const data = await checkoutGit(
          this.options.checkoutDir,
          ['cat-file', 'blob', `${ref}:${file}`],
          { raw: true, maxBuffer: this.options.limits.maxBytes + 1 },
        );
        for (const result of parseEntityYaml(Buffer.from(data), {
          type: 'file',
          target: file,
        })) {
          if (result.type === 'entity') entities.push(result.entity);
        }
      } catch {
        // Not an entity file after all: the plan is still proposed, without entities.
      }
    }
    return entities;
  }
}

function refOf(entity: Entity): string[] {
  try {
    return [stringifyEntityRef(entity)];
  } catch {
    return [];
  }
}

/** The repository path an entity's homelab.dev/phase-plan names, if it is a path. */
function planPathOf(entity: Entity): string | undefined {
  const value = entity.metadata.annotations?.[ANNOTATION_PHASE_PLAN]?.trim();
  if (!value || /^[a-z]+:\/\//i.test(value)) return undefined;
  return posix.normalize(value.replace(/^\/+/, ''));
}
