import type {
  LongDependency,
  LongEnvFile,
  LongFileReference,
  LongHealthcheck,
} from '../types';
import { splitShellWords } from '../shellWords';

/** `depends_on:` list form -> `{name: {condition: service_started, required: true}}`. */
export function longDependsOn(value: unknown): Record<string, LongDependency> {
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map(name => [
        String(name),
        { condition: 'service_started', required: true },
      ]),
    );
  }
  const result: Record<string, LongDependency> = {};
  for (const [name, raw] of Object.entries(
    value as Record<string, Record<string, unknown>>,
  )) {
    const dep: LongDependency = {
      condition:
        (raw?.condition as LongDependency['condition']) ?? 'service_started',
      required: raw?.required !== false,
    };
    if (raw?.restart !== undefined) dep.restart = raw.restart === true;
    result[name] = dep;
  }
  return result;
}

/** `healthcheck.test` as a string is a shell command: ["CMD-SHELL", "<string>"]. */
export function longHealthcheck(
  value: Record<string, unknown>,
): LongHealthcheck {
  const result: LongHealthcheck = { ...(value as LongHealthcheck) };
  if (typeof value.test === 'string') result.test = ['CMD-SHELL', value.test];
  else if (Array.isArray(value.test)) result.test = value.test.map(String);
  if (value.retries !== undefined) result.retries = Number(value.retries);
  return result;
}

/** `env_file:` string, list of strings or long form -> `[{path, required}]`. */
export function longEnvFiles(value: unknown): LongEnvFile[] {
  return (Array.isArray(value) ? value : [value]).map(entry => {
    if (typeof entry === 'string') return { path: entry, required: true };
    const long = entry as Record<string, unknown>;
    const file: LongEnvFile = {
      path: String(long.path),
      required: long.required !== false && long.required !== 'false',
    };
    if (long.format !== undefined) file.format = String(long.format);
    return file;
  });
}

/**
 * `secrets:` / `configs:` of a service: a name becomes `{source, target}` with the
 * specification's default target (/run/secrets/<name> for secrets, /<name> for configs).
 */
export function longFileReferences(
  value: unknown[],
  kind: 'secrets' | 'configs',
): LongFileReference[] {
  const target = (name: string) =>
    kind === 'secrets' ? `/run/secrets/${name}` : `/${name}`;
  return value.map(entry => {
    if (typeof entry === 'string')
      return { source: entry, target: target(entry) };
    const long = { ...(entry as LongFileReference) };
    if (long.target === undefined) long.target = target(long.source);
    else if (kind === 'secrets' && !long.target.startsWith('/'))
      long.target = `/run/secrets/${long.target}`;
    return long;
  });
}

/** `command:` / `entrypoint:` as a string are split into words as compose does. */
export function longCommand(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return splitShellWords(String(value));
}
