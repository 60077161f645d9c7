import {
  type CatalogProcessor,
  type CatalogProcessorEmit,
  type CatalogProcessorParser,
  type LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import type {
  GitopsCheckout,
  GitopsLayout,
} from '@internal/plugin-homelab-node';
import fs from 'node:fs/promises';
import { join, normalize, relative, sep } from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  catalogFileGlobs,
  checkCatalogFileName,
  layoutCatalogFiles,
} from './catalogFiles';
import { markProposed } from './markProposed';
import { proposedCatalogFiles } from './proposedCatalogFiles';

/** `catalog.locations[].type` that reads the GitOps repository through the portal's checkout. */
export const GITOPS_LOCATION_TYPE = 'homelab-gitops';

/** The refresh key of every homelab-gitops location of a checkout. */
export function checkoutRefreshKey(checkoutDir: string): string {
  return `${GITOPS_LOCATION_TYPE}:${checkoutDir}`;
}

/**
 * Reads a `homelab-gitops` location (`target`: the catalog file name, e.g.
 * catalog-info.yaml): the checkout's root file and the files of the layout's namespace and
 * service folders, read as the catalog's file reader reads one (each entity's location is
 * its file, so a Location in the root file listing the same file claims the same entities,
 * not a conflicting copy). Any git remote works (the catalog's URL readers expand no
 * globs); a refresh of this location after a fetch reads new and changed files at once.
 * The catalog files an open `scaffold/*` branch adds are emitted too, marked as proposed
 * (annotation homelab.dev/proposed-branch, tag `proposed`), until the branch is merged. With `workingTreeFirst` (development), the working
 * tree's copy of a file wins and the checkout adds what the working tree lacks; if the
 * checkout cannot be cloned there, the working tree is read alone (a warning, not an
 * error: an error would hold back every file of the location).
 */
export class GitopsCheckoutProcessor implements CatalogProcessor {
  constructor(
    private readonly options: {
      checkout: GitopsCheckout;
      layout: GitopsLayout;
      /** Set with `homelab.gitops.checkout.workingTreeFirst`. */
      workingTree?: string;
      logger: LoggerService;
    },
  ) {}

  getProcessorName(): string {
    return 'HomelabGitopsCheckoutProcessor';
  }

  async readLocation(
    location: LocationSpec,
    _optional: boolean,
    emit: CatalogProcessorEmit,
    parser: CatalogProcessorParser,
  ): Promise<boolean> {
    if (location.type !== GITOPS_LOCATION_TYPE) return false;
    const { checkout, layout, workingTree, logger } = this.options;
    try {
      const fileName = checkCatalogFileName(location.target);
      let checkoutDir: string | undefined = checkout.dir;
      try {
        await checkout.ensure();
      } catch (error) {
        if (!workingTree) throw error;
        checkoutDir = undefined;
        logger.warn(
          `GitOps checkout: not cloned, the catalog reads the working tree alone: ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
      }
      const files = await layoutCatalogFiles({
        layout,
        fileName,
        checkoutDir,
        workingTree,
      });
      for (const file of files) {
        // As the catalog's FileReaderProcessor reads one file; the location is the file.
        const data = await fs.readFile(file);
        const target = normalize(file);
        for await (const result of parser({
          data,
          location: { type: 'file', target },
        })) {
          emit(result);
        }
      }
      if (checkoutDir) {
        await this.emitProposed(files, fileName, parser, emit);
      }
      emit(processingResult.refresh(checkoutRefreshKey(checkout.dir)));
    } catch (error) {
      emit(
        processingResult.generalError(
          location,
          `the GitOps checkout could not be read: ${
            error instanceof Error ? error.message : String(error)
          }`,
        ),
      );
    }
    return true;
  }

  /**
   * The catalog files only an open scaffold branch has, marked as proposed, at the path
   * they will have in the checkout once merged: the same location, so the merged file's
   * entity replaces the proposed one instead of conflicting with it. A branch that cannot
   * be read, or a file of it that does not parse, is a warning: it must not hold back the
   * base branch's entities.
   */
  private async emitProposed(
    files: string[],
    fileName: string,
    parser: CatalogProcessorParser,
    emit: CatalogProcessorEmit,
  ) {
    const { checkout, layout, workingTree, logger } = this.options;
    const known = new Set(
      files.map(file => {
        const root =
          workingTree && !file.startsWith(checkout.dir + sep)
            ? workingTree
            : checkout.dir;
        return relative(root, file).split(sep).join('/');
      }),
    );
    try {
      const proposed = await proposedCatalogFiles({
        checkout,
        patterns: catalogFileGlobs(layout, fileName),
        known,
      });
      for (const file of proposed) {
        const target = normalize(join(checkout.dir, file.path));
        for await (const result of parser({
          data: file.data,
          location: { type: 'file', target },
        })) {
          // An unreviewed branch's broken file must not fail the base branch's entities.
          if (result.type === 'error') {
            logger.warn(
              `GitOps checkout: ${file.path} on ${file.branch} is skipped: ${result.error.message}`,
            );
            continue;
          }
          emit(markProposed(result, file.branch));
        }
      }
    } catch (error) {
      logger.warn(
        `GitOps checkout: the scaffold branches' catalog files could not be read: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }
}
