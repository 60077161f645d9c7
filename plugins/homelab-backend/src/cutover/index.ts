export { evaluateCheck } from './evaluateCheck';
export { evaluatePlan } from './evaluatePlan';
export type { EvaluatedItem } from './evaluatePlan';
export { createUrlProber } from './urlProber';
export type { UrlProberOptions } from './urlProber';
export { readCutoverConfig } from './config';
export type { CutoverConfig } from './config';
export { CutoverRunner } from './CutoverRunner';
export { CutoverService } from './CutoverService';
export {
  CUTOVER_TASK_ID,
  scheduleCutoverChecks,
} from './scheduleCutoverChecks';
export type * from './types';
export type * from './runnerTypes';
