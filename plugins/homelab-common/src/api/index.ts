export type * from './phases';
export type * from './ollama';
