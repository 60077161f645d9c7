export { evaluateCheck } from './evaluateCheck';
export { evaluatePlan } from './evaluatePlan';
export type { EvaluatedItem } from './evaluatePlan';
export { createUrlProber } from './urlProber';
export type { UrlProberOptions } from './urlProber';
export { readCutoverConfig } from './config';
export type { CutoverConfig } from './config';
export type * from './types';
