import { isMapping } from './composeFile';
import { looksLikeSecretName, looksLikeSecretValue } from './secretDetection';

export interface EnvironmentResult {
  env: Record<string, string>;
  secretEnv: string[];
  warnings: string[];
  problems: string[];
}

/** Turns `environment` (list or map form) into plain env and secret names. Values of secrets are dropped here. */
export function mapEnvironment(environment: unknown): EnvironmentResult {
  const result: EnvironmentResult = {
    env: {},
    secretEnv: [],
    warnings: [],
    problems: [],
  };
  for (const [name, raw] of entries(environment, result.problems)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      result.problems.push(
        `environment variable name "${name}" is not valid in Kubernetes`,
      );
      continue;
    }
    const value = raw === null || raw === undefined ? undefined : String(raw);
    if (
      looksLikeSecretName(name) ||
      (value !== undefined && looksLikeSecretValue(value))
    ) {
      result.secretEnv.push(name);
      continue;
    }
    result.env[name] = plainValue(name, value, result.warnings);
  }
  return result;
}

function plainValue(
  name: string,
  value: string | undefined,
  warnings: string[],
): string {
  if (value === undefined) {
    warnings.push(
      `${name}: compose passes it through from the host environment; fill in its value`,
    );
    return '';
  }
  const whole =
    /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*)|:?\?[^}]*)?\}$/.exec(value);
  if (whole) {
    if (whole[2] !== undefined) {
      warnings.push(
        `${name}: used the default of the compose variable \${${whole[1]}}; check it`,
      );
      return whole[3];
    }
    warnings.push(
      `${name}: its value comes from the compose variable \${${whole[1]}}; fill it in`,
    );
    return '';
  }
  if (/\$\{?[A-Za-z_]/.test(value)) {
    warnings.push(
      `${name}: contains compose variables, which Flux would try to substitute; replace them with real values`,
    );
  }
  if (/localhost|127\.0\.0\.1|host\.docker\.internal/.test(value)) {
    warnings.push(
      `${name}: points at the Docker host or the container itself; use a cluster Service address`,
    );
  }
  return value;
}

function entries(
  environment: unknown,
  problems: string[],
): Array<[string, unknown]> {
  if (environment === undefined || environment === null) return [];
  if (Array.isArray(environment)) {
    return environment.map(item => {
      const text = String(item);
      const eq = text.indexOf('=');
      return eq < 0
        ? [text, undefined]
        : [text.slice(0, eq), text.slice(eq + 1)];
    });
  }
  if (isMapping(environment)) return Object.entries(environment);
  problems.push('environment is neither a list nor a mapping');
  return [];
}
