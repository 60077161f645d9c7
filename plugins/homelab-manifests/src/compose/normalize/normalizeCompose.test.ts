import { normalizeCompose } from './normalizeCompose';
import { toComposeYaml } from './toComposeYaml';

const one = (service: string, options = {}) =>
  normalizeCompose(
    `services:\n  app:\n${service.replace(/^/gm, '    ')}\n`,
    options,
  ).compose.services.app;

describe('normalizeCompose: short syntax becomes the long form docker compose config prints', () => {
  it('expands the ports examples of the specification', () => {
    const { ports } = one(
      [
        'image: a:1',
        'ports:',
        '  - "3000"',
        '  - "3000-3002"',
        '  - "8000:8000"',
        '  - "9090-9091:8080-8081"',
        '  - "8000-9000:80"',
        '  - "127.0.0.1:8001:8001"',
        '  - "::1:6000:6000"',
        '  - "[::1]:6001:6001"',
        '  - "6060:6060/udp"',
        '  - 49100',
        '  - target: 80',
        '    published: 8080',
      ].join('\n'),
    );
    const tcp = { mode: 'ingress', protocol: 'tcp' };
    expect(ports).toEqual([
      // "3000" and the range's first port are one mapping, kept once
      { mode: 'ingress', target: 3000, protocol: 'tcp' },
      { ...tcp, target: 3001 },
      { ...tcp, target: 3002 },
      { mode: 'ingress', target: 8000, published: '8000', protocol: 'tcp' },
      { mode: 'ingress', target: 8080, published: '9090', protocol: 'tcp' },
      { mode: 'ingress', target: 8081, published: '9091', protocol: 'tcp' },
      { mode: 'ingress', target: 80, published: '8000-9000', protocol: 'tcp' },
      {
        mode: 'ingress',
        host_ip: '127.0.0.1',
        target: 8001,
        published: '8001',
        protocol: 'tcp',
      },
      {
        mode: 'ingress',
        host_ip: '::1',
        target: 6000,
        published: '6000',
        protocol: 'tcp',
      },
      {
        mode: 'ingress',
        host_ip: '::1',
        target: 6001,
        published: '6001',
        protocol: 'tcp',
      },
      { mode: 'ingress', target: 6060, published: '6060', protocol: 'udp' },
      { mode: 'ingress', target: 49100, protocol: 'tcp' },
      { mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' },
    ]);
  });

  it('keeps overlapping port ranges once each, says so, and normalizes that to itself', () => {
    // a counterexample of the idempotence property (normalizeProperties.test.ts)
    const compose =
      'services:\n  worker:\n    image: a:1\n    ports: ["1001-1003", "1000-1002"]\n';
    const once = normalizeCompose(compose);
    expect(once.compose.services.worker.ports!.map(p => p.target)).toEqual([
      1001, 1002, 1003, 1000,
    ]);
    expect(once.notes).toEqual([
      expect.objectContaining({ service: 'worker', key: 'ports' }),
    ]);
    expect(normalizeCompose(toComposeYaml(once.compose)).compose).toEqual(
      once.compose,
    );
  });

  it('turns the volumes examples of the specification into type/source/target', () => {
    const { volumes } = one(
      [
        'image: a:1',
        'volumes:',
        '  - /var/lib/mysql',
        '  - /opt/data:/var/lib/mysql',
        '  - ./cache:/tmp/cache',
        '  - ~/configs:/etc/configs/:ro',
        '  - datavolume:/var/lib/mysql2:nocopy',
        '  - type: volume',
        '    source: db-data',
        '    target: /data',
      ].join('\n'),
    );
    expect(volumes).toEqual([
      { type: 'volume', target: '/var/lib/mysql' },
      {
        type: 'bind',
        source: '/opt/data',
        target: '/var/lib/mysql',
        bind: { create_host_path: true },
      },
      {
        type: 'bind',
        source: './cache',
        target: '/tmp/cache',
        bind: { create_host_path: true },
      },
      {
        type: 'bind',
        source: '~/configs',
        target: '/etc/configs/',
        read_only: true,
        bind: { create_host_path: true },
      },
      {
        type: 'volume',
        source: 'datavolume',
        target: '/var/lib/mysql2',
        volume: { nocopy: true },
      },
      { type: 'volume', source: 'db-data', target: '/data' },
    ]);
  });

  it('reads environment, labels and networks in list and map form as mappings', () => {
    const list = one(
      'image: a:1\nenvironment: [RACK_ENV=development, SHOW=true, "EMPTY=", SESSION_SECRET]\nlabels: ["com.example.a=b"]\nnetworks: [front]',
    );
    const map = one(
      'image: a:1\nenvironment:\n  RACK_ENV: development\n  SHOW: true\n  EMPTY: ""\n  SESSION_SECRET:\nlabels:\n  com.example.a: b\nnetworks:\n  front:',
    );
    expect(list).toEqual(map);
    expect(list.environment).toEqual({
      RACK_ENV: 'development',
      SHOW: 'true',
      EMPTY: '',
      SESSION_SECRET: null,
    });
    expect(list.networks).toEqual({ front: null });
  });

  it('gives depends_on, healthcheck, env_file, secrets, command and sizes their long form', () => {
    const app = one(
      [
        'image: a:1',
        'depends_on: [db]',
        'healthcheck:',
        '  test: curl -f http://localhost || exit 1',
        '  retries: 3',
        'env_file: app.env',
        'secrets: [db_password]',
        'configs: [my_config]',
        'command: bundle exec thin -p "3000 0"',
        'mem_limit: 1g',
        'cpus: "1.5"',
        "user: '1000'",
      ].join('\n'),
    );
    expect(app).toEqual({
      image: 'a:1',
      depends_on: { db: { condition: 'service_started', required: true } },
      healthcheck: {
        test: ['CMD-SHELL', 'curl -f http://localhost || exit 1'],
        retries: 3,
      },
      env_file: [{ path: 'app.env', required: true }],
      secrets: [{ source: 'db_password', target: '/run/secrets/db_password' }],
      configs: [{ source: 'my_config', target: '/my_config' }],
      command: ['bundle', 'exec', 'thin', '-p', '3000 0'],
      mem_limit: 1073741824,
      cpus: 1.5,
      user: '1000',
    });
  });

  it('resolves anchors, merge keys and extends within the file', () => {
    const result = normalizeCompose(
      [
        'x-common: &common',
        '  restart: unless-stopped',
        '  environment: { TZ: Europe/Berlin, LEVEL: info }',
        'services:',
        '  base:',
        '    <<: *common',
        '    image: a:1',
        '    ports: ["80"]',
        '    volumes: ["data:/data", "logs:/logs"]',
        '  web:',
        '    extends: base',
        '    environment: { LEVEL: debug }',
        '    volumes: ["other:/data"]',
        '    command: serve',
      ].join('\n'),
    );
    expect(result.compose.services.web).toEqual({
      restart: 'unless-stopped',
      environment: { TZ: 'Europe/Berlin', LEVEL: 'debug' },
      image: 'a:1',
      ports: [{ mode: 'ingress', target: 80, protocol: 'tcp' }],
      volumes: [
        { type: 'volume', source: 'logs', target: '/logs' },
        { type: 'volume', source: 'other', target: '/data' },
      ],
      command: ['serve'],
    });
  });

  it('reads extends from another file only through the given reader', () => {
    const text =
      'services:\n  web:\n    extends: { file: common.yml, service: base }\n    image: a:1\n';
    const withFile = normalizeCompose(text, {
      readFile: path =>
        path === 'common.yml'
          ? 'services:\n  base:\n    environment: [A=1]\n'
          : undefined,
    });
    expect(withFile.compose.services.web.environment).toEqual({ A: '1' });
    const without = normalizeCompose(text);
    expect(without.notes).toEqual([
      expect.objectContaining({ service: 'web', key: 'extends' }),
    ]);
  });

  it('leaves out services of inactive profiles unless asked for', () => {
    const text =
      'services:\n  web: { image: a:1 }\n  debug: { image: b:1, profiles: [dev] }\n';
    expect(Object.keys(normalizeCompose(text).compose.services)).toEqual([
      'web',
    ]);
    expect(normalizeCompose(text).inactive).toEqual({ debug: ['dev'] });
    expect(
      Object.keys(
        normalizeCompose(text, { profiles: ['dev'] }).compose.services,
      ),
    ).toEqual(['web', 'debug']);
    expect(
      Object.keys(
        normalizeCompose(text, { include: ['debug'] }).compose.services,
      ),
    ).toEqual(['web', 'debug']);
  });

  it('reads env_file entries into environment, environment winning, and lists missing ones', () => {
    const text =
      'services:\n  app:\n    image: a:1\n    env_file: [app.env, { path: opt.env, required: false }]\n    environment: { MODE: prod }\n';
    const read = normalizeCompose(text, {
      readFile: p => (p === 'app.env' ? 'MODE=dev\nWORKERS=4\n' : undefined),
    });
    expect(read.compose.services.app.environment).toEqual({
      MODE: 'prod',
      WORKERS: '4',
    });
    expect(read.notes).toEqual([]);
    const missing = normalizeCompose(text);
    expect(missing.notes.map(n => n.key)).toEqual(['env_file app.env']);
  });
});

describe('normalizeCompose: interpolation in every field', () => {
  const text = [
    'name: media',
    'services:',
    '  app:',
    '    image: "ghcr.io/org/app:${APP_TAG:-1.2.3}"',
    '    ports: ["${APP_PORT:-8080}:80"]',
    '    volumes: ["${DATA_DIR}/app:/data"]',
    '    environment:',
    '      - DB_PASSWORD=${DB_PASSWORD}',
    '      - CONFIG=user=admin;pw=${ADMIN_PASS}',
    '      - PRICE=$$5',
    '    command: ["--level", "${LEVEL-info}"]',
    '    labels: { owner: "${OWNER:?set OWNER in .env}" }',
    '    deploy: { replicas: "${REPLICAS:-2}" }',
  ].join('\n');
  const envFile =
    'DATA_DIR=/srv\nDB_PASSWORD=hunter2-secret\nADMIN_PASS=letmein\nOWNER=alice\n';

  it('substitutes values from the env file and casts numbers where compose expects them', () => {
    const { compose } = normalizeCompose(text, { envFile });
    const app = compose.services.app;
    expect(app.image).toBe('ghcr.io/org/app:1.2.3');
    expect(app.ports).toEqual([
      { mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' },
    ]);
    expect(app.volumes![0].source).toBe('/srv/app');
    expect(app.environment!.PRICE).toBe('$5');
    expect(app.command).toEqual(['--level', 'info']);
    expect(app.labels).toEqual({ owner: 'alice' });
    expect((app.deploy as any).replicas).toBe(2);
  });

  it('lists every substitution, secret ones by name only, and marks what they tainted', () => {
    const result = normalizeCompose(text, { envFile });
    expect(result.substitutions).toContainEqual({
      variable: 'APP_TAG',
      path: 'services.app.image',
      source: 'default',
      value: '1.2.3',
      secret: false,
    });
    expect(result.substitutions).toContainEqual({
      variable: 'DB_PASSWORD',
      path: 'services.app.environment.DB_PASSWORD',
      source: 'env-file',
      secret: true,
    });
    expect(result.substitutions).toContainEqual({
      variable: 'ADMIN_PASS',
      path: 'services.app.environment.CONFIG',
      source: 'env-file',
      secret: true,
    });
    expect(JSON.stringify(result.substitutions)).not.toMatch(/hunter2|letmein/);
    expect(result.sensitive).toEqual({ app: ['DB_PASSWORD', 'CONFIG'] });
  });

  it('reports a required variable that is unset, with its message and place', () => {
    const result = normalizeCompose(text, { envFile: 'DATA_DIR=/srv' });
    expect(result.missing).toEqual([
      {
        variable: 'OWNER',
        path: 'services.app.labels.owner',
        message: 'set OWNER in .env',
      },
    ]);
  });

  it('reads the process environment only when it is given, before the env file', () => {
    const withEnv = normalizeCompose(text, {
      envFile,
      environment: { APP_TAG: '2.0.0' },
    });
    expect(withEnv.compose.services.app.image).toBe('ghcr.io/org/app:2.0.0');
  });
});

describe('normalizeCompose: validation against the compose specification schema', () => {
  it('names the service and the key that is wrong', () => {
    expect(() =>
      normalizeCompose('services:\n  web:\n    image: a:1\n    imagee: b\n'),
    ).toThrow('service "web": "imagee" is not a compose key');
    expect(() =>
      normalizeCompose('services:\n  web:\n    image: a:1\n    ports: 80\n'),
    ).toThrow(/^service "web": ports must be array/);
    expect(() =>
      normalizeCompose(
        'services:\n  web:\n    image: a:1\n    healthcheck: { retries: many }\n',
      ),
    ).toThrow(/^service "web": healthcheck\.retries must be number/);
  });
});
