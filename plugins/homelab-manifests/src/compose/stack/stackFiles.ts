import { parseDocument } from 'yaml';
import type { RenderedFile } from '../../render/renderManifests';
import {
  renderNamespace,
  renderNamespaceEntity,
} from '../../render/supporting';
import type { PodSecurityLevel, ServiceSpec } from '../../spec/serviceSpec';
import { toYaml } from '../../render/yamlFile';

/**
 * The namespace object, its catalog Resource (once for the stack; the kustomization does
 * not list it) and a kustomization over the namespace object and every service folder.
 */
export function namespaceFiles(
  namespace: string,
  podSecurity: PodSecurityLevel,
  files: RenderedFile[],
  owner: string,
): RenderedFile[] {
  const folders = files
    .filter(f => /^[^/]+\/[^/]+\/kustomization\.yaml$/.test(f.path))
    .filter(f => !/resources: \[\]/.test(f.content))
    .map(f => `${f.path.split('/')[1]}/`);
  const ns = renderNamespace({
    namespace: { name: namespace, podSecurity },
  } as ServiceSpec);
  return [
    { path: `${namespace}/namespace.yaml`, content: toYaml([ns]) },
    {
      path: `${namespace}/catalog-info.yaml`,
      content: toYaml([
        renderNamespaceEntity({ name: namespace, podSecurity }, owner),
      ]),
    },
    {
      path: `${namespace}/kustomization.yaml`,
      content: toYaml([
        {
          header: `kubectl apply -k ${namespace}/ creates the namespace and applies every service of the stack.`,
          value: {
            apiVersion: 'kustomize.config.k8s.io/v1beta1',
            kind: 'Kustomization',
            resources: ['namespace.yaml', ...folders],
          },
        },
      ]),
    },
  ];
}

/** Rewrites the `resources` of every kustomization.yaml in `files` (in place). */
export function rewriteResources(
  files: RenderedFile[],
  change: (names: string[]) => string[],
) {
  files.forEach((file, i) => {
    if (!file.path.endsWith('/kustomization.yaml')) return;
    const doc = parseDocument(file.content);
    const resources = (doc.get('resources') as any)?.toJSON?.() ?? [];
    doc.set('resources', change(resources));
    files[i] = { path: file.path, content: doc.toString({ lineWidth: 0 }) };
  });
}
