import { hasSubstitution } from '../util/values';
import { findSchema } from './schemaValidators';
import type { LintObject, RuleContext, YamlPath } from './types';

interface Tracked {
  proxy: unknown;
  /** For objects: every key the validator looked at, when it looked at all. */
  seen?: Set<string>;
  children: Map<string, Tracked>;
  isArray?: boolean;
}

/**
 * The generated validators have no additionalProperties: false, so unknown fields
 * (typos such as `contianers`) pass them. They do read every property their schema
 * declares, so the data is wrapped in proxies that record which keys were read; a key
 * of an inspected object that was never read is not in the schema.
 */
function track(value: unknown): Tracked {
  const children = new Map<string, Tracked>();
  if (value === null || typeof value !== 'object')
    return { proxy: value, children };
  if (Array.isArray(value)) {
    const items = value.map((item, i) => {
      const child = track(item);
      children.set(String(i), child);
      return child.proxy;
    });
    return { proxy: items, children, isArray: true };
  }
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const tracked = track(child);
    children.set(key, tracked);
    // defineProperty: a "__proto__" key must stay data, not replace the prototype.
    Object.defineProperty(copy, key, {
      value: tracked.proxy,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const node: Tracked = { proxy: undefined, children };
  node.proxy = new Proxy(copy, {
    get(target, key, receiver) {
      if (typeof key === 'string') (node.seen ??= new Set()).add(key);
      return Reflect.get(target, key, receiver);
    },
    ownKeys(target) {
      const keys = Reflect.ownKeys(target);
      node.seen ??= new Set();
      keys.forEach(k => typeof k === 'string' && node.seen!.add(k));
      return keys;
    },
  });
  return node;
}

function unknownFields(
  node: Tracked,
  path: YamlPath,
  out: Array<{ path: YamlPath; known: string[] }>,
) {
  for (const [key, child] of node.children) {
    const childPath = [...path, node.isArray ? Number(key) : key];
    if (node.seen && !node.seen.has(key)) {
      out.push({ path: childPath, known: [...node.seen] });
    } else {
      unknownFields(child, childPath, out);
    }
  }
}

export function checkSchema(object: LintObject, ctx: RuleContext): void {
  const lookup = findSchema(object.apiVersion, object.kind);
  if (lookup.status === 'no-schema') {
    const entity = object.apiVersion.startsWith('backstage.io/');
    ctx.report(
      object,
      'schema-skipped',
      ['kind'],
      entity
        ? `Backstage catalog entity ${object.kind} ${object.name}; not a Kubernetes object, not validated`
        : `no offline schema for ${object.apiVersion} ${object.kind} (a custom resource?); not validated`,
      entity
        ? 'Nothing to do; the Backstage catalog validates its entities.'
        : 'Nothing to do unless this is a built-in kind with a typo in apiVersion or kind.',
      'info',
    );
    return;
  }
  if (lookup.status === 'unknown-kind') {
    const close = closest(object.kind, lookup.known);
    ctx.report(
      object,
      'schema',
      ['kind'],
      lookup.known.length
        ? `${object.apiVersion} has no kind ${object.kind}`
        : `${object.apiVersion} is not an API version Kubernetes serves`,
      close
        ? `Did you mean kind: ${close}?`
        : 'Check apiVersion and kind against the Kubernetes API reference.',
    );
    return;
  }

  const root = track(object.value);
  const valid = lookup.validate(root.proxy);
  if (!valid) reportErrors(object, ctx, lookup.validate.errors ?? []);

  const unknown: Array<{ path: YamlPath; known: string[] }> = [];
  unknownFields(root, [], unknown);
  for (const { path, known } of unknown) {
    const field = String(path[path.length - 1]);
    const suggestion = closest(field, known);
    ctx.report(
      object,
      'schema',
      path,
      `unknown field "${field}" in ${dotted(path.slice(0, -1)) || object.kind}`,
      suggestion
        ? `Rename it to "${suggestion}".`
        : 'Remove it or check the spelling.',
    );
  }
}

const KEYWORD_PRIORITY = ['required', 'enum', 'format', 'pattern', 'type'];

function reportErrors(object: LintObject, ctx: RuleContext, errors: any[]) {
  // One finding per location; the validators report int-or-string and quantity
  // failures as several errors (type, format, oneOf) on the same path.
  const byPath = new Map<string, any[]>();
  for (const error of errors) {
    const path =
      error.keyword === 'required'
        ? `${error.instancePath}/${error.params.missingProperty}`
        : error.instancePath;
    byPath.set(path, [...(byPath.get(path) ?? []), error]);
  }
  for (const [pointer, group] of byPath) {
    const path = pointer.split('/').slice(1).map(unescapePointer);
    const yamlPath = toYamlPath(object.value, path);
    const current = valueAt(object.value, yamlPath);
    if (hasSubstitution(current)) continue;
    group.sort((a, b) => rank(a.keyword) - rank(b.keyword));
    const error = group[0];
    const where = dotted(yamlPath) || object.kind;
    const { message, fix } = describe(error, where, current);
    ctx.report(object, 'schema', yamlPath, message, fix);
  }
}

function rank(keyword: string): number {
  const i = KEYWORD_PRIORITY.indexOf(keyword);
  return i < 0 ? KEYWORD_PRIORITY.length : i;
}

function describe(
  error: any,
  where: string,
  current: unknown,
): { message: string; fix: string } {
  switch (error.keyword) {
    case 'required':
      return {
        message: `missing required field ${where}`,
        fix: `Add ${where}.`,
      };
    case 'enum':
      return {
        message: `${where} is ${JSON.stringify(
          current,
        )}, not one of ${error.params.allowedValues
          .map((v: unknown) => JSON.stringify(v))
          .join(', ')}`,
        fix: 'Use one of the allowed values.',
      };
    case 'format':
      if (error.params.format === 'quantity') {
        return {
          message: `${where} is ${JSON.stringify(
            current,
          )}, not a Kubernetes quantity`,
          fix: 'Write a number with an optional unit, such as 500m, 0.5, 256Mi or 2Gi.',
        };
      }
      return {
        message: `${where} is ${JSON.stringify(current)}, not a valid ${
          error.params.format
        }`,
        fix: `Use a ${error.params.format} value.`,
      };
    case 'type':
      return {
        message: `${where} must be of type ${
          error.params.type
        }, got ${describeType(current)}`,
        fix:
          current === null
            ? `Give ${where} a value or remove the key.`
            : `Change it to a ${error.params.type}.`,
      };
    case 'pattern':
      return {
        message: `${where} (${JSON.stringify(current)}) does not match ${
          error.params.pattern
        }`,
        fix: 'Correct the value to match the expected format.',
      };
    default:
      return {
        message: `${where} ${
          error.message ?? `fails the ${error.keyword} check`
        }`,
        fix: 'Correct the value against the Kubernetes API reference.',
      };
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function toYamlPath(value: unknown, path: string[]): YamlPath {
  const out: YamlPath = [];
  let current: any = value;
  for (const segment of path) {
    const key = Array.isArray(current) ? Number(segment) : segment;
    out.push(key);
    current = current?.[key];
  }
  return out;
}

function valueAt(value: unknown, path: YamlPath): unknown {
  return path.reduce<any>((current, key) => current?.[key], value);
}

export function dotted(path: YamlPath): string {
  return path
    .map((p, i) => {
      if (typeof p === 'number') return `[${p}]`;
      return i === 0 ? p : `.${p}`;
    })
    .join('');
}

/** The candidate within edit distance 2 of `word`, if any. */
export function closest(
  word: string,
  candidates: string[],
): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const old = row[j];
      row[j] = Math.min(
        row[j] + 1,
        row[j - 1] + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = old;
    }
  }
  return row[b.length];
}
