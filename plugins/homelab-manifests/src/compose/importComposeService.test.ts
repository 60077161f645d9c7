import {
  importComposeService,
  IMAGE_TAG_PLACEHOLDER,
} from './importComposeService';

const compose = (service: string) =>
  `services:\n  app:\n${service.replace(/^/gm, '    ')}\n`;

describe('importComposeService', () => {
  it('refuses text that is not YAML, naming the line', () => {
    expect(() => importComposeService('services: [\n  app', 'app')).toThrow(
      /compose file is not valid YAML \(line \d+/,
    );
  });

  it('refuses YAML without a services mapping', () => {
    expect(() => importComposeService('name: x\nfoo: 1\n', 'app')).toThrow(
      'not a Docker Compose file: it has no top-level "services" mapping',
    );
  });

  it('lists the services that exist when the name is unknown', () => {
    const text = 'services:\n  web: { image: a:1 }\n  db: { image: b:2 }\n';
    expect(() => importComposeService(text, 'api')).toThrow(
      'service "api" is not in the compose file; it defines: web, db',
    );
  });

  it('replaces a floating tag with a placeholder that fails validation and warns', () => {
    for (const image of ['redis', 'redis:latest']) {
      const result = importComposeService(
        compose(`image: ${image}\nports: ['6379']`),
        'app',
      );
      expect(result.spec.image).toBe(`redis:${IMAGE_TAG_PLACEHOLDER}`);
      expect(result.warnings.join('\n')).toContain(
        `replace ${IMAGE_TAG_PLACEHOLDER}`,
      );
    }
  });

  it('reads short and long port syntax and expands ranges as compose does', () => {
    const result = importComposeService(
      compose(
        "image: a:1\nports:\n  - '127.0.0.1:8080:3000'\n  - '53:53/udp'\n  - target: 9000\n    published: 9001\n  - '7000-7002:7000-7002'\n  - '80/sctp'",
      ),
      'app',
    );
    expect(result.spec.ports).toEqual([
      { name: 'http', port: 3000, protocol: 'TCP' },
      { name: 'udp-53', port: 53, protocol: 'UDP' },
      { name: 'tcp-9000', port: 9000, protocol: 'TCP' },
      { name: 'tcp-7000', port: 7000, protocol: 'TCP' },
      { name: 'tcp-7001', port: 7001, protocol: 'TCP' },
      { name: 'tcp-7002', port: 7002, protocol: 'TCP' },
    ]);
    expect(result.unmapped).toContainEqual({
      key: 'ports[6]',
      reason:
        'uses protocol "sctp"; only tcp and udp exist in Kubernetes Services',
    });
  });

  it('reads the list and map forms of environment and keeps secrets as names only', () => {
    const list = importComposeService(
      compose(
        'image: a:1\nports: [80]\nenvironment:\n  - MODE=prod\n  - API_TOKEN=abc\n  - DATABASE_URL=postgres://u:hunter2@db/app\n  - LEVEL=${LEVEL:-info}',
      ),
      'app',
    );
    expect(list.spec.env).toEqual({ MODE: 'prod', LEVEL: 'info' });
    expect(list.secretKeys).toEqual(['API_TOKEN', 'DATABASE_URL']);
    expect(JSON.stringify(list)).not.toMatch(/hunter2|"abc"/);

    const map = importComposeService(
      compose(
        'image: a:1\nports: [80]\nenvironment:\n  MODE: prod\n  WORKERS: 4\n  SIGNING: "-----BEGIN PRIVATE KEY-----"',
      ),
      'app',
    );
    expect(map.spec.env).toEqual({ MODE: 'prod', WORKERS: '4' });
    expect(map.secretKeys).toEqual(['SIGNING']);
  });

  it('turns a bind mount into a claim with a warning and refuses the Docker socket', () => {
    const result = importComposeService(
      compose(
        'image: a:1\nports: [80]\nvolumes:\n  - ./config:/config:ro\n  - /var/run/docker.sock:/var/run/docker.sock',
      ),
      'app',
    );
    expect(result.spec.storage).toEqual([
      {
        name: 'config',
        size: '1Gi',
        mountPath: '/config',
        accessMode: 'ReadWriteOnce',
      },
    ]);
    expect(result.warnings.join('\n')).toContain(
      'the host folder ./config becomes the claim app-config',
    );
    expect(result.unmapped.map(u => u.key)).toEqual(['volumes[1]']);
  });

  it('maps a root user to the baseline level and a user name to unmapped', () => {
    const root = importComposeService(
      compose("image: a:1\nports: [80]\nuser: '0:0'"),
      'app',
    );
    expect(root.spec.runAsUser).toBe(0);
    expect(root.spec.namespace.podSecurity).toBe('baseline');
    const named = importComposeService(
      compose('image: a:1\nports: [80]\nuser: node'),
      'app',
    );
    expect(named.spec.runAsUser).toBeUndefined();
    expect(named.unmapped.map(u => u.key)).toEqual(['user']);
  });

  it('lists privileged, cap_add, entrypoint and unknown keys as unmapped with reasons', () => {
    const result = importComposeService(
      compose(
        "image: a:1\nports: [80]\nprivileged: true\ncap_add: [NET_ADMIN]\nentrypoint: ['/init']\ngpus: all",
      ),
      'app',
    );
    expect(result.unmapped.map(u => u.key)).toEqual([
      'privileged',
      'cap_add',
      'entrypoint',
      'gpus',
    ]);
    expect(result.unmapped[0].reason).toMatch(/Pod Security/);
  });

  it('makes the service name a DNS label and says so', () => {
    const result = importComposeService(
      'services:\n  My_App: { image: a:1, ports: [80] }\n',
      'My_App',
    );
    expect(result.spec.name).toBe('my-app');
    expect(result.warnings[0]).toBe(
      'service name "My_App" became "my-app" to be a valid Kubernetes name',
    );
  });

  it('pins a ${X_TAG:-default} image from the env file or its default and lists what was assumed', () => {
    const text = compose(
      'image: "ghcr.io/org/app:${APP_TAG:-1.2.3}"\nports: [80]\nenvironment:\n  DB_PASSWORD: ${DB_PASSWORD}\n  MODE: ${MODE:-prod}',
    );
    const defaulted = importComposeService(text, 'app');
    expect(defaulted.spec.image).toBe('ghcr.io/org/app:1.2.3');
    expect(defaulted.warnings).toContain(
      '${APP_TAG} in image: its default "1.2.3" was used',
    );
    const fromFile = importComposeService(text, 'app', {
      sources: { envFile: 'APP_TAG=2.4.0\nDB_PASSWORD=s3cr3t-Value-42\n' },
    });
    expect(fromFile.spec.image).toBe('ghcr.io/org/app:2.4.0');
    expect(fromFile.spec.env).toEqual({ MODE: 'prod' });
    expect(fromFile.secretKeys).toEqual(['DB_PASSWORD']);
    expect(fromFile.warnings).toContain(
      '${DB_PASSWORD} in environment.DB_PASSWORD: from the env file (secret: value not shown)',
    );
    expect(JSON.stringify(fromFile)).not.toContain('s3cr3t-Value-42');
  });

  it('refuses a service whose required variable is unset, naming the variable', () => {
    expect(() =>
      importComposeService(
        compose('image: "app:${TAG:?pin the app version}"\nports: [80]'),
        'app',
      ),
    ).toThrow(
      'service "app": required variable TAG is not set (pin the app version), used in image; set it in the env file (--env-file) or the environment (--use-env)',
    );
  });

  it('says that start order and link aliases do not carry over', () => {
    const result = importComposeService(
      'services:\n  app:\n    image: a:1.0\n    ports: [80]\n    links: ["db:database"]\n    depends_on: { db: { condition: service_healthy } }\n  db:\n    image: postgres:16.6\n',
      'app',
    );
    expect(result.warnings).toContain(
      'depends_on db (service_healthy): Kubernetes starts pods in any order, so the service must retry until they answer',
    );
    expect(result.warnings).toContain(
      'links db:database: the alias "database" is not a Service name on the cluster; point the service at "db"',
    );
  });
});
