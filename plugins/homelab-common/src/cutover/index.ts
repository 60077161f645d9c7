export { parseCutoverPlan } from './parseCutoverPlan';
export { CHECK_KINDS, DeclarationError, parseDeclaration } from './declaration';
export type * from './types';
export {
  combinedStatus,
  cutoverInProgress,
  disagreement,
  proxyNamespaces,
} from './agreement';
export type { CheckStatus } from './agreement';
