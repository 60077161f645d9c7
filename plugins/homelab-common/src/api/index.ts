export type * from './phases';
export type * from './ollama';
export type * from './compose';
export type * from './cutover';
export type * from './home';
export type * from './gitops';
