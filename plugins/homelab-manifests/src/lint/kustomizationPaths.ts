import path from 'node:path';
import type { Document, LineCounter } from 'yaml';
import { OutsideRootError, safeChildPath } from '../paths/safeChildPath';
import { lineOf } from './locate';
import { isRecord } from './workloads';
import type { Finding, YamlPath } from './types';

/** A field of a kustomization that names local files or folders, at its YAML path. */
interface PathEntry {
  at: YamlPath;
  value: string;
}

const LIST_FIELDS = [
  'resources',
  'bases',
  'components',
  'crds',
  'patchesStrategicMerge',
  'generators',
  'transformers',
  'validators',
];
const OBJECT_LIST_FIELDS = ['patches', 'patchesJson6902', 'replacements'];
const GENERATORS = ['configMapGenerator', 'secretGenerator'];

/** Kustomize's remote targets: URLs, go-getter and scp-like git addresses. */
const REMOTE =
  /^([a-z][a-z0-9+.-]*:\/\/|git::|git@|(github\.com|gitlab\.com|bitbucket\.org)\/)/i;

/**
 * Every local path a kustomization names, with where it is in the file: resources,
 * bases, components, crds, patches (path:), generator files/envs, replacements,
 * openapi and Helm values files. Inline patches and generator configs (text with a
 * newline) are not paths.
 */
function pathEntries(value: Record<string, any>): PathEntry[] {
  const entries: PathEntry[] = [];
  const add = (at: YamlPath, v: unknown) => {
    if (typeof v === 'string' && v.trim() !== '' && !v.includes('\n'))
      entries.push({ at, value: v.trim() });
  };
  for (const field of LIST_FIELDS) {
    if (Array.isArray(value[field]))
      value[field].forEach((v: unknown, i: number) => add([field, i], v));
  }
  for (const field of OBJECT_LIST_FIELDS) {
    if (!Array.isArray(value[field])) continue;
    value[field].forEach((v: unknown, i: number) => {
      if (isRecord(v)) add([field, i, 'path'], v.path);
    });
  }
  for (const field of GENERATORS) {
    if (!Array.isArray(value[field])) continue;
    value[field].forEach((gen: unknown, i: number) => {
      if (!isRecord(gen)) return;
      for (const list of ['files', 'envs']) {
        if (!Array.isArray(gen[list])) continue;
        gen[list].forEach((f: unknown, j: number) =>
          // files: entries may be "key=path"
          add(
            [field, i, list, j],
            list === 'files' && typeof f === 'string'
              ? f.slice(f.indexOf('=') + 1)
              : f,
          ),
        );
      }
      add([field, i, 'env'], gen.env);
    });
  }
  if (isRecord(value.openapi)) add(['openapi', 'path'], value.openapi.path);
  if (Array.isArray(value.helmCharts)) {
    value.helmCharts.forEach((chart: unknown, i: number) => {
      if (!isRecord(chart)) return;
      add(['helmCharts', i, 'valuesFile'], chart.valuesFile);
      if (Array.isArray(chart.additionalValuesFiles))
        chart.additionalValuesFiles.forEach((f: unknown, j: number) =>
          add(['helmCharts', i, 'additionalValuesFiles', j], f),
        );
    });
  }
  if (isRecord(value.helmGlobals))
    add(['helmGlobals', 'chartHome'], value.helmGlobals.chartHome);
  return entries;
}

/**
 * Findings for the paths of one kustomization file: an entry that resolves (real paths,
 * links followed) outside `root`, the folder the lint was given, is an error; a remote
 * target is an info, since the lint never fetches it. Nothing is read.
 */
export function kustomizationPathFindings(options: {
  file: string;
  root: string;
  value: Record<string, any>;
  doc: Document;
  lineCounter: LineCounter;
}): Finding[] {
  const { file, root, value, doc, lineCounter } = options;
  const dir = path.dirname(path.resolve(file));
  const findings: Finding[] = [];
  const finding = (
    entry: PathEntry,
    severity: 'error' | 'info',
    message: string,
    fix: string,
  ) =>
    findings.push({
      rule: 'kustomization-path',
      severity,
      file,
      line: lineOf(doc, lineCounter, entry.at),
      kind: 'Kustomization',
      name: null,
      namespace: null,
      message,
      fix,
    });
  for (const entry of pathEntries(value)) {
    const shown = `${formatPath(entry.at)} "${entry.value}"`;
    if (REMOTE.test(entry.value)) {
      finding(
        entry,
        'info',
        `${shown} is remote; the lint does not fetch it, so it was not checked`,
        'Lint a local copy of it if it should be checked.',
      );
      continue;
    }
    const requested = path.relative(
      path.resolve(root),
      path.resolve(dir, entry.value),
    );
    try {
      safeChildPath(root, requested === '' ? '.' : requested);
    } catch (error) {
      if (!(error instanceof OutsideRootError)) throw error;
      finding(
        entry,
        'error',
        `${shown} resolves outside the folder given to the lint; kustomize would load it from elsewhere on this machine`,
        'Keep what the kustomization loads inside the linted folder, without ../ or links that leave it, or lint the folder that holds both.',
      );
    }
  }
  return findings;
}

function formatPath(at: YamlPath): string {
  let shown = '';
  for (const segment of at) {
    if (typeof segment === 'number') shown += `[${segment}]`;
    else shown += shown === '' ? segment : `.${segment}`;
  }
  return shown;
}
