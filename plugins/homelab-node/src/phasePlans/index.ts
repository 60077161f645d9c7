export * from './planReadLimits';
export * from './planRefusedError';
export * from './planFile';
export * from './planUrl';
export * from './entityPlanLocation';
export * from './planLocationContext';
