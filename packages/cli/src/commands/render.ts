import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import {
  GATEWAY_DATA_PLANES,
  KnownServices,
  parseServiceSpec,
  parseServiceSpecYaml,
  readKnownServices,
  renderManifestSet,
  withGatewayDataPlane,
  writeRenderedFiles,
} from '@internal/homelab-manifests';
import { dataPlaneFromFlags, GatewayFlags } from './gatewayFlags';

/** manifests/ of the git repository around `dir`, if there is one. */
function repositoryManifests(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) {
      const manifests = path.join(current, 'manifests');
      return fs.existsSync(manifests) ? manifests : undefined;
    }
    if (path.dirname(current) === current) return undefined;
  }
}

interface RenderFlags extends GatewayFlags {
  output: string;
  force?: boolean;
  baseDomain: string;
  /** A folder, or false for --no-manifests. */
  manifests?: string | false;
}

export function registerRenderCommand(program: Command): void {
  program
    .command('render')
    .description(
      'Render a service spec into manifests under <dir>/<namespace>/<name>/ (namespace.yaml under <dir>/<namespace>/)',
    )
    .argument('<spec>', 'service spec YAML file')
    .requiredOption('-o, --output <dir>', 'folder to write into')
    .option('--force', 'overwrite files that exist with other content')
    .option(
      '--base-domain <domain>',
      'domain appended to bare hostnames',
      'k8s.home.arpa',
    )
    .option(
      '--manifests <dir>',
      "manifests whose Services and workloads give egress targets' pod ports (default: manifests/ of the git repository around the current folder)",
    )
    .option('--no-manifests', 'read no manifests: egress uses Service ports')
    .option(
      '--gateway-data-plane <kind>',
      `where the Gateway's proxy pods run, for a spec without gateway.dataPlane: ${GATEWAY_DATA_PLANES.join(
        ', ',
      )}`,
    )
    .option(
      '--gateway-proxy-namespace <namespace>',
      "namespace of the Gateway's proxy pods (instead of --gateway-data-plane)",
    )
    .option(
      '--gateway-proxy-label <key=value...>',
      "labels of the Gateway's proxy pods, with --gateway-proxy-namespace",
    )
    .action((specFile: string, opts: RenderFlags) => {
      let text: string;
      try {
        text = fs.readFileSync(specFile, 'utf8');
      } catch (error) {
        process.stderr.write(
          `${specFile}: cannot be read (${
            (error as NodeJS.ErrnoException).code
          })\n`,
        );
        process.exitCode = 2;
        return;
      }
      const flags = dataPlaneFromFlags(opts);
      if (flags.problem) {
        process.stderr.write(`${flags.problem}\n`);
        process.exitCode = 2;
        return;
      }
      let parsed = parseServiceSpecYaml(text);
      if (parsed.success && flags.dataPlane !== undefined)
        parsed = parseServiceSpec(
          withGatewayDataPlane(parsed.spec, flags.dataPlane),
        );
      if (!parsed.success) {
        process.stderr.write(
          `${specFile} is not a valid service spec; nothing was written:\n`,
        );
        parsed.problems.forEach(p =>
          process.stderr.write(`  ${p.path}: ${p.message}\n`),
        );
        process.exitCode = 1;
        return;
      }
      const manifestsDir =
        opts.manifests === false
          ? undefined
          : opts.manifests ?? repositoryManifests(process.cwd());
      let knownServices: KnownServices | undefined;
      if (manifestsDir) {
        const read = readKnownServices(manifestsDir);
        if (read.problems.length > 0) {
          read.problems.forEach(p => process.stderr.write(`${p}\n`));
          process.exitCode = 2;
          return;
        }
        knownServices = read.known;
      }
      let files;
      try {
        const result = renderManifestSet(parsed.spec, {
          baseDomain: opts.baseDomain,
          knownServices,
        });
        files = result.files;
        result.warnings.forEach(w => process.stderr.write(`warning: ${w}\n`));
      } catch (error) {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      const result = writeRenderedFiles(opts.output, files, {
        force: opts.force,
      });
      if (result.conflicts.length > 0 && !opts.force) {
        process.stderr.write(
          `refusing to overwrite ${result.conflicts.length} existing file(s); nothing was written (use --force):\n`,
        );
        result.conflicts.forEach(f =>
          process.stderr.write(`  ${opts.output}/${f}\n`),
        );
        process.exitCode = 2;
        return;
      }
      result.written.forEach(f =>
        process.stdout.write(`wrote ${opts.output}/${f}\n`),
      );
      result.unchanged.forEach(f =>
        process.stdout.write(`unchanged ${opts.output}/${f}\n`),
      );
    });
}
