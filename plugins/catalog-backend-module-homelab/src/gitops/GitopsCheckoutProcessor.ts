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
import { normalize } from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { checkCatalogFileName, layoutCatalogFiles } from './catalogFiles';

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
 * globs); a refresh of this location after a fetch reads new and changed files at once. With `workingTreeFirst` (development), the working
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
}
