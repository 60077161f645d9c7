/**
 * Homelab backend plugin: phase plans and the Ollama sampler, served under /api/homelab.
 *
 * @packageDocumentation
 */
export { homelabPlugin as default, createHomelabBackendPlugin } from './plugin';
export type { CreateSamplerSources, SamplerSources } from './plugin';
export { gitopsMergePermission, homelabPermissions } from './gitops/permissions';
