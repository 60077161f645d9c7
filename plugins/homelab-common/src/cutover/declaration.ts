import type { CutoverCheck, ExpectedStatus } from './types';
import {
  namespaceProblem,
  objectNameProblem,
  portProblem,
  proxyPathProblem,
  selectorProblem,
  urlProblem,
} from './validate';

type Fields = Record<string, string>;

interface KindSpec {
  required: string[];
  optional: string[];
  example: string;
}

const named = (kind: string, example: string): KindSpec => ({
  required: ['namespace', 'name'],
  optional: [],
  example: `${kind} namespace=karakeep name=${example}`,
});

/** The kinds, their fields and an example of each, for the messages. */
export const CHECK_KINDS: Record<string, KindSpec> = {
  pods: {
    required: ['namespace', 'selector'],
    optional: ['min'],
    example: 'pods namespace=karakeep selector=app.kubernetes.io/name=karakeep',
  },
  deployment: named('deployment', 'karakeep'),
  statefulset: named('statefulset', 'karakeep-meilisearch'),
  pvc: named('pvc', 'karakeep-data'),
  httproute: named('httproute', 'karakeep'),
  service: named('service', 'karakeep'),
  'ollama-model': {
    required: ['model'],
    optional: [],
    example: 'ollama-model model=qwen3:1.7b',
  },
  http: {
    required: [],
    optional: ['namespace', 'service', 'port', 'path', 'url', 'status'],
    example:
      'http namespace=karakeep service=karakeep port=3000 path=/api/health status=200',
  },
};

export class DeclarationError extends Error {}

/** Splits `a=b c="d e"` into fields; a value with spaces is double-quoted. */
function tokenize(text: string): { kind: string; fields: Fields } {
  const re = /\s*([^\s"=]+)(?:=(?:"([^"]*)"|([^\s"]\S*)?))?/y;
  const body = text.trim();
  const out: { key: string; value?: string }[] = [];
  let pos = 0;
  while (pos < body.length) {
    re.lastIndex = pos;
    const m = re.exec(body);
    if (!m || (body[re.lastIndex] && !/\s/.test(body[re.lastIndex]))) {
      throw new DeclarationError(
        `cannot read "${body
          .slice(pos)
          .trim()}"; write fields as key=value, and quote a value with spaces: key="a b"`,
      );
    }
    pos = re.lastIndex;
    out.push({
      key: m[1],
      value: m[2] ?? m[3] ?? (m[0].endsWith('=') ? '' : undefined),
    });
  }
  const [first, ...others] = out;
  if (!first || first.value !== undefined) {
    throw new DeclarationError(
      `start with the kind: check: <kind> key=value ..., one of ${Object.keys(
        CHECK_KINDS,
      ).join(', ')}`,
    );
  }
  const fields: Fields = {};
  for (const { key, value } of others) {
    if (value === undefined)
      throw new DeclarationError(`"${key}" has no value; write ${key}=<value>`);
    if (key in fields)
      throw new DeclarationError(`${key} is given twice; keep one`);
    fields[key] = value;
  }
  return { kind: first.key, fields };
}

function parseStatus(text: string): ExpectedStatus {
  const codes: number[] = [];
  const classes: number[] = [];
  for (const part of text.split(',').map(s => s.trim())) {
    if (/^[1-5]\d\d$/.test(part)) codes.push(Number(part));
    else if (/^[1-5]xx$/i.test(part)) classes.push(Number(part[0]));
    else
      throw new DeclarationError(
        `status=${text}: "${part}" is not an HTTP status; write codes or classes such as status=200 or status=2xx,301`,
      );
  }
  return { codes, classes, text };
}

function canonical(kind: string, fields: Fields): string {
  const parts = Object.keys(fields)
    .sort()
    .map(k => `${k}=${/\s/.test(fields[k]) ? `"${fields[k]}"` : fields[k]}`);
  return [kind, ...parts].join(' ');
}

function check(
  fields: Fields,
  key: string,
  problem: (v: string) => string | undefined,
) {
  const value = fields[key];
  if (value === undefined) return;
  const p = problem(value);
  if (p) throw new DeclarationError(`${key}=${value} ${p}`);
}

function httpCheck(
  fields: Fields,
  base: { key: string; line: number },
): CutoverCheck {
  const status = parseStatus(fields.status ?? '200');
  if (fields.url !== undefined) {
    const extra = ['namespace', 'service', 'port', 'path'].filter(
      k => k in fields,
    );
    if (extra.length)
      throw new DeclarationError(
        `give either url=... or namespace=, service=, port= and path=, not both (drop ${extra.join(
          ', ',
        )})`,
      );
    check(fields, 'url', urlProblem);
    return { ...base, kind: 'http', via: 'url', url: fields.url, status };
  }
  for (const k of ['namespace', 'service', 'port']) {
    if (!(k in fields))
      throw new DeclarationError(
        `needs ${k}=... (or url=... for a host in homelab.cutover.allowedHosts), e.g. check: ${CHECK_KINDS.http.example}`,
      );
  }
  check(fields, 'namespace', namespaceProblem);
  check(fields, 'service', objectNameProblem);
  check(fields, 'port', portProblem);
  const path = fields.path ?? '/';
  check({ path }, 'path', proxyPathProblem);
  return {
    ...base,
    kind: 'http',
    via: 'service',
    namespace: fields.namespace,
    service: fields.service,
    port: fields.port,
    path,
    status,
  };
}

/**
 * Reads the text after `check:` into a check. Throws a DeclarationError
 * naming the field and the fix.
 */
export function parseDeclaration(text: string, line: number): CutoverCheck {
  const { kind, fields } = tokenize(text);
  const spec = CHECK_KINDS[kind];
  if (!spec) {
    throw new DeclarationError(
      `"${kind}" is not a check kind; use one of ${Object.keys(
        CHECK_KINDS,
      ).join(', ')}`,
    );
  }
  const allowed = [...spec.required, ...spec.optional];
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key))
      throw new DeclarationError(
        `${kind} has no field "${key}"; its fields are ${allowed.join(', ')}`,
      );
  }
  for (const key of spec.required) {
    if (!fields[key])
      throw new DeclarationError(
        `${kind} needs ${key}=...; e.g. check: ${spec.example}`,
      );
  }
  const base = { key: canonical(kind, fields), line };
  if (kind === 'http') return httpCheck(fields, base);
  if (kind === 'ollama-model') {
    if (/\s/.test(fields.model) || fields.model.length > 200)
      throw new DeclarationError(
        `model=${fields.model} is not an Ollama tag such as qwen3:1.7b`,
      );
    return { ...base, kind, model: fields.model };
  }
  check(fields, 'namespace', namespaceProblem);
  if (kind === 'pods') {
    check(fields, 'selector', selectorProblem);
    const min = fields.min ?? '1';
    if (!/^\d+$/.test(min) || Number(min) < 1)
      throw new DeclarationError(
        `min=${min} must be a whole number of pods, at least 1`,
      );
    return {
      ...base,
      kind,
      namespace: fields.namespace,
      selector: fields.selector,
      min: Number(min),
    };
  }
  check(fields, 'name', objectNameProblem);
  return {
    ...base,
    kind: kind as
      | 'deployment'
      | 'statefulset'
      | 'pvc'
      | 'httproute'
      | 'service',
    namespace: fields.namespace,
    name: fields.name,
  };
}
