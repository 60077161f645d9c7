import { isMap, isSeq, parseDocument } from 'yaml';
import type { RenderedFile } from '../../render/renderManifests';
import { toYaml } from '../../render/yamlFile';
import type {
  LongFileReference,
  NormalizedCompose,
  NormalizedService,
} from '../normalize';

export interface FileMount {
  volume: string;
  ref: LongFileReference;
  key: string;
}

interface Mounted {
  files: RenderedFile[];
  mounts: FileMount[];
  /** What became of each reference, for the report. */
  notes: Array<{ key: string; reason: string }>;
}

/**
 * Compose `secrets:` and `configs:` of one service: a Secret placeholder `<name>-files`
 * (keys only, filled outside git) and a ConfigMap `<name>-configs` holding each config's
 * `content` or the text of its `file` when the caller could read it, both mounted file by
 * file at the compose target paths. Secret file contents are never read.
 */
export function mountComposeFiles(
  compose: NormalizedCompose,
  service: NormalizedService,
  name: string,
  namespace: string,
  dir: string,
  readFile: ((path: string) => string | undefined) | undefined,
): Mounted {
  const secrets = service.secrets ?? [];
  const configs = service.configs ?? [];
  const result: Mounted = { files: [], mounts: [], notes: [] };
  if (secrets.length === 0 && configs.length === 0) return result;
  const metadata = (objectName: string) => ({
    name: objectName,
    namespace,
    labels: {
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/part-of': 'homelab',
    },
  });
  const mounts = result.mounts;
  if (secrets.length > 0) {
    const keys = secrets.map(s => key(s.source));
    result.files.push({
      path: `${dir}/compose-secrets.yaml`,
      content: toYaml([
        {
          header:
            'Keys only: the compose secrets of this service. Fill the values outside git (SOPS,\nExternalSecret); kustomization.yaml leaves this file out on purpose.',
          value: {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: metadata(`${name}-files`),
            type: 'Opaque',
            stringData: Object.fromEntries(keys.map(k => [k, ''])),
          },
        },
      ]),
    });
    secrets.forEach((s, i) => {
      mounts.push({ volume: 'compose-secrets', ref: s, key: keys[i] });
      result.notes.push({
        key: `secrets.${s.source}`,
        reason: `becomes the key ${keys[i]} of the Secret ${name}-files (fill it outside git), mounted at ${s.target}`,
      });
    });
  }
  if (configs.length > 0) {
    const data: Record<string, string> = {};
    for (const c of configs) {
      const k = key(c.source);
      const top = (compose.configs?.[c.source] ?? {}) as {
        content?: unknown;
        file?: unknown;
      };
      let text: string | undefined;
      if (typeof top.content === 'string') text = top.content;
      else if (typeof top.file === 'string') text = readFile?.(top.file);
      data[k] = text ?? '';
      mounts.push({ volume: 'compose-configs', ref: c, key: k });
      result.notes.push({
        key: `configs.${c.source}`,
        reason:
          text === undefined
            ? `becomes the empty key ${k} of the ConfigMap ${name}-configs, mounted at ${c.target}: paste the file's content into configmap.yaml`
            : `becomes the key ${k} of the ConfigMap ${name}-configs, mounted at ${c.target}`,
      });
    }
    result.files.push({
      path: `${dir}/configmap.yaml`,
      content: toYaml([
        {
          value: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: metadata(`${name}-configs`),
            data,
          },
        },
      ]),
    });
  }
  return result;
}

/** A ConfigMap/Secret key from a compose name ([-._a-zA-Z0-9]+). */
function key(name: string): string {
  return name.replace(/[^-._a-zA-Z0-9]/g, '_');
}

/** Adds the Secret/ConfigMap volumes and one subPath mount per file to a rendered deployment.yaml or job.yaml. */
export function addFileMounts(
  workload: RenderedFile,
  name: string,
  mounts: FileMount[],
): RenderedFile {
  const doc = parseDocument(workload.content);
  const pod = doc.getIn(['spec', 'template', 'spec'], true);
  if (!isMap(pod)) return workload;
  const used = new Set(mounts.map(m => m.volume));
  const volumes = [
    ...(used.has('compose-secrets')
      ? [{ name: 'compose-secrets', secret: { secretName: `${name}-files` } }]
      : []),
    ...(used.has('compose-configs')
      ? [{ name: 'compose-configs', configMap: { name: `${name}-configs` } }]
      : []),
  ];
  const list = pod.get('volumes', true);
  if (isSeq(list))
    volumes.forEach(v => list.items.push(doc.createNode(v) as any));
  else pod.set('volumes', doc.createNode(volumes));
  const containers = pod.get('containers', true);
  const first = isSeq(containers) ? containers.items[0] : undefined;
  if (isMap(first)) {
    const mountNodes = mounts.map(m => ({
      name: m.volume,
      mountPath: m.ref.target,
      subPath: m.key,
      readOnly: true,
    }));
    const existing = first.get('volumeMounts', true);
    if (isSeq(existing))
      mountNodes.forEach(n => existing.items.push(doc.createNode(n) as any));
    else first.set('volumeMounts', doc.createNode(mountNodes));
  }
  return { path: workload.path, content: doc.toString({ lineWidth: 0 }) };
}
