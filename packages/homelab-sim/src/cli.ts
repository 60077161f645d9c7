import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_MANIFESTS, PACKAGE_DIR } from './paths';
import { startHomelabSim } from './sim';

const USAGE = `usage: homelab-sim [--manifests DIR] [--scenario NAME|FILE] [--kube-port N] [--ollama-port N] [--admin-port N] [--token T] [--host H] [--ca-file PATH]`;

const FLAGS: Record<string, string> = {
  '--manifests': 'manifestsDir',
  '--scenario': 'scenario',
  '--kube-port': 'kubePort',
  '--ollama-port': 'ollamaPort',
  '--admin-port': 'adminPort',
  '--token': 'token',
  '--host': 'host',
  '--ca-file': 'caFile',
};

export function parseArgs(argv: string[]): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    const key = FLAGS[flag];
    if (!key) throw new Error(`unknown option ${flag}\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    if (key.endsWith('Port')) {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`${flag}: "${value}" is not a port number (0-65535)`);
      out[key] = port;
    } else out[key] = value;
  }
  return out;
}

/** The repository's manifests/ when run inside the repository, else the shipped fixtures. */
function defaultManifests(): string {
  const repoManifests = path.resolve(PACKAGE_DIR, '../../manifests');
  return fs.existsSync(repoManifests) ? repoManifests : FIXTURE_MANIFESTS;
}

export async function main(argv: string[]) {
  let args: Record<string, string | number>;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const manifestsDir =
    (args.manifestsDir as string | undefined) ?? defaultManifests();
  const { caFile: caFileArg, ...options } = args;
  const sim = await startHomelabSim({ ...options, manifestsDir } as Parameters<
    typeof startHomelabSim
  >[0]);
  // The certificate is new at every start; clients that verify TLS read it from here.
  const caFile =
    (caFileArg as string | undefined) ??
    path.join(os.tmpdir(), `homelab-sim-ca-${process.pid}.pem`);
  fs.writeFileSync(caFile, sim.kubeCaPem);
  process.stdout.write(
    [
      `homelab-sim serving ${manifestsDir}`,
      `  kubernetes: ${sim.kubeUrl}  (token ${sim.token}, CA ${caFile})`,
      `  ollama:     ${sim.ollamaUrl}`,
      `  admin:      ${sim.adminUrl}`,
      `  try: kubectl --server=${sim.kubeUrl} --token=${sim.token} --certificate-authority=${caFile} get pods -A`,
      '',
    ].join('\n'),
  );
  const stop = async (signal: string) => {
    process.stderr.write(`homelab-sim: ${signal}, stopping\n`);
    await sim.close();
    fs.rmSync(caFile, { force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
