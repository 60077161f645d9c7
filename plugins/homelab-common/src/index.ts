/**
 * Isomorphic homelab helpers shared by the portal's frontend, backend and CLI:
 * annotation names, runbook references and the phase-plan parser.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './types';
export { checkRunbookRefs, parseRunbookRefs } from './runbookRefs';
export * from './phases';
