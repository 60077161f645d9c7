import { looksLikeSecretName, looksLikeSecretValue } from '../secretDetection';
import { interpolate, InterpolationContext, Lookup } from './interpolate';
import type { MissingVariable, Substitution } from './types';

export interface TreeInterpolation {
  value: unknown;
  substitutions: Substitution[];
  missing: MissingVariable[];
  /** Paths of unset variables used without default: compose warns and substitutes "". */
  unset: Array<{ variable: string; path: string }>;
}

const INTEGER =
  /^services\.[^.]+\.(deploy\.replicas|healthcheck\.retries|ports\[\d+\]\.target|scale|pids_limit|oom_score_adj|mem_swappiness|cpu_shares|cpu_count)$/;
const NUMBER =
  /^services\.[^.]+\.(cpus|deploy\.resources\.(limits|reservations)\.cpus)$/;
const BOOLEAN =
  /^services\.[^.]+\.(privileged|read_only|stdin_open|tty|init|oom_kill_disable|healthcheck\.disable|volumes\[\d+\]\.read_only|depends_on\.[^.]+\.(required|restart))$/;
/** Keys whose list items are "KEY=VALUE": their path names the key, as in the mapping form. */
const KEYED_LIST = /^services\.[^.]+\.(environment|labels|build\.args)$/;

/**
 * Interpolates every string value of a parsed compose document (keys are never
 * interpolated, as the specification says), then converts values that became numbers or
 * booleans where the specification expects them, as compose does after interpolation.
 */
export function interpolateTree(
  document: unknown,
  lookup: Lookup,
): TreeInterpolation {
  const result: TreeInterpolation = {
    value: undefined,
    substitutions: [],
    missing: [],
    unset: [],
  };
  result.value = walk(document, '', lookup, result);
  return result;
}

function walk(
  node: unknown,
  path: string,
  lookup: Lookup,
  out: TreeInterpolation,
): unknown {
  if (typeof node === 'string')
    return interpolateValue(node, path, lookup, out);
  if (Array.isArray(node)) {
    const keyed = KEYED_LIST.test(path);
    return node.map((item, i) => {
      const key =
        keyed && typeof item === 'string' ? item.split('=')[0] : undefined;
      return walk(
        item,
        key !== undefined ? `${path}.${key}` : `${path}[${i}]`,
        lookup,
        out,
      );
    });
  }
  if (node && typeof node === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      result[key] = walk(value, path ? `${path}.${key}` : key, lookup, out);
    }
    return result;
  }
  return node;
}

function interpolateValue(
  text: string,
  path: string,
  lookup: Lookup,
  out: TreeInterpolation,
): unknown {
  if (!text.includes('$')) return text;
  const ctx: InterpolationContext = {
    lookup,
    path,
    uses: [],
    missing: out.missing,
    unset: [],
  };
  const value = interpolate(text, ctx);
  const target = targetKey(path, text);
  for (const use of ctx.uses) {
    const secret =
      looksLikeSecretName(use.variable) ||
      (target !== undefined && looksLikeSecretName(target)) ||
      (use.value !== '' && looksLikeSecretValue(use.value));
    const substitution: Substitution = {
      variable: use.variable,
      path,
      source: use.source,
      secret,
    };
    if (!secret) substitution.value = use.value;
    out.substitutions.push(substitution);
  }
  ctx.unset.forEach(variable => out.unset.push({ variable, path }));
  if (text.includes('$') && value !== text) return cast(value, path);
  return value;
}

/** The environment variable or label a value belongs to, e.g. POSTGRES_PASSWORD. */
function targetKey(path: string, text: string): string | undefined {
  const match = /\.(?:environment|labels|build\.args)\.([^.]+)$/.exec(path);
  if (match) return match[1];
  return /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(text)?.[1];
}

function cast(value: string, path: string): unknown {
  if (INTEGER.test(path) && /^-?\d+$/.test(value)) return Number(value);
  if (
    NUMBER.test(path) &&
    value.trim() !== '' &&
    Number.isFinite(Number(value))
  )
    return Number(value);
  if (BOOLEAN.test(path) && /^(true|false)$/i.test(value))
    return value.toLowerCase() === 'true';
  return value;
}
