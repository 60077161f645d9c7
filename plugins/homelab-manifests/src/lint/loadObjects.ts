import path from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import { isRecord } from './workloads';
import { kustomizationPathFindings } from './kustomizationPaths';
import type { RootedLintInput } from './readLintInputs';
import type { Finding, LintInput, LintObject } from './types';
import { isClusterScopedKind } from '../util/clusterScoped';

export interface Loaded {
  objects: LintObject[];
  findings: Finding[];
  /** Every non-empty document, patches and kustomizations included. */
  documentCount: number;
}

interface Kustomization {
  dir: string;
  namespace?: string;
  patches: Set<string>;
}

/** Kinds that cannot exist without a spec: a document of one without spec is a patch. */
const SPEC_REQUIRED = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Pod',
  'Service',
  'PersistentVolumeClaim',
  'NetworkPolicy',
  'Ingress',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'HTTPRoute',
  'GRPCRoute',
  'Gateway',
  'ReferenceGrant',
]);

const MAX_ALIAS_COUNT = 100;

export function loadObjects(inputs: LintInput[]): Loaded {
  const findings: Finding[] = [];
  const parsed: Array<{
    file: string;
    doc: Document;
    lineCounter: LineCounter;
    value: any;
  }> = [];
  const kustomizations: Kustomization[] = [];
  let documentCount = 0;

  for (const input of inputs) {
    const lineCounter = new LineCounter();
    const docs = parseAllDocuments(input.content, {
      lineCounter,
      prettyErrors: false,
      logLevel: 'error',
    });
    const list = Array.isArray(docs) ? docs : [];
    // Errors found at end of input point at the last line that has content.
    const lastContent = input.content.trimEnd().length;
    for (const doc of list) {
      const yamlError = (offset: number, message: string) =>
        findings.push({
          rule: 'yaml',
          severity: 'error',
          file: input.path,
          line: lineCounter.linePos(
            Math.min(offset, Math.max(lastContent - 1, 0)),
          ).line,
          kind: null,
          name: null,
          namespace: null,
          message,
          fix: 'Fix the YAML syntax at this line (indentation, quotes, duplicate keys).',
        });
      if (doc.errors.length > 0) {
        for (const error of doc.errors)
          yamlError(error.pos[0], firstLine(error.message));
        documentCount++;
        continue;
      }
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (error) {
        yamlError(
          doc.range?.[0] ?? 0,
          firstLine(error instanceof Error ? error.message : String(error)),
        );
        documentCount++;
        continue;
      }
      if (value === null || value === undefined) continue;
      documentCount++;
      if (
        isKustomizationFile(input.path) ||
        (isRecord(value) &&
          value.kind === 'Kustomization' &&
          String(value.apiVersion).startsWith('kustomize.config.k8s.io/'))
      ) {
        if (isRecord(value)) {
          kustomizations.push(readKustomization(input.path, value));
          const root = (input as Partial<RootedLintInput>).root;
          if (root !== undefined) {
            findings.push(
              ...kustomizationPathFindings({
                file: input.path,
                root,
                value,
                doc,
                lineCounter,
              }),
            );
          }
        }
        continue;
      }
      parsed.push({ file: input.path, doc, lineCounter, value });
    }
  }

  // Looked up once per object: a generated tree has one kustomization per service folder.
  const kustomizationByDir = new Map<string, Kustomization>();
  for (const k of kustomizations) {
    if (!kustomizationByDir.has(k.dir)) kustomizationByDir.set(k.dir, k);
  }
  const patchFiles = new Set(kustomizations.flatMap(k => [...k.patches]));

  const objects: LintObject[] = [];
  for (const { file, doc, lineCounter, value } of parsed) {
    const absolute = path.resolve(file);
    const kustomization = kustomizationByDir.get(path.dirname(absolute));
    const listedPatch = patchFiles.has(absolute);
    const notObject = (message: string) =>
      findings.push({
        rule: listedPatch ? 'schema-skipped' : 'schema',
        severity: listedPatch ? 'info' : 'error',
        file,
        line: lineCounter.linePos(
          doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0,
        ).line,
        kind: null,
        name: null,
        namespace: null,
        message: listedPatch
          ? 'Kustomize patch; not validated as a whole object'
          : message,
        fix: listedPatch
          ? 'Nothing to do.'
          : 'Add apiVersion and kind, or leave this file out of the lint.',
      });
    if (!isRecord(value)) {
      notObject(
        'document is not a Kubernetes object (a map with apiVersion and kind)',
      );
      continue;
    }
    if (
      typeof value.apiVersion !== 'string' ||
      typeof value.kind !== 'string'
    ) {
      notObject(
        `document has no ${
          typeof value.apiVersion !== 'string' ? 'apiVersion' : 'kind'
        }`,
      );
      continue;
    }
    const metadata = isRecord(value.metadata) ? value.metadata : {};
    const clusterScoped =
      isClusterScopedKind(value.kind) ||
      value.apiVersion.startsWith('backstage.io/');
    let namespace: string | null = null;
    if (!clusterScoped) {
      namespace =
        typeof metadata.namespace === 'string'
          ? metadata.namespace
          : kustomization?.namespace ?? 'default';
    }
    objects.push({
      file,
      doc,
      lineCounter,
      value,
      apiVersion: value.apiVersion,
      kind: value.kind,
      name: typeof metadata.name === 'string' ? metadata.name : null,
      namespace,
      isPatch:
        listedPatch ||
        (SPEC_REQUIRED.has(value.kind) && value.spec === undefined) ||
        hasPatchDirective(value),
    });
  }
  return { objects, findings, documentCount };
}

function isKustomizationFile(file: string): boolean {
  return ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].includes(
    path.basename(file),
  );
}

function readKustomization(
  file: string,
  value: Record<string, any>,
): Kustomization {
  const dir = path.resolve(path.dirname(file));
  const patches = new Set<string>();
  const add = (entry: unknown) => {
    const target = isRecord(entry) ? entry.path : entry;
    if (typeof target === 'string') patches.add(path.resolve(dir, target));
  };
  for (const field of ['patches', 'patchesStrategicMerge', 'patchesJson6902']) {
    if (Array.isArray(value[field])) value[field].forEach(add);
  }
  return {
    dir,
    namespace:
      typeof value.namespace === 'string' ? value.namespace : undefined,
    patches,
  };
}

function hasPatchDirective(value: unknown, depth = 0): boolean {
  if (depth > 50 || typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value))
    return value.some(v => hasPatchDirective(v, depth + 1));
  return Object.entries(value).some(
    ([key, child]) =>
      key === '$patch' ||
      key.startsWith('$setElementOrder/') ||
      hasPatchDirective(child, depth + 1),
  );
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
