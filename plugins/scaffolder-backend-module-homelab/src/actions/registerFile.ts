import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ForwardedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseAllDocuments } from 'yaml';
import type { LocalScaffoldRepository } from '../git/LocalScaffoldRepository';
import { refuse, safeChildPath } from '../validation/inputRules';

export const REGISTER_FILE_ACTION_ID = 'homelab:catalog:register';

/**
 * Registers a catalog-info.yaml of a local working copy as a `file` location. The stock
 * catalog:register only adds `url` locations, which no reader can fetch from disk. Only
 * files below the working-copies folder are accepted, so the action cannot be used to
 * make the catalog read arbitrary files of the server. When the catalog refuses the
 * file, the branch published for it is taken back, so the task can simply run again.
 */
export function createRegisterFileAction(options: {
  catalog: CatalogService;
  repository: LocalScaffoldRepository;
}) {
  const { workingCopiesPath } = options.repository;
  return createTemplateAction({
    id: REGISTER_FILE_ACTION_ID,
    description:
      'Registers a catalog-info.yaml from a working copy published by homelab:publish:local (a file location)',
    schema: {
      input: {
        catalogInfoUrl: z =>
          z
            .string()
            .describe('file: URL or absolute path from homelab:publish:local'),
      },
      output: {
        entityRef: z => z.string(),
        catalogInfoUrl: z => z.string(),
      },
    },
    async handler(ctx) {
      const value = ctx.input.catalogInfoUrl;
      let path: string;
      try {
        path = value.startsWith('file:')
          ? fileURLToPath(value)
          : resolve(value);
      } catch {
        refuse('catalogInfoUrl', `"${value}" is not a file: URL`);
      }
      const rel = relative(workingCopiesPath, path);
      if (rel.startsWith('..') || isAbsolute(rel) || rel === '') {
        refuse(
          'catalogInfoUrl',
          `the file is not inside the scaffolder's working copies folder; only working copies of homelab:publish:local can be registered`,
        );
      }
      if (!existsSync(path))
        refuse(
          'catalogInfoUrl',
          `${rel} does not exist in the working copies folder`,
        );
      // The catalog follows links when it reads the location: the real path must stay inside too.
      const real = safeChildPath(
        workingCopiesPath,
        'catalogInfoUrl',
        rel,
        'the working copies folder',
      );
      if (!statSync(real).isFile()) {
        refuse('catalogInfoUrl', `${rel} is not a regular file`);
      }

      const entities = parseAllDocuments(readFileSync(real, 'utf8'))
        .map(d => d.toJS())
        .filter((e): e is Entity => Boolean(e?.kind && e?.metadata?.name));
      const main = entities.find(e => e.kind === 'Component') ?? entities[0];
      if (!main) refuse('catalogInfoUrl', `${path} holds no catalog entity`);

      try {
        await options.catalog.addLocation(
          { type: 'file', target: path },
          { credentials: await ctx.getInitiatorCredentials() },
        );
      } catch (error) {
        const name = rel.split(sep)[0];
        const branch = options.repository.branchOf(name);
        const removed = await options.repository
          .unpublish(name)
          .catch(() => false);
        throw new ForwardedError(
          `the catalog refused file:${path}; ${
            removed
              ? `took back the branch ${branch} and its working copy, so the task can run again once this is fixed`
              : `the branch ${branch} stays because its working copy has changes; delete it before running the task again`
          }`,
          error,
        );
      }
      ctx.logger.info(`registered file:${path} in the catalog`);
      ctx.output('entityRef', stringifyEntityRef(main));
      ctx.output('catalogInfoUrl', value);
    },
  });
}
