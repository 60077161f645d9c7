import { looksLikeSecretName, looksLikeSecretValue } from './secretDetection';

export interface EnvironmentResult {
  env: Record<string, string>;
  secretEnv: string[];
  warnings: string[];
  problems: string[];
}

/**
 * Turns the normalized `environment` mapping (already interpolated, env_file entries
 * merged in) into plain env and secret names. Values of secrets are dropped here, and so
 * are values that took in a secret-looking substitution (`sensitive`).
 */
export function mapEnvironment(
  environment: Record<string, string | null> | undefined,
  sensitive: string[] = [],
): EnvironmentResult {
  const result: EnvironmentResult = {
    env: {},
    secretEnv: [],
    warnings: [],
    problems: [],
  };
  for (const [name, value] of Object.entries(environment ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      result.problems.push(
        `environment variable name "${name}" is not valid in Kubernetes`,
      );
      continue;
    }
    if (
      sensitive.includes(name) ||
      looksLikeSecretName(name) ||
      (value !== null && looksLikeSecretValue(value))
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
  value: string | null,
  warnings: string[],
): string {
  if (value === null) {
    warnings.push(
      `${name}: compose passes it through from the host environment and no value was given; fill in its value`,
    );
    return '';
  }
  if (/\$\{[^}]*\}/.test(value)) {
    warnings.push(
      `${name}: contains "\${...}" (written $\${...} in compose), which Flux would try to substitute; check it`,
    );
  }
  if (/localhost|127\.0\.0\.1|host\.docker\.internal/.test(value)) {
    warnings.push(
      `${name}: points at the Docker host or the container itself; use a cluster Service address`,
    );
  }
  return value;
}
