import type { RenderedFile, StackImport } from '@internal/homelab-manifests';
import { parseDocument } from 'yaml';

/** What the form says about the phase, for the stack's plan in the portal's format. */
export interface StackPlanValues {
  /** The stack's name: the plan is `<docs>/phases/<name>.md`, runbooks `<name>-*.md`. */
  name: string;
  phaseId?: string;
  title?: string;
  currentHost?: string;
  targetVersion?: string;
  prerequisite?: string;
  priority?: string;
}

export interface StackWorkspaceFiles {
  /** Below the manifests folder: `<namespace>/...`. */
  manifests: RenderedFile[];
  /** Below the docs folder: `phases/<name>.md` and `runbooks/<name>-*.md`. */
  docs: RenderedFile[];
}

const PHASE_PLAN = 'homelab.dev/phase-plan';

/**
 * Splits a stack import into the workspace the publish maps onto the GitOps layout:
 * manifests per service folder plus the namespace's, and the phase plan, cutover and
 * rollback runbooks and the import report as docs. Each service's catalog entry names
 * the stack's plan; in an existing namespace the Namespace object and its catalog
 * Resource are left out.
 */
export function stackWorkspaceFiles(
  stack: StackImport,
  values: StackPlanValues,
  options: { docsPath: string; createNamespace: boolean },
): StackWorkspaceFiles {
  const ns = stack.namespace;
  const { name } = values;
  const docPaths: Record<string, string> = {
    [`${ns}/MIGRATION.md`]: `phases/${name}.md`,
    [`${ns}/REPORT.md`]: `runbooks/${name}-report.md`,
    [`${ns}/runbooks/cutover.md`]: `runbooks/${name}-cutover.md`,
    [`${ns}/runbooks/rollback.md`]: `runbooks/${name}-rollback.md`,
  };
  const links = (text: string, from: 'phases' | 'runbooks') => {
    const up = from === 'phases' ? '../runbooks/' : '';
    const plan = from === 'phases' ? `${name}.md` : `../phases/${name}.md`;
    return text
      .replaceAll(`\`${ns}/MIGRATION.md\``, `[the phase plan](${plan})`)
      .replaceAll(
        `\`${ns}/REPORT.md\``,
        `[the import report](${up}${name}-report.md)`,
      )
      .replaceAll(
        `\`${ns}/runbooks/cutover.md\``,
        `[the cutover runbook](${up}${name}-cutover.md)`,
      )
      .replaceAll(
        `\`${ns}/runbooks/rollback.md\``,
        `[the rollback runbook](${up}${name}-rollback.md)`,
      );
  };
  const planPath = `${options.docsPath.replace(/\/+$/, '')}/phases/${name}.md`;
  const manifests: RenderedFile[] = [];
  const docs: RenderedFile[] = [];
  for (const file of stack.files) {
    const doc = docPaths[file.path];
    if (doc) {
      const from = doc.startsWith('phases/') ? 'phases' : 'runbooks';
      const text = links(file.content, from);
      docs.push({
        path: doc,
        content: from === 'phases' ? portalFormat(text, values) : text,
      });
    } else if (
      file.path === `${ns}/namespace.yaml` ||
      file.path === `${ns}/catalog-info.yaml`
    ) {
      // An existing namespace already has its object and its catalog Resource.
      if (options.createNamespace) manifests.push(file);
    } else if (file.path === `${ns}/kustomization.yaml`) {
      manifests.push(
        options.createNamespace ? file : withoutNamespaceObject(file),
      );
    } else if (file.path.endsWith('/catalog-info.yaml')) {
      manifests.push(namingPlan(file, planPath));
    } else {
      manifests.push(file);
    }
  }
  return { manifests, docs };
}

/** The importer's plan with the form's phase number on every section and task, and its fields. */
function portalFormat(text: string, values: StackPlanValues): string {
  const id = values.phaseId;
  let out = text;
  if (id) {
    out = out
      .replace(
        /^# Phase: .*$/m,
        `# Phase ${id}: ${values.title ?? values.name} Migration`,
      )
      .replace(/^### (\d+) /gm, `### ${id}.$1 `)
      .replace(/^- \[ \] (\d+\.\d+) /gm, `- [ ] ${id}.$1 `);
  } else if (values.title) {
    out = out.replace(/^# Phase: .*$/m, `# Phase: ${values.title} Migration`);
  }
  const fields = [
    `> **Target:** ${values.targetVersion || 'next release'}`,
    `> **Prerequisite:** ${values.prerequisite || 'none'}`,
    `> **Priority:** ${values.priority || 'Medium'}`,
  ];
  out = out.replace(/^> \*\*Status:\*\* (.*)$/m, (line: string) =>
    [line, ...fields].join('\n>\n'),
  );
  if (values.currentHost)
    out = out.replace(
      /^(> \*\*Purpose:\*\* .*)$/m,
      `$1 Today it runs on ${values.currentHost}.`,
    );
  return out;
}

function withoutNamespaceObject(file: RenderedFile): RenderedFile {
  const doc = parseDocument(file.content);
  const resources = (doc.get('resources') as any)?.toJSON?.() ?? [];
  doc.set(
    'resources',
    resources.filter((r: string) => r !== 'namespace.yaml'),
  );
  return { path: file.path, content: doc.toString({ lineWidth: 0 }) };
}

function namingPlan(file: RenderedFile, planPath: string): RenderedFile {
  const doc = parseDocument(file.content);
  doc.setIn(['metadata', 'annotations', PHASE_PLAN], planPath);
  return { path: file.path, content: doc.toString({ lineWidth: 0 }) };
}
