export { parsePhasePlan } from './parsePhasePlan';
export type { ParsePhasePlanOptions } from './parsePhasePlan';
export { repairMojibake } from './mojibake';
export { planPhases } from './planPhases';
