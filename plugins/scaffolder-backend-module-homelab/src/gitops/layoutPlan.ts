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
  /** The namespace's kustomization.yaml and the entries that list the services there. */
  parentKustomization: { path: string; entries: string[] };
  /** Repository paths of the catalog-info.yaml files rendered, in service order. */
  catalogInfoPaths: string[];
  /** Repository paths of the workspace's `<docs>/runbooks/` files, at `layout.runbooks`. */
  runbookPaths: string[];
}

/** Where one service folder of the workspace goes. */
interface ServicePlace {
  dir: string;
  /** Flux layouts: the Kustomization beside the app folder. */
  ks?: string;
  /** What the namespace's kustomization.yaml lists for it. */
  entry: string;
}

/**
 * Maps the workspace the render (and fetch:template) wrote onto the layout:
 * `<manifests>/<namespace>/<service>/*` to `layout.service`, `<manifests>/<namespace>/*`
 * to `layout.namespace`, `<docs>/phases/*` and `<docs>/runbooks/*` to `layout.phasePlans`
 * and `layout.runbooks`; with a Flux layout, a ks.yaml beside each app folder. One
 * service folder (`name`) unless `stack`, when every service folder of the namespace
 * goes (a compose stack). Anything else, links, and special files are refused naming
 * the file, before anything is written.
 */
export async function planLayout(options: {
  workspacePath: string;
  manifestsPath: string;
  docsPath: string;
  name: string;
  layout: GitopsLayout;
  /** Every service folder of the namespace is published, not only `name`'s. */
  stack?: boolean;
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
      `${options.manifestsPath} must hold one namespace folder with the ${
        options.stack ? 'services of the stack' : `service ${name}`
      }, found ${[...namespaces].join(', ') || 'none'}`,
    );
  }
  const namespace = [...namespaces][0];
  const namespaceDir = expandLayoutPath(layout.namespace, { namespace, name });
  const parentPath = `${namespaceDir}kustomization.yaml`;
  const serviceNames = options.stack
    ? await stackServices(manifests, namespace, entries)
    : [name];
  const places = new Map<string, ServicePlace>();
  for (const service of serviceNames) {
    const values = { namespace, name: service };
    const dir = expandLayoutPath(layout.service, values);
    const ks = layout.fluxKustomization
      ? expandLayoutPath(layout.fluxKustomization, values)
      : undefined;
    const entry = posix.relative(namespaceDir, ks ?? dir) + (ks ? '' : '/');
    places.set(service, { dir, ks, entry });
  }

  const files: PlannedFile[] = [];
  const catalogInfoPaths: string[] = [];
  for (const item of entries) {
    const where = `${options.manifestsPath}/${item.path}`;
    if (item.type === 'link') {
      refuse(
        'manifestsPath',
        `${where} is a link; the GitOps repository gets files only`,
      );
    }
    const parts = item.path.split('/');
    const place = parts.length >= 3 ? places.get(parts[1]) : undefined;
    let target: string;
    if (place) {
      target = place.dir + parts.slice(2).join('/');
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
      file = { ...file, content: rewriteServiceEntries(file.content, places) };
    }
    if (place && target === `${place.dir}catalog-info.yaml`) {
      catalogInfoPaths.push(target);
      file = {
        ...file,
        content: relocatePhasePlan(file.content, options.docsPath, layout),
      };
    }
    files.push({ path: target, source: where, ...file });
  }
  for (const [service, place] of places) {
    if (!place.ks) continue;
    files.push({
      path: place.ks,
      source: 'generated',
      executable: false,
      content: Buffer.from(
        renderFluxKustomization({
          name: service,
          namespace,
          appPath: place.dir.replace(/\/$/, ''),
        }),
      ),
    });
  }
  const docs = await planDocs(options, layout);
  files.push(...docs);
  const runbooksSource = `${options.docsPath}/runbooks/`;
  return {
    namespace,
    files,
    parentKustomization: {
      path: parentPath,
      entries: [...places.values()].map(p => p.entry),
    },
    catalogInfoPaths,
    runbookPaths: docs
      .filter(f => f.source.startsWith(runbooksSource))
      .map(f => f.path),
  };
}

/**
 * The service folders of a stack's namespace, in the order its kustomization.yaml lists
 * them (the render's order), then any it does not list.
 */
async function stackServices(
  manifests: string,
  namespace: string,
  entries: { path: string }[],
): Promise<string[]> {
  const folders = new Set(
    entries
      .map(entry => entry.path.split('/'))
      .filter(parts => parts.length >= 3)
      .map(parts => parts[1]),
  );
  const parent = `${namespace}/kustomization.yaml`;
  if (!entries.some(entry => entry.path === parent)) return [...folders];
  const { content } = await readWorkspaceFile(manifests, parent, parent);
  const listed = resourcesOf(content)
    .map(r => r.replace(/^\.\//, '').replace(/\/$/, ''))
    .filter(r => folders.has(r));
  return [...new Set([...listed, ...folders])];
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

/** The render lists `<service>/` in a new namespace's kustomization; the layout may put it elsewhere. */
function rewriteServiceEntries(
  content: Buffer,
  places: Map<string, ServicePlace>,
): Buffer {
  const doc = parseDocument(content.toString('utf8'));
  const resources = doc.get('resources', true) as any;
  if (!resources?.items) return content;
  for (const item of resources.items) {
    const folder = String(item.value).replace(/^\.\//, '').replace(/\/$/, '');
    const place = places.get(folder);
    if (place) item.value = place.entry;
  }
  return Buffer.from(doc.toString());
}

function resourcesOf(content: Buffer): string[] {
  const resources = parseDocument(content.toString('utf8')).toJS()?.resources;
  return Array.isArray(resources) ? resources.map(String) : [];
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
