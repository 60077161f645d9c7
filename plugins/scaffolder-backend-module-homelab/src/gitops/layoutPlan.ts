import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parseDocument } from 'yaml';
import {
  expandLayoutPath,
  type GitopsLayout,
} from '@internal/plugin-homelab-node';
import { listPublishableTree } from '../git/publishableTree';
import { refuse, safeChildPath } from '../validation/inputRules';
import { renderFluxKustomization } from './fluxKustomization';

/** A file the publish writes into the repository, by its repository path. */
export interface PlannedFile {
  path: string;
  content: Buffer;
  executable: boolean;
  /** Where it came from in the workspace (or `generated`). */
  source: string;
}

/** Where the rendered workspace lands in the repository's layout. */
export interface LayoutPlan {
  namespace: string;
  files: PlannedFile[];
  /** The namespace's kustomization.yaml and the entry that lists this service there. */
  parentKustomization: { path: string; entry: string };
  /** Repository path of the service's catalog-info.yaml, if rendered. */
  catalogInfoPath?: string;
}

/**
 * Maps the workspace the render (and fetch:template) wrote onto the layout:
 * `<manifests>/<namespace>/<name>/*` to `layout.service`, `<manifests>/<namespace>/*`
 * to `layout.namespace`, `<docs>/phases/*` and `<docs>/runbooks/*` to `layout.phasePlans`
 * and `layout.runbooks`; with a Flux layout, the ks.yaml beside the app folder. Anything
 * else, links, and special files are refused naming the file, before anything is written.
 */
export async function planLayout(options: {
  workspacePath: string;
  manifestsPath: string;
  docsPath: string;
  name: string;
  layout: GitopsLayout;
}): Promise<LayoutPlan> {
  const { name, layout } = options;
  const manifests = safeChildPath(
    options.workspacePath,
    'manifestsPath',
    options.manifestsPath,
  );
  if (!existsSync(manifests)) {
    refuse(
      'manifestsPath',
      `${options.manifestsPath} is not in the workspace; run homelab:manifests:render first`,
    );
  }
  const entries = (
    await listPublishableTree(manifests, 'manifestsPath')
  ).filter(entry => entry.type !== 'dir');
  const namespaces = new Set(entries.map(entry => entry.path.split('/')[0]));
  if (namespaces.size !== 1) {
    refuse(
      'manifestsPath',
      `${
        options.manifestsPath
      } must hold one namespace folder with the service ${name}, found ${
        [...namespaces].join(', ') || 'none'
      }`,
    );
  }
  const namespace = [...namespaces][0];
  const values = { namespace, name };
  const serviceDir = expandLayoutPath(layout.service, values);
  const namespaceDir = expandLayoutPath(layout.namespace, values);
  const ks = layout.fluxKustomization
    ? expandLayoutPath(layout.fluxKustomization, values)
    : undefined;
  const parentPath = `${namespaceDir}kustomization.yaml`;
  const entry =
    posix.relative(namespaceDir, ks ?? serviceDir) + (ks ? '' : '/');

  const files: PlannedFile[] = [];
  let catalogInfoPath: string | undefined;
  for (const item of entries) {
    const where = `${options.manifestsPath}/${item.path}`;
    if (item.type === 'link') {
      refuse(
        'manifestsPath',
        `${where} is a link; the GitOps repository gets files only`,
      );
    }
    const parts = item.path.split('/');
    let target: string;
    if (parts.length >= 3 && parts[1] === name) {
      target = serviceDir + parts.slice(2).join('/');
    } else if (parts.length === 2) {
      target = namespaceDir + parts[1];
    } else {
      refuse(
        'manifestsPath',
        `${where} is neither a file of the service folder ${namespace}/${name}/ nor of the namespace folder ${namespace}/; the layout has no place for it`,
      );
    }
    let file = await readWorkspaceFile(manifests, item.path, where);
    if (target === parentPath) {
      file = {
        ...file,
        content: rewriteServiceEntry(file.content, name, entry),
      };
    }
    if (target === `${serviceDir}catalog-info.yaml`) {
      catalogInfoPath = target;
      file = {
        ...file,
        content: relocatePhasePlan(file.content, options.docsPath, layout),
      };
    }
    files.push({ path: target, source: where, ...file });
  }
  if (ks) {
    files.push({
      path: ks,
      source: 'generated',
      executable: false,
      content: Buffer.from(
        renderFluxKustomization({
          name,
          namespace,
          appPath: serviceDir.replace(/\/$/, ''),
        }),
      ),
    });
  }
  files.push(...(await planDocs(options, layout)));
  return {
    namespace,
    files,
    parentKustomization: { path: parentPath, entry },
    catalogInfoPath,
  };
}

async function planDocs(
  options: { workspacePath: string; docsPath: string },
  layout: GitopsLayout,
): Promise<PlannedFile[]> {
  const docs = safeChildPath(
    options.workspacePath,
    'docsPath',
    options.docsPath,
  );
  if (!existsSync(docs)) return [];
  const targets: Record<string, string> = {
    phases: layout.phasePlans,
    runbooks: layout.runbooks,
  };
  const files: PlannedFile[] = [];
  for (const item of await listPublishableTree(docs, 'docsPath')) {
    if (item.type === 'dir') continue;
    const where = `${options.docsPath}/${item.path}`;
    const [folder, ...rest] = item.path.split('/');
    if (item.type === 'link' || !targets[folder] || rest.length === 0) {
      refuse(
        'docsPath',
        `${where} is not a file of ${options.docsPath}/phases/ or ${options.docsPath}/runbooks/; the layout has no place for it`,
      );
    }
    files.push({
      path: targets[folder] + rest.join('/'),
      source: where,
      ...(await readWorkspaceFile(docs, item.path, where)),
    });
  }
  return files;
}

async function readWorkspaceFile(root: string, path: string, where: string) {
  const handle = await fs.open(
    join(root, path),
    constants.O_RDONLY | constants.O_NOFOLLOW,
  );
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      refuse('manifestsPath', `${where} is not a regular file`);
    return {
      content: await handle.readFile(),
      executable: (stat.mode & 0o111) !== 0,
    };
  } finally {
    await handle.close();
  }
}

/** The render lists `<name>/` in a new namespace's kustomization; the layout may put it elsewhere. */
function rewriteServiceEntry(
  content: Buffer,
  name: string,
  entry: string,
): Buffer {
  const doc = parseDocument(content.toString('utf8'));
  const resources = doc.get('resources', true) as any;
  if (!resources?.items) return content;
  for (const item of resources.items) {
    if (String(item.value).replace(/^\.\//, '').replace(/\/$/, '') === name) {
      item.value = entry;
    }
  }
  return Buffer.from(doc.toString());
}

const PHASE_PLAN = 'homelab.dev/phase-plan';

/**
 * A rendered `homelab.dev/phase-plan` of `<docs>/phases/<file>` names the plan where the
 * workspace has it; in the repository it is at `layout.phasePlans`.
 */
function relocatePhasePlan(
  content: Buffer,
  docsPath: string,
  layout: GitopsLayout,
): Buffer {
  const doc = parseDocument(content.toString('utf8'));
  const annotations = doc.getIn(['metadata', 'annotations'], true) as any;
  const value = annotations?.get?.(PHASE_PLAN);
  const prefix = `${docsPath.replace(/\/+$/, '')}/phases/`;
  if (typeof value !== 'string' || !value.startsWith(prefix)) return content;
  const moved = layout.phasePlans + value.slice(prefix.length);
  if (moved === value) return content;
  annotations.set(PHASE_PLAN, moved);
  return Buffer.from(doc.toString());
}
