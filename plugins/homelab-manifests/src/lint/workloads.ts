import type { LintObject, YamlPath } from './types';

const TEMPLATE_PATHS: Record<string, YamlPath> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Kinds whose pods keep running, so probes matter. */
export const LONG_RUNNING = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
]);

export interface PodTemplate {
  object: LintObject;
  /** Path of the pod spec within the document. */
  specPath: YamlPath;
  spec: any;
  labels: Record<string, unknown>;
  annotations: Record<string, unknown>;
}

export function podTemplateOf(object: LintObject): PodTemplate | undefined {
  if (object.isPatch) return undefined;
  const templatePath: YamlPath | undefined =
    object.kind === 'Pod' ? [] : TEMPLATE_PATHS[object.kind];
  if (!templatePath) return undefined;
  const template = at(object.value, templatePath);
  const spec = isRecord(template) ? template.spec : undefined;
  if (!isRecord(spec)) return undefined;
  const meta = isRecord(template.metadata) ? template.metadata : {};
  return {
    object,
    specPath: [...templatePath, 'spec'],
    spec,
    labels: isRecord(meta.labels) ? meta.labels : {},
    annotations: isRecord(meta.annotations) ? meta.annotations : {},
  };
}

export interface ContainerRef {
  container: any;
  path: YamlPath;
  type: 'initContainers' | 'containers' | 'ephemeralContainers';
}

export function containersOf(pod: PodTemplate): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const type of [
    'initContainers',
    'containers',
    'ephemeralContainers',
  ] as const) {
    const list = pod.spec[type];
    if (!Array.isArray(list)) continue;
    list.forEach((container, i) => {
      if (isRecord(container))
        out.push({ container, path: [...pod.specPath, type, i], type });
    });
  }
  return out;
}

export function at(value: unknown, path: YamlPath): any {
  return path.reduce<any>(
    (current, key) =>
      current === null || current === undefined ? undefined : current[key],
    value,
  );
}

export function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
