import { posix } from 'node:path';
import { ConflictError } from '@backstage/errors';
import { parse } from 'yaml';
import type { GitopsRepository } from './gitopsRepository';
import { appendKustomizationResources } from './kustomizationAppend';
import type { LayoutPlan, PlannedFile } from './layoutPlan';

/** The files of a publish once the base branch is known: new files and edited kustomizations. */
export interface CheckedPlan {
  files: PlannedFile[];
  /** Repository paths of existing kustomization.yaml files this publish appends to. */
  appended: string[];
}

/**
 * Checks the plan against the base branch before anything is written: every target path
 * (and every folder above it) must be absent there, except the namespace's
 * kustomization.yaml, which gets the services' entries appended (comments kept). A new
 * namespace's own kustomization.yaml merges into an existing one the same way.
 */
export async function checkAgainstBase(
  repository: GitopsRepository,
  plan: LayoutPlan,
): Promise<CheckedPlan> {
  const conflicts: string[] = [];
  const files: PlannedFile[] = [];
  const appended: string[] = [];
  const parent = plan.parentKustomization;
  const folders = new Set<string>();
  for (const file of plan.files) {
    for (
      let dir = posix.dirname(file.path);
      dir !== '.';
      dir = posix.dirname(dir)
    ) {
      folders.add(dir);
    }
  }
  for (const folder of folders) {
    const entry = await repository.baseEntry(folder);
    if (entry && entry.type !== 'tree') {
      conflicts.push(
        `${folder} (a ${
          entry.mode === '120000' ? 'link' : 'file'
        }, not a folder)`,
      );
    }
  }
  let parentHandled = false;
  for (const file of plan.files) {
    const entry = await repository.baseEntry(file.path);
    if (!entry) {
      files.push(file);
      if (file.path === parent.path) parentHandled = true;
      continue;
    }
    if (
      file.path === parent.path &&
      entry.type === 'blob' &&
      entry.mode !== '120000'
    ) {
      const rendered = resourcesOf(file.content.toString('utf8'));
      files.push(await appendTo(repository, parent.path, rendered));
      appended.push(parent.path);
      parentHandled = true;
      continue;
    }
    conflicts.push(file.path);
  }
  if (!parentHandled) {
    const entry = await repository.baseEntry(parent.path);
    if (entry?.type === 'blob' && entry.mode !== '120000') {
      files.push(await appendTo(repository, parent.path, parent.entries));
      appended.push(parent.path);
    }
  }
  if (conflicts.length > 0) {
    throw new ConflictError(
      `name: these paths already exist on the base branch of the GitOps repository, and a scaffold never overwrites: ${conflicts.join(
        ', ',
      )}; choose another name or namespace, or move them away in a commit of their own`,
    );
  }
  return { files, appended };
}

async function appendTo(
  repository: GitopsRepository,
  path: string,
  entries: string[],
): Promise<PlannedFile> {
  const { text } = appendKustomizationResources(
    path,
    await repository.readBase(path),
    entries,
  );
  return {
    path,
    content: Buffer.from(text),
    executable: false,
    source: 'appended',
  };
}

function resourcesOf(text: string): string[] {
  const resources = parse(text)?.resources;
  return Array.isArray(resources) ? resources.map(String) : [];
}
