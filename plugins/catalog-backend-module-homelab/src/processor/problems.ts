import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { ZodIssue } from 'zod';

/** `spec.podSecurity.enforce`, `spec.roles[0]` */
function fieldPath(path: (string | number)[]): string {
  return path.reduce<string>(
    (out, key) =>
      typeof key === 'number' ? `${out}[${key}]` : `${out}.${key}`,
    'spec',
  );
}

function valueAt(spec: unknown, path: (string | number)[]): unknown {
  let current: any = spec;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = current[key];
  }
  return current;
}

/**
 * One sentence per problem, naming the entity, the field, what it holds and
 * the expected form, e.g. `resource:default/node-1: spec.cores is "six";
 * expected the number of physical cores as a whole number, e.g. 6`.
 */
export function describeSpecProblems(
  entity: Entity,
  issues: ZodIssue[],
): string[] {
  const ref = stringifyEntityRef(entity);
  const type = String(entity.spec?.type);
  return issues.map(issue => {
    const value = valueAt(entity.spec, issue.path);
    const found =
      value === undefined
        ? 'is missing'
        : `is ${shorten(JSON.stringify(value))}`;
    return `${ref} (${type}): ${fieldPath(issue.path)} ${found}; expected ${
      issue.message
    }`;
  });
}

function shorten(json: string): string {
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}
