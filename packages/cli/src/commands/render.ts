import fs from 'node:fs';
import { Command } from 'commander';
import {
  parseServiceSpecYaml,
  renderManifests,
  writeRenderedFiles,
} from '@internal/homelab-manifests';

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
    .action(
      (
        specFile: string,
        opts: { output: string; force?: boolean; baseDomain: string },
      ) => {
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
        const parsed = parseServiceSpecYaml(text);
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
        let files;
        try {
          files = renderManifests(parsed.spec, { baseDomain: opts.baseDomain });
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
      },
    );
}
