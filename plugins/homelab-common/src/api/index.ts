export type * from './phases';
export type * from './ollama';
export type * from './compose';
