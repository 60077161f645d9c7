/**
 * The refresh key a component carries for the Kubernetes namespace it names in
 * backstage.io/kubernetes-namespace: refreshing it re-processes every component of that
 * namespace, so their namespace relation follows the entity that stands for it.
 */
export function namespaceRefreshKey(kubernetesName: string): string {
  return `homelab-kubernetes-namespace:${kubernetesName.toLowerCase()}`;
}
