/**
 * Isomorphic homelab helpers shared by the portal's frontend, backend and CLI:
 * annotation names, runbook references, Kubernetes quantities, the phase-plan parser and the JSON
 * shapes of the homelab backend's REST API.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './types';
export { checkRunbookRefs, parseRunbookRefs } from './runbookRefs';
export { parseQuantity } from './quantity';
export * from './phases';
export * from './cutover';
export type * from './api';
