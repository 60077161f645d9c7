export { HomeSummaryService, HOME_TASK_ID } from './HomeSummaryService';
export type { HomeSummaryOptions } from './HomeSummaryService';
