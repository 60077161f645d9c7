import fc from 'fast-check';

// Test helper: compose files built from the syntax the importer supports.

const names = ['web', 'db', 'cache', 'worker', 'api', 'my_app', 'init-db'];
const tag = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,8}$/);
const variable = fc.constantFrom('TAG', 'PORT', 'DATA', 'MODE', 'DB_PASSWORD');
const text = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9 ./:=_-]{0,12}$/),
  fc.constant('$$literal'),
  fc.constant('price 5$'),
  variable.map(v => `\${${v}:-fallback}`),
  variable.map(v => `pre-$${v}-post`),
  variable.map(v => `\${${v}-x}\${${v}:+alt}`),
);
const image = fc.oneof(
  tag.map(t => `ghcr.io/org/app:${t}`),
  tag.map(t => `ghcr.io/org/app:\${TAG:-${t}}`),
  fc.constant('redis'),
  fc.constant('redis:latest'),
);
const port = fc.integer({ min: 1, max: 65535 });
const unique = { selector: (v: unknown) => JSON.stringify(v) };
const ports = fc.uniqueArray(
  fc.oneof(
    port,
    port.map(String),
    fc.tuple(port, port).map(([a, b]) => `${a}:${b}`),
    fc
      .tuple(port, fc.constantFrom('tcp', 'udp'))
      .map(([p, proto]) => `127.0.0.1:${p}:${p}/${proto}`),
    fc.integer({ min: 1000, max: 60000 }).map(p => `${p}-${p + 2}`),
    port.map(p => ({ target: p, published: String(p), protocol: 'tcp' })),
  ),
  { maxLength: 3, ...unique },
);
const volumes = fc.uniqueArray(
  fc.oneof(
    fc.constantFrom(
      'data:/data',
      './conf:/conf:ro',
      '/srv/x:/x',
      '/anon',
      '${DATA:-/srv}/y:/y',
    ),
    fc.constant({ type: 'volume', source: 'vol', target: '/vol' }),
    fc.constant({ type: 'bind', source: './b', target: '/b', read_only: true }),
    fc.constant({ type: 'tmpfs', target: '/cache' }),
  ),
  { maxLength: 3, ...unique },
);
const envName = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/);
const environment = fc.oneof(
  fc.dictionary(
    envName,
    fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null)),
    { maxKeys: 4 },
  ),
  fc.array(
    fc
      .tuple(envName, fc.option(text))
      .map(([k, v]) => (v === null ? k : `${k}=${v}`)),
    { maxLength: 4 },
  ),
);
const healthcheck = fc.oneof(
  fc.constant({
    test: 'curl -f http://localhost:80/ || exit 1',
    interval: '30s',
  }),
  fc.constant({
    test: ['CMD', 'wget', '-q', 'http://localhost:8080/health'],
    retries: 3,
  }),
  fc.constant({ disable: true }),
);
const command = fc.oneof(
  fc.constantFrom(
    'serve --port 80',
    'sh -c "echo hi && sleep 1"',
    "run 'a b' c",
  ),
  fc.array(fc.stringMatching(/^[a-z-]{1,6}$/), { maxLength: 3 }),
);

const service = (others: string[]) =>
  fc.record(
    {
      image,
      ports,
      expose: fc.uniqueArray(port.map(String), { maxLength: 2 }),
      volumes,
      environment,
      healthcheck,
      command,
      labels: fc.oneof(
        fc.dictionary(fc.stringMatching(/^[a-z.]{1,8}$/), text, { maxKeys: 2 }),
        fc.constant(['traefik.enable=true']),
      ),
      depends_on: fc.oneof(
        fc.subarray(others),
        fc
          .subarray(others)
          .map(list =>
            Object.fromEntries(
              list.map(n => [n, { condition: 'service_started' }]),
            ),
          ),
      ),
      networks: fc.constant(['default']),
      restart: fc.constantFrom('no', 'always', 'unless-stopped'),
      user: fc.constantFrom('1000', '1000:1000', 'root', '0'),
      mem_limit: fc.constantFrom('512m', '1g', '1.5gb', 268435456),
      profiles: fc.constantFrom(['debug'], ['a', 'b']),
      cap_add: fc.constant(['NET_ADMIN']),
      privileged: fc.boolean(),
      network_mode: fc.constantFrom('host', 'bridge'),
    },
    { requiredKeys: [] },
  );

/** A compose document (as an object: stringify it) and the .env text for it. */
export const composeArbitrary = fc
  .uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 5 })
  .chain(list =>
    fc
      .tuple(
        fc.tuple(...list.map(name => service(list.filter(n => n !== name)))),
        fc.boolean(),
      )
      .map(([bodies, named]) => ({
        ...(named ? { name: 'proj' } : {}),
        services: Object.fromEntries(list.map((name, i) => [name, bodies[i]])),
      })),
  );

export const envFileArbitrary = fc.constantFrom(
  '',
  'TAG=1.2.3\nPORT=8080\n',
  "MODE='$literal'\nDB_PASSWORD=hunter2-value\nDATA=/mnt/data\n",
);
