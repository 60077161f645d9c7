// The abuse suite: what a contributor who can get a catalog-info.yaml or a template registered,
// or anyone without credentials, tries against the running portal. Every case must be refused
// with nothing read, written or leaked: no content of the target and no host path in any answer
// or task log, no file written outside the place it belongs. Ends with one line,
// `abuse suite: N cases, N refused`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml, parseAllDocuments, stringify } from 'yaml';
import { baseUrl } from './support/browser.ts';
import { guestFetch, guestToken, registerFileLocation, removeLocation, waitForEntity } from './support/api.ts';
import { createTask, waitForTask } from './support/scaffolder.ts';

const ROOT = process.cwd();
const dataDir = resolve(process.env.E2E_DATA_DIR ?? 'data/e2e');
// An extra phase folder of the test portal (app-config.e2e.yaml), a trusted root.
const planFolder = join(dataDir, 'e2e-plans');
const run = String(process.pid);
const scratch = mkdtempSync(join(tmpdir(), 'homelab-abuse-'));
/** The first line of the host's /etc/passwd: the content no answer may carry. */
const PASSWD_LINE = readFileSync('/etc/passwd', 'utf8').split('\n')[0];

let cases = 0;
let refused = 0;
/** One abuse case: counted, and counted as refused when every assertion in it holds. */
/**
 * The WebSocket opening handshake (RFC 6455 section 4.1) to /api/signals, the token as the
 * subprotocol as the frontend's signals client sends it: the status answered (101 when
 * the server switches protocols), or 0 when nothing comes within 3 s.
 */
function signalsHandshake(token?: string): Promise<number> {
  const url = new URL('/api/signals', baseUrl);
  return new Promise((resolvePromise, reject) => {
    const request = httpRequest(url, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        ...(token ? { 'Sec-WebSocket-Protocol': token } : {}),
      },
    });
    request.on('upgrade', (response, socket) => {
      socket.destroy();
      resolvePromise(response.statusCode ?? 0);
    });
    request.on('response', response => {
      response.resume();
      resolvePromise(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.setTimeout(3_000, () => {
      request.destroy();
      resolvePromise(0);
    });
    request.end();
  });
}

function refusal(name: string, fn: () => Promise<void>) {
  it(name, async () => {
    cases += 1;
    await fn();
    refused += 1;
  });
}

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const clean of cleanups.reverse()) await Promise.resolve(clean()).catch(() => undefined);
  rmSync(scratch, { recursive: true, force: true });
  console.log(`abuse suite: ${cases} cases, ${refused} refused`);
});

/**
 * Development mode (the test portal) serialises error stacks into answers, with the backend's
 * module paths; production does not. The stack is dropped before looking for leaks.
 */
function withoutDevStack(text: string): string {
  try {
    const body = JSON.parse(text);
    if (body?.error && typeof body.error === 'object') delete body.error.stack;
    return JSON.stringify(body);
  } catch {
    return text;
  }
}

function assertNoLeak(raw: string, what: string) {
  const text = withoutDevStack(raw);
  const line = (needle: string) => text.split('\n').find(l => l.includes(needle))?.slice(0, 300);
  assert.ok(!text.includes(PASSWD_LINE) && !/\broot:x:0:0\b/.test(text), `${what} carries /etc/passwd content: ${line('root:')}`);
  for (const path of [ROOT, dataDir, scratch]) {
    assert.ok(!text.includes(path), `${what} names the host path ${path}: ${line(path)}`);
  }
}

/**
 * A task log: no target content anywhere; no host path in the lines that say why a step
 * failed. Stack frames ("    at ...") are left out: the scaffolder always logs a failed
 * step's stack, with the backend's module paths. A published working copy's path in the
 * publish step's own report is its output, not a leak.
 */
function assertNoLeakInLog(raw: string, ownInput?: string) {
  // The input's own value may be quoted back: it is the caller's, not the host's.
  const log = ownInput ? raw.split(ownInput).join('<input>') : raw;
  assertNoLeak(log.replace(new RegExp(ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), '<root>'), 'the task log (content)');
  const reasons = log
    .split('\n')
    .filter(l => !/^\s+at /.test(l) && /error|refus|not allowed|must|outside/i.test(l))
    .join('\n');
  assertNoLeak(reasons, 'the reason the task log gives');
}

/** Every regular file under `dir`, links not followed: none may hold the passwd content. */
const component = (name: string, annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'service', lifecycle: 'experimental', owner: 'group:default/homelab-admins' },
});
const yamlDocs = (docs: object[]) => docs.map(d => stringify(d)).join('---\n');

async function phasesAnswer(): Promise<{ text: string; body: { plans: { file: string; entityRefs: string[] }[]; problems: { source: string; message: string }[] } }> {
  // A FIFO or device that blocked the backend would hold this request; it has to come back.
  const res = await guestFetch('/api/homelab/phases', { signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return { text, body: JSON.parse(text) };
}

function assertPlanRefused(answer: Awaited<ReturnType<typeof phasesAnswer>>, source: string, rule: RegExp) {
  const problem = answer.body.problems.find(p => p.source === source);
  assert.ok(problem, `no problem entry for ${source}: ${JSON.stringify(answer.body.problems)}`);
  assert.match(problem.message, rule);
  assert.ok(!answer.body.plans.some(p => p.entityRefs.includes(source) || p.file === source.replace(/^.*:\/\//, '')), `${source} still has a plan`);
  assertNoLeak(answer.text, 'GET /api/homelab/phases');
}

describe('phase plans: an entity or a link cannot make the backend read a file outside its roots', () => {
  const outside = /resolves outside the folders phase plans are read from|does not exist|points outside the repository/;
  const refs = {
    passwd: `component:default/abuse-passwd-${run}`,
    zero: `component:default/abuse-zero-${run}`,
    fifo: `component:default/abuse-fifo-${run}`,
    big: `component:default/abuse-big-${run}`,
    copyFifo: `component:default/abuse-copy-fifo-${run}`,
    copyZero: `component:default/abuse-copy-zero-${run}`,
    copyPasswd: `component:default/abuse-copy-passwd-${run}`,
  };
  let answer: Awaited<ReturnType<typeof phasesAnswer>>;

  before(async () => {
    // A location anyone could register: entities that claim their source is the host's root.
    const registered = join(scratch, 'catalog');
    mkdirSync(registered);
    execFileSync('mkfifo', [join(scratch, 'plan.fifo')]);
    const fileRoot = { 'backstage.io/source-location': 'file:/' };
    writeFileSync(
      join(registered, 'catalog-info.yaml'),
      yamlDocs([
        component(`abuse-passwd-${run}`, { ...fileRoot, 'homelab.dev/phase-plan': 'etc/passwd' }),
        component(`abuse-zero-${run}`, { ...fileRoot, 'homelab.dev/phase-plan': '/dev/zero' }),
        component(`abuse-fifo-${run}`, { ...fileRoot, 'homelab.dev/phase-plan': `${scratch.slice(1)}/plan.fifo` }),
      ]),
    );
    // A folder inside a root (the e2e portal's extra phase folder) with a 50 MB plan, a FIFO and links out.
    const copy = join(planFolder, `abuse-${run}`);
    mkdirSync(join(copy, '.git'), { recursive: true });
    cleanups.push(() => rmSync(copy, { recursive: true, force: true }));
    writeFileSync(join(copy, 'big.md'), '# Phase 9: Big\n');
    truncateSync(join(copy, 'big.md'), 50 * 1024 * 1024); // sparse: 50 MB without using the disk
    execFileSync('mkfifo', [join(copy, 'fifo.md')]);
    symlinkSync('/dev/zero', join(copy, 'zero.md'));
    symlinkSync('/etc/passwd', join(copy, 'passwd.md'));
    writeFileSync(
      join(copy, 'catalog-info.yaml'),
      yamlDocs([
        component(`abuse-big-${run}`, { 'homelab.dev/phase-plan': 'big.md' }),
        component(`abuse-copy-fifo-${run}`, { 'homelab.dev/phase-plan': 'fifo.md' }),
        component(`abuse-copy-zero-${run}`, { 'homelab.dev/phase-plan': 'zero.md' }),
        component(`abuse-copy-passwd-${run}`, { 'homelab.dev/phase-plan': 'passwd.md' }),
      ]),
    );
    for (const target of [join(registered, 'catalog-info.yaml'), join(copy, 'catalog-info.yaml')]) {
      const id = await registerFileLocation(target);
      cleanups.push(() => removeLocation(id));
    }
    for (const ref of Object.values(refs)) {
      await waitForEntity({ kind: 'component', name: ref.split('/')[1] });
    }
    answer = await phasesAnswer();
  });

  refusal('source-location file:/ with homelab.dev/phase-plan etc/passwd', async () => {
    assertPlanRefused(answer, refs.passwd, outside);
  });
  refusal('source-location file:/ with homelab.dev/phase-plan /dev/zero', async () => {
    assertPlanRefused(answer, refs.zero, outside);
  });
  refusal('source-location file:/ with homelab.dev/phase-plan of a FIFO in a temp folder', async () => {
    assertPlanRefused(answer, refs.fifo, outside);
  });
  refusal('a FIFO inside a root is refused as not a regular file, and the request came back', async () => {
    assertPlanRefused(answer, refs.copyFifo, /is not a regular file/);
  });
  refusal('a link to /dev/zero inside a root', async () => {
    assertPlanRefused(answer, refs.copyZero, /resolves outside the folders phase plans are read from|points outside the repository the entity came from/);
  });
  refusal('a link to /etc/passwd inside a root', async () => {
    assertPlanRefused(answer, refs.copyPasswd, /resolves outside the folders phase plans are read from|points outside the repository the entity came from/);
  });
  refusal('a 50 MB plan is refused by its size', async () => {
    assertPlanRefused(answer, refs.big, /is larger than homelab\.phases\.maxBytes \(1 MiB\)/);
  });

  refusal('a symlink in docs/phases pointing at /etc (and one at /etc/passwd named like a plan)', async () => {
    // The test portal reads the repository's docs/phases; the links live only for this request.
    const dirLink = join(ROOT, 'docs/phases', `abuse-etc-${run}`);
    const fileLink = join(ROOT, 'docs/phases', `abuse-passwd-${run}.md`);
    symlinkSync('/etc', dirLink);
    symlinkSync('/etc/passwd', fileLink);
    let linked: Awaited<ReturnType<typeof phasesAnswer>>;
    try {
      linked = await phasesAnswer();
    } finally {
      rmSync(dirLink, { force: true });
      rmSync(fileLink, { force: true });
    }
    assertPlanRefused(linked, `docs/phases/abuse-etc-${run}`, /is a link that leads outside homelab\.phases\.folders; it is not followed/);
    assertPlanRefused(linked, `docs/phases/abuse-passwd-${run}.md`, /resolves outside the folders phase plans are read from/);
    assert.ok(!linked.body.plans.some(p => p.file.includes(`abuse-etc-${run}/`)), 'a file under the /etc link became a plan');
  });
});

/** A service spec the render action accepts, so a refusal can only come from the path. */
const SPEC = {
  name: 'abuse',
  owner: 'group:default/homelab-admins',
  namespace: { name: 'abuse', create: true, podSecurity: 'restricted' },
  image: 'ghcr.io/example/abuse:1.0.0',
  ports: [{ name: 'http', port: 8080 }],
  probes: { type: 'tcp', port: 'http' },
  resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
  runAsUser: 1000,
};

interface PathCase {
  field: string;
  value: string;
  steps: object[];
  /** Places that must not exist after the task. */
  untouched: string[];
  /** A branch that must not have been pushed to the GitOps repository. */
  gitopsBranch?: string;
}

/** The GitOps repository the test portal publishes to (homelab.gitops' embedded default). */
const gitopsRemote = join(dataDir, 'gitops/remote.git');

function pathCases(): PathCase[] {
  const escape = (what: string) => `abuse-escape-${what}-${run}`;
  const cases: PathCase[] = [];
  const add = (field: string, values: [string, string[]][], step: (value: string) => object[]) => {
    for (const [value, untouched] of values) cases.push({ field, value, steps: step(value), untouched });
  };
  // The scaffolder's workspace is <tmpdir>/<task id>: "../x" from it is <tmpdir>/x.
  add(
    'homelab:manifests:render targetPath',
    [
      [`../${escape('render')}`, [join(tmpdir(), escape('render'))]],
      [join(tmpdir(), escape('render-abs')), [join(tmpdir(), escape('render-abs'))]],
    ],
    value => [{ id: 'render', name: 'render', action: 'homelab:manifests:render', input: { targetPath: value, spec: SPEC } }],
  );
  add(
    'homelab:manifests:lint path',
    [
      ['../../../../../../../../etc', []],
      ['/etc', []],
    ],
    value => [{ id: 'lint', name: 'lint', action: 'homelab:manifests:lint', input: { path: value } }],
  );
  add(
    'homelab:compose:import composePath',
    [
      ['../../../../../../../../etc/passwd', []],
      ['/etc/passwd', []],
    ],
    value => [{ id: 'import', name: 'import', action: 'homelab:compose:import', input: { composePath: value, service: 'root' } }],
  );
  add(
    'fetch:template targetPath',
    [
      [`../${escape('fetch')}`, [join(tmpdir(), escape('fetch'))]],
      [join(tmpdir(), escape('fetch-abs')), [join(tmpdir(), escape('fetch-abs'))]],
    ],
    value => [{ id: 'fetch', name: 'fetch', action: 'fetch:template', input: { url: './skeleton', targetPath: value, values: { name: 'x' } } }],
  );
  // The service's own name in the spec, so only the path input under test can be wrong.
  const gitops = (name: string, input: object) => [
    { id: 'render', name: 'render', action: 'homelab:manifests:render', input: { targetPath: 'manifests', spec: { ...SPEC, name: input && Object.keys(input).length ? name : SPEC.name } } },
    { id: 'publish', name: 'publish', action: 'homelab:publish:gitops', input: { name, ...input } },
  ];
  for (const [field, values] of [
    ['name', ['../abuse-escape-gitops', '/tmp/abuse-escape-gitops']],
    ['manifestsPath', ['../../../../../../../../etc', '/etc']],
    ['docsPath', ['../../../../../../../../etc', '/etc']],
  ] as const) {
    values.forEach((value, i) => {
      const name = `abuse-gitops-${field.toLowerCase()}-${i}-${run}`;
      cases.push({
        field: `homelab:publish:gitops ${field}`,
        value,
        steps: field === 'name' ? gitops(value, {}) : gitops(name, { [field]: value }),
        untouched: [],
        gitopsBranch: field === 'name' ? undefined : `scaffold/${name}`,
      });
    });
  }
  // Annotations the render writes into catalog-info.yaml decide where plans are read from.
  add(
    'homelab:manifests:render catalogAnnotations',
    [
      ['homelab.dev/phase-plan=../../../../../../../../etc/passwd', []],
      ['homelab.dev/phase-plan=/etc/passwd', []],
      ['backstage.io/source-location=file:/', []],
    ],
    value => {
      const [key, annotation] = value.split('=');
      return [{ id: 'render', name: 'render', action: 'homelab:manifests:render', input: { targetPath: 'manifests', spec: SPEC, catalogAnnotations: { [key]: annotation } } }];
    },
  );
  return cases;
}

const template = (name: string, steps: object[], output?: object) => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name, title: name },
  spec: { owner: 'group:default/homelab-admins', type: 'service', parameters: [], steps, ...(output ? { output } : {}) },
});

/** A compose file inside the workspace whose env_file and extends point out of it. */
const COMPOSE_IN_WORKSPACE = [
  'services:',
  '  root:',
  '    image: ghcr.io/example/notes:2.4.1',
  '    env_file: [../../../../../../../../etc/passwd, /etc/passwd]',
  '    extends: { file: ../../../../../../../../etc/passwd, service: root }',
  '',
].join('\n');

describe('scaffolder: path inputs and template skeletons stay inside their roots', () => {
  const cases = pathCases();
  const name = (i: number) => `abuse-path-${i}-${run}`;
  const skeletonTemplate = `abuse-skeleton-${run}`;
  const composeTemplate = `abuse-compose-file-${run}`;

  before(async () => {
    const folder = join(scratch, 'templates');
    mkdirSync(join(folder, 'skeleton'), { recursive: true });
    writeFileSync(join(folder, 'skeleton/README.md'), '# ${{ values.name }}\n');
    mkdirSync(join(folder, 'compose'));
    writeFileSync(join(folder, 'compose/docker-compose.yml'), COMPOSE_IN_WORKSPACE);
    symlinkSync('/etc/passwd', join(folder, 'skeleton/passwd.txt'));
    symlinkSync('/etc', join(folder, 'skeleton/etc'));
    const docs = cases.map((c, i) => template(name(i), c.steps));
    docs.push(
      template(skeletonTemplate, [
        { id: 'fetch', name: 'fetch', action: 'fetch:template', input: { url: './skeleton', targetPath: `manifests/abuse/${skeletonTemplate}`, values: { name: 'skeleton' } } },
        { id: 'publish', name: 'publish', action: 'homelab:publish:gitops', input: { name: skeletonTemplate } },
      ]),
    );
    docs.push(
      template(
        composeTemplate,
        [
          { id: 'fetch', name: 'fetch', action: 'fetch:plain', input: { url: './compose' } },
          { id: 'import', name: 'import', action: 'homelab:compose:import', input: { composePath: 'docker-compose.yml', service: 'root', name: 'abuse' } },
        ],
        { text: [{ title: 'draft', content: '${{ steps.import.output.draft }}' }] },
      ),
    );
    writeFileSync(join(folder, 'template.yaml'), yamlDocs(docs));
    const id = await registerFileLocation(join(folder, 'template.yaml'));
    cleanups.push(() => removeLocation(id));
    await waitForEntity({ kind: 'template', name: skeletonTemplate });
    await waitForEntity({ kind: 'template', name: composeTemplate });
    for (let i = 0; i < cases.length; i++) await waitForEntity({ kind: 'template', name: name(i) });
  });

  cases.forEach((c, i) => {
    refusal(`${c.field}: ${c.value}`, async () => {
      const { status, body } = await createTask(`template:default/${name(i)}`, {});
      assert.equal(status, 201, JSON.stringify(body));
      const task = await waitForTask(body.id!);
      const log = task.log.join('\n');
      assert.equal(task.status, 'failed', log);
      assertNoLeakInLog(log, c.value);
      // Refused for the path under test, not for anything else about the step.
      const input = c.field.split(' ').pop()!;
      const reason = c.field.startsWith('fetch:template') ? /Relative path is not allowed|targetPath/ : new RegExp(`${input}(\\[[^\\]]*\\])?: `);
      assert.match(log, reason, `the step failed for another reason than ${input}`);
      for (const path of c.untouched) assert.ok(!existsSync(path), `${path} was written`);
      if (c.gitopsBranch && existsSync(gitopsRemote)) {
        const pushed = spawnSync('git', ['-C', gitopsRemote, 'rev-parse', '--verify', '--quiet', c.gitopsBranch]).status === 0;
        assert.ok(!pushed, `${c.gitopsBranch} was pushed to the GitOps repository`);
      }
    });
  });

  refusal('a template skeleton with links to /etc/passwd and /etc: no link is followed into a published file or the log', async () => {
    const { status, body } = await createTask(`template:default/${skeletonTemplate}`, {});
    assert.equal(status, 201, JSON.stringify(body));
    const task = await waitForTask(body.id!);
    const log = task.log.join('\n');
    assert.ok(['failed', 'completed'].includes(task.status), log);
    assertNoLeakInLog(log);
    const branch = `scaffold/${skeletonTemplate}`;
    if (spawnSync('git', ['-C', gitopsRemote, 'rev-parse', '--verify', '--quiet', branch]).status === 0) {
      const hits = spawnSync('git', ['-C', gitopsRemote, 'grep', '-l', '-F', PASSWD_LINE, branch], { encoding: 'utf8' }).stdout;
      assert.equal(hits, '', `${branch} of the GitOps repository holds /etc/passwd content`);
      const tree = spawnSync('git', ['-C', gitopsRemote, 'ls-tree', '-r', branch], { encoding: 'utf8' }).stdout;
      assert.doesNotMatch(tree, /^120000 /m, 'a link of the skeleton was published');
    }
  });

  refusal('homelab:compose:import: env_file and extends of a workspace compose file pointing at /etc/passwd are not read', async () => {
    const { status, body } = await createTask(`template:default/${composeTemplate}`, {});
    assert.equal(status, 201, JSON.stringify(body));
    const task = await waitForTask(body.id!);
    const log = task.log.join('\n');
    assert.ok(['failed', 'completed'].includes(task.status), log);
    assertNoLeakInLog(log);
    assertNoLeak(JSON.stringify(task.output ?? {}), 'the task output');
  });

  const SERVICE = {
    name: `abuse-form-${run}`,
    owner: 'group:default/homelab-admins',
    namespaceChoice: 'new',
    newNamespace: 'abuse',
    podSecurity: 'restricted',
    image: 'ghcr.io/example/abuse:1.0.0',
    port: 8080,
    hostname: 'abuse',
    gatewayName: 'homelab-gateway',
    gatewayNamespace: 'gateway',
    storage: [],
    cpuRequest: '50m',
    memoryRequest: '64Mi',
    memoryLimit: '256Mi',
    runAsUser: 1000,
    secretKeys: [],
    egressTargets: [],
    usesOllama: false,
  };
  const formCases: [string, string, Record<string, unknown>][] = [
    ['homelab-service', 'name ../', { ...SERVICE, name: '../abuse' }],
    ['homelab-service', 'name /', { ...SERVICE, name: '/tmp/abuse' }],
    ['homelab-service', 'newNamespace ../', { ...SERVICE, newNamespace: '../abuse' }],
    ['homelab-service', 'storage mountPath ../', { ...SERVICE, storage: [{ name: 'data', size: '1Gi', mountPath: '/data/../../etc' }] }],
    ['compose-migration', 'name ../', { name: '../abuse', service: 'web' }],
    ['compose-migration', 'name /', { name: '/tmp/abuse', service: 'web' }],
    ['compose-migration', 'service ../', { name: 'abuse', service: '../web' }],
  ];
  for (const [templateName, what, values] of formCases) {
    refusal(`${templateName} form: ${what}`, async () => {
      const { status, body } = await createTask(`template:default/${templateName}`, values);
      assert.equal(status, 400, `the task was created: ${JSON.stringify(body)}`);
      assertNoLeak(JSON.stringify(body), 'the refusal');
    });
  }
});

/** Every key of every mapping in a parsed YAML value. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach(v => keysOf(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

const composeWith = (environment: string, extra = '') =>
  ['services:', '  web:', '    image: ghcr.io/example/notes:2.4.1', '    ports: ["3000:3000"]', '    environment:', environment, extra].join('\n');
const INJECTED_KEYS = ['injected', 'privileged', 'hostPath'];
const NEWLINE_KEY = composeWith('      "TZ\\ninjected: true\\nsecurityContext:\\n  privileged: true": Europe/Berlin\n      "MODE": "a\\ninjected: true"');

describe('compose: input paths and keys with newlines change nothing', () => {
  const draft = async (body: object) => {
    const res = await guestFetch('/api/homelab/compose/draft', { method: 'POST', body: JSON.stringify(body) });
    return { status: res.status, text: await res.text() };
  };

  const pathFiles: [string, string][] = [
    ['env_file ../', '    env_file: ["../../../../../../../../etc/passwd"]'],
    ['env_file /', '    env_file: ["/etc/passwd"]'],
    ['extends file ../', '    extends: { file: "../../../../../../../../etc/passwd", service: root }'],
    ['extends file /', '    extends: { file: "/etc/passwd", service: root }'],
    ['build context ../', '    build: ../../../../../../..'],
    ['volume /etc', '    volumes: ["/etc:/etc", "../../..:/data"]'],
  ];
  for (const [what, line] of pathFiles) {
    refusal(`POST /api/homelab/compose/draft: ${what}`, async () => {
      const answer = await draft({ composeYaml: composeWith('      TZ: Europe/Berlin', line), service: 'web' });
      assertNoLeak(answer.text, 'the draft');
      if (answer.status === 200) {
        const spec = parseYaml(JSON.parse(answer.text).draft.yaml as string);
        const keys = keysOf(spec);
        assert.ok(!keys.has('hostPath'), 'the draft mounts a host folder');
        assert.ok(!keys.has('root') && !keys.has('daemon'), 'the draft holds variables read from /etc/passwd');
      } else {
        assert.equal(answer.status, 400, answer.text);
      }
    });
  }
  for (const service of ['../web', '/web']) {
    refusal(`POST /api/homelab/compose/draft: service ${service}`, async () => {
      const answer = await draft({ composeYaml: composeWith('      TZ: Europe/Berlin'), service });
      assert.equal(answer.status, 400, answer.text);
      assertNoLeak(answer.text, 'the refusal');
    });
  }

  refusal('a compose key containing a newline does not add a key to the draft', async () => {
    const plain = await draft({ composeYaml: composeWith('      TZ: Europe/Berlin\n      MODE: a'), service: 'web' });
    const injected = await draft({ composeYaml: NEWLINE_KEY, service: 'web' });
    assert.equal(plain.status, 200, plain.text);
    const expected = keysOf(parseYaml(JSON.parse(plain.text).draft.yaml));
    if (injected.status === 200) {
      const keys = keysOf(parseYaml(JSON.parse(injected.text).draft.yaml));
      for (const key of INJECTED_KEYS) assert.ok(!keys.has(key) || expected.has(key), `the draft gained the key ${key}`);
      const gained = [...keys].filter(k => !expected.has(k) && !k.includes('\n') && !/^TZ/.test(k));
      assert.deepEqual(gained, [], 'the draft gained keys');
    } else {
      assert.equal(injected.status, 400, injected.text);
    }
  });

  refusal('a compose key containing a newline in the compose-migration task adds no key to a published file', async () => {
    const name = `abuse-nl-${run}`;
    const { status, body } = await createTask('template:default/compose-migration', {
      composeYaml: NEWLINE_KEY,
      service: 'web',
      name,
      owner: 'group:default/homelab-admins',
      namespaceChoice: 'new',
      newNamespace: name,
      podSecurity: 'restricted',
      gatewayName: 'homelab-gateway',
      gatewayNamespace: 'gateway',
      storageSize: '1Gi',
      phaseId: '9.99',
      title: 'Abuse',
      currentHost: 'nowhere',
      priority: 'Low',
    });
    if (status !== 201) {
      assert.equal(status, 400, JSON.stringify(body));
      return;
    }
    const task = await waitForTask(body.id!);
    assertNoLeakInLog(task.log.join('\n'));
    // The template publishes to the GitOps repository (embedded default): check out its branch.
    const branch = `scaffold/${name}`;
    if (spawnSync('git', ['-C', gitopsRemote, 'rev-parse', '--verify', '--quiet', branch]).status !== 0) return;
    const copy = mkdtempSync(join(tmpdir(), 'abuse-nl-'));
    cleanups.push(() => rmSync(copy, { recursive: true, force: true }));
    execFileSync('git', ['clone', '--quiet', '--branch', branch, gitopsRemote, copy]);
    // Only the files the scaffold branch adds or changes: the rest of the repository is not the task's.
    const changed = execFileSync('git', ['-C', copy, 'diff', '--name-only', 'origin/HEAD...HEAD'], { encoding: 'utf8' })
      .split('\n')
      .filter(f => /\.ya?ml$/.test(f));
    assert.ok(changed.length > 0, 'the scaffold branch changes no YAML file');
    for (const file of changed) {
      for (const doc of parseAllDocuments(readFileSync(join(copy, file), 'utf8'))) {
        const keys = keysOf(doc.toJS());
        assert.ok(!keys.has('injected'), `${file} gained the key "injected"`);
        assert.ok(!keys.has('privileged'), `${file} gained the key "privileged"`);
      }
    }
  });
});

/**
 * No credentials: every plugin of the backend answers 401, except the allow-list below.
 * One or more representative routes per plugin (packages/backend/src/index.ts).
 */
const PROTECTED: [string, string][] = [
  ['GET', '/api/catalog/entities'],
  ['GET', '/api/catalog/entities/by-query'],
  ['GET', '/api/catalog/entities/by-name/component/default/homelab-docs'],
  ['GET', '/api/catalog/entity-facets?facet=kind'],
  ['GET', '/api/catalog/locations'],
  ['POST', '/api/catalog/locations'],
  ['POST', '/api/catalog/refresh'],
  ['POST', '/api/catalog/analyze-location'],
  ['GET', '/api/scaffolder/v2/tasks'],
  ['POST', '/api/scaffolder/v2/tasks'],
  ['GET', '/api/scaffolder/v2/actions'],
  ['GET', '/api/scaffolder/v2/templates/default/template/homelab-service/parameter-schema'],
  ['POST', '/api/scaffolder/v2/dry-run'],
  ['GET', '/api/techdocs/metadata/techdocs/default/component/homelab-docs'],
  ['GET', '/api/techdocs/metadata/entity/default/component/homelab-docs'],
  ['GET', '/api/techdocs/static/docs/default/component/homelab-docs/index.html'],
  ['GET', '/api/techdocs/sync/default/component/homelab-docs'],
  ['GET', '/api/kubernetes/clusters'],
  ['POST', '/api/kubernetes/services/ollama'],
  ['POST', '/api/kubernetes/resources/workloads/query'],
  ['GET', '/api/kubernetes/proxy/api/v1/namespaces'],
  ['GET', '/api/search/query?term=ollama'],
  ['GET', '/api/homelab/phases'],
  ['GET', '/api/homelab/phases/docs-phases-phase-4.23-ollama'],
  ['GET', '/api/homelab/ollama/status'],
  ['GET', '/api/homelab/ollama/history?window=1h'],
  ['POST', '/api/homelab/compose/draft'],
  ['POST', '/api/permission/authorize'],
  ['POST', '/api/events/bus/v1/events'],
  ['GET', '/api/events/bus/v1/subscriptions/abuse/events'],
  ['GET', '/api/user-settings/buckets/default/keys/theme'],
  ['PUT', '/api/user-settings/buckets/default/keys/theme'],
  ['GET', '/api/auth/v1/userinfo'],
];
/**
 * Open without credentials by design: sign-in, health, the app's static files, the public keys.
 * The signals WebSocket (/api/signals) is not: see the handshake case below.
 */
const ALLOWED: [string, string][] = [
  ['GET', '/api/auth/guest/refresh'],
  ['GET', '/api/auth/.well-known/openid-configuration'],
  ['GET', '/.backstage/health/v1/readiness'],
  ['GET', '/.backstage/health/v1/liveness'],
  ['GET', '/'],
  ['GET', '/catalog'],
];

describe('no credentials: every route of every plugin answers 401', () => {
  for (const [method, path] of PROTECTED) {
    refusal(`${method} ${path} without credentials`, async () => {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : '{}',
        redirect: 'manual',
      });
      const text = await res.text();
      assert.equal(res.status, 401, `${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
      assertNoLeak(text, `${method} ${path}`);
    });
  }

  refusal('the signals WebSocket handshake without a user token', async () => {
    // A signed-in user connects first (upstream then listens to the server's upgrades, and
    // leaves that first handshake unanswered, so the client tries again), then nobody may.
    const user = await guestToken();
    let status = 0;
    for (let attempt = 0; attempt < 3 && status !== 101; attempt++) status = await signalsHandshake(user);
    assert.equal(status, 101, 'a signed-in user could not open the signals WebSocket');
    assert.equal(await signalsHandshake(), 401, 'an upgrade without a token was accepted');
    assert.equal(await signalsHandshake('forged'), 401, 'an upgrade with a forged token was accepted');
  });

  it('the allow-list (sign-in, health, the app) is all that answers without credentials', async () => {
    for (const [method, path] of ALLOWED) {
      const res = await fetch(`${baseUrl}${path}`, { method, headers: { 'x-requested-with': 'XMLHttpRequest' }, redirect: 'manual' });
      assert.notEqual(res.status, 401, `${method} ${path} is on the allow-list but answered 401`);
      await res.body?.cancel();
    }
  });
});
