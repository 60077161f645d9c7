/**
 * Kubernetes backend module for the homelab: the `homelabServiceAccount` auth
 * strategy, which sends the pod's projected service-account token from
 * `homelab.serviceAccountDir` and picks up a rotated token on the next request.
 *
 * @packageDocumentation
 */
export { kubernetesModuleHomelab as default } from './module';
export { ServiceAccountFileStrategy } from './ServiceAccountFileStrategy';
