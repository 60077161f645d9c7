export { normalizeCompose } from './normalizeCompose';
export { readEnvFile } from './envFile';
export { interpolate, InterpolationError } from './interpolate';
export { toComposeYaml } from './toComposeYaml';
export type * from './types';
