export { DEFAULT_PLAN_READ_LIMITS, readPlanReadLimits } from './planReadLimits';
export type { PlanReadLimits } from './planReadLimits';
export { PlanRefusedError, readPlanFile, withPlanFile } from './planFile';
export type { OpenedPlanFile, PlanFileRules } from './planFile';
export { readPlanUrl } from './planUrl';
export type { PlanUrlText } from './planUrl';
export { entityPlanLocation } from './entityPlanLocation';
export { readPlanLocationContext } from './planLocationContext';
export type {
  EntityPlanLocation,
  PlanEntityLocation,
  PlanLocationContext,
} from './entityPlanLocation';
