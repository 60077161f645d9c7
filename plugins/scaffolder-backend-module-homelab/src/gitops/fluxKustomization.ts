import { stringify } from 'yaml';

/**
 * The Flux Kustomization (`ks.yaml`) a home-ops style layout keeps beside a service's
 * `app/` folder: Flux applies `appPath` from the repository the cluster syncs
 * (GitRepository flux-system, as `flux bootstrap` names it) into the namespace.
 */
export function renderFluxKustomization(options: {
  name: string;
  namespace: string;
  /** Repository-relative folder of the service's manifests, without a trailing "/". */
  appPath: string;
}): string {
  const header = `# Flux applies ./${options.appPath} into ${options.namespace}; the namespace's\n# kustomization.yaml lists this file.\n`;
  return (
    header +
    stringify({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: options.name, namespace: 'flux-system' },
      spec: {
        targetNamespace: options.namespace,
        path: `./${options.appPath}`,
        prune: true,
        sourceRef: { kind: 'GitRepository', name: 'flux-system' },
        interval: '30m',
        timeout: '5m',
        wait: false,
      },
    })
  );
}
