export { parseCutoverPlan } from './parseCutoverPlan';
export { CHECK_KINDS, DeclarationError, parseDeclaration } from './declaration';
export type * from './types';
