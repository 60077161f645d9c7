/**
 * Kubernetes backend module for the homelab: the `homelabServiceAccount` auth
 * strategy, which sends the pod's projected service-account token from
 * `homelab.serviceAccountDir` and picks up a rotated token on the next request,
 * and, in a pod, the pod's API server (KUBERNETES_SERVICE_HOST/PORT) and CA
 * (`<homelab.serviceAccountDir>/ca.crt`) for the clusters using it.
 *
 * @packageDocumentation
 */
export { kubernetesModuleHomelab as default } from './module';
export { ServiceAccountFileStrategy } from './ServiceAccountFileStrategy';
export { PodClusterSupplier } from './PodClusterSupplier';
