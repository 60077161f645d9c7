import { looksLikeSecretName, looksLikeSecretValue } from '../secretDetection';
import { readEnvFile } from './envFile';
import { resolveExtends } from './extends';
import type { Lookup } from './interpolate';
import { interpolateTree } from './interpolateTree';
import { assertComposeShape, isMapping, loadComposeYaml } from './load';
import { normalizeService } from './normalizeService';
import { splitByProfiles } from './profiles';
import { schemaProblem } from './schema';
import type {
  NormalizedCompose,
  NormalizedService,
  NormalizeOptions,
  NormalizeResult,
} from './types';

const MAX_EXTENDS_FILES = 8;

/**
 * The one normalization stage before any mapping, in the order `docker compose config`
 * works: load (anchors and merge keys), interpolate with the .env file and, when given,
 * the process environment, validate against the compose specification's schema, pick the
 * services of the active profiles, turn short syntax into long form, resolve `extends`,
 * read env_file entries into `environment`. Throws for what compose refuses (not YAML,
 * not compose, invalid interpolation, schema errors); everything else is reported.
 */
export function normalizeCompose(
  text: string,
  options: NormalizeOptions = {},
  depth = 0,
): NormalizeResult {
  const result: NormalizeResult = {
    compose: { services: {} },
    substitutions: [],
    missing: [],
    sensitive: {},
    inactive: {},
    notes: [],
    warnings: [],
  };
  const lookup = projectLookup(options, result);
  const raw = loadComposeYaml(text);
  assertComposeShape(raw);
  const interpolated = interpolateTree(raw, lookup);
  result.substitutions.push(...interpolated.substitutions);
  result.missing.push(...interpolated.missing);
  for (const { variable, path } of interpolated.unset) {
    result.warnings.push(
      `\${${variable}} is not set; compose would use "" in ${path} (set it in the .env file)`,
    );
  }
  const document = interpolated.value as Record<string, any>;
  const problem = schemaProblem(document);
  if (problem) throw new Error(problem);

  const rawServices: Record<string, Record<string, unknown>> = {};
  for (const [name, body] of Object.entries(document.services)) {
    rawServices[name] = (body ?? {}) as Record<string, unknown>;
  }
  const long: Record<string, NormalizedService> = {};
  for (const [name, body] of Object.entries(rawServices)) {
    long[name] = normalizeService(name, body, result.notes);
  }
  const resolved = resolveExtends(
    long,
    (reference, from) => {
      if (depth >= MAX_EXTENDS_FILES || !options.readFile) return undefined;
      const other = options.readFile(reference.file!);
      if (other === undefined) return undefined;
      const nested = normalizeCompose(
        other,
        { ...options, profiles: '*' },
        depth + 1,
      );
      result.substitutions.push(...nested.substitutions);
      result.missing.push(...nested.missing);
      const base = nested.compose.services[reference.service];
      if (!base) {
        throw new Error(
          `service "${from}": extends names the service "${reference.service}", which ${reference.file} does not define`,
        );
      }
      return base;
    },
    result.notes,
  );

  const { active, inactive } = splitByProfiles(
    rawServices,
    options.profiles,
    options.include,
  );
  result.inactive = inactive;
  const compose: NormalizedCompose = { services: {} };
  if (typeof document.name === 'string') compose.name = document.name;
  for (const name of active) {
    const service = resolved[name];
    readEnvFiles(name, service, options, lookup, result);
    resolvePassThrough(name, service, lookup, result);
    compose.services[name] = service;
  }
  for (const key of ['volumes', 'networks', 'secrets', 'configs'] as const) {
    if (isMapping(document[key])) compose[key] = document[key] as any;
  }
  result.compose = compose;
  for (const sub of result.substitutions) {
    const match = /^services\.([^.]+)\.environment\.([^.]+)$/.exec(sub.path);
    if (sub.secret && match) {
      const names = (result.sensitive[match[1]] ??= []);
      if (!names.includes(match[2])) names.push(match[2]);
    }
  }
  return result;
}

/** The process environment first (only when given), then the .env file, as compose does. */
function projectLookup(
  options: NormalizeOptions,
  result: NormalizeResult,
): Lookup {
  const environment = options.environment ?? {};
  const fromEnvironment: Lookup = name =>
    Object.prototype.hasOwnProperty.call(environment, name) &&
    environment[name] !== undefined
      ? { value: environment[name]!, source: 'environment' }
      : undefined;
  let fileValues: Record<string, string> = {};
  if (options.envFile !== undefined) {
    const file = readEnvFile(options.envFile, '.env', fromEnvironment);
    fileValues = file.values;
    result.missing.push(...file.missing);
  }
  return name =>
    fromEnvironment(name) ??
    (Object.prototype.hasOwnProperty.call(fileValues, name)
      ? { value: fileValues[name], source: 'env-file' }
      : undefined);
}

/** env_file entries become environment entries; `environment:` wins over them, as in compose. */
function readEnvFiles(
  name: string,
  service: NormalizedService,
  options: NormalizeOptions,
  lookup: Lookup,
  result: NormalizeResult,
) {
  if (!service.env_file) return;
  const merged: Record<string, string | null> = {};
  for (const file of service.env_file) {
    const text = options.readFile?.(file.path);
    if (text === undefined) {
      if (file.required) {
        result.notes.push({
          service: name,
          key: `env_file ${file.path}`,
          reason: `was not given, so its variables are not in the draft; give its contents (the CLI reads it beside the compose file) or list the variables by hand, secret ones in secretEnv`,
        });
      }
      continue;
    }
    const read = readEnvFile(text, file.path, lookup);
    result.missing.push(...read.missing);
    Object.assign(merged, read.values);
  }
  if (Object.keys(merged).length > 0)
    service.environment = { ...merged, ...(service.environment ?? {}) };
}

/**
 * `environment: [FOO]` passes FOO through: compose takes its value from the environment
 * it resolves variables with. Found values are listed like interpolations.
 */
function resolvePassThrough(
  name: string,
  service: NormalizedService,
  lookup: Lookup,
  result: NormalizeResult,
) {
  for (const [key, value] of Object.entries(service.environment ?? {})) {
    if (value !== null) continue;
    const found = lookup(key);
    if (!found) continue;
    service.environment![key] = found.value;
    const secret =
      looksLikeSecretName(key) || looksLikeSecretValue(found.value);
    result.substitutions.push({
      variable: key,
      path: `services.${name}.environment.${key}`,
      source: found.source,
      secret,
      ...(secret ? {} : { value: found.value }),
    });
  }
}
