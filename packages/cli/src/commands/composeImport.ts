import fs from 'node:fs';
import { Command } from 'commander';
import {
  formatComposeDraft,
  importComposeService,
} from '@internal/homelab-manifests';

export function registerComposeImportCommand(program: Command): void {
  program
    .command('compose-import')
    .description(
      'Draft a service spec from one service of a Docker Compose file; unmapped keys become comments',
    )
    .argument('<file>', 'docker-compose.yml / compose.yaml')
    .argument('<service>', 'name of the service in the file')
    .option('--namespace <ns>', 'namespace of the drafted service')
    .option('-o, --output <file>', 'write the draft here instead of stdout')
    .action(
      (
        file: string,
        service: string,
        opts: { namespace?: string; output?: string },
      ) => {
        let text: string;
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch (error) {
          process.stderr.write(
            `${file}: cannot be read (${
              (error as NodeJS.ErrnoException).code
            })\n`,
          );
          process.exitCode = 2;
          return;
        }
        let draft: string;
        try {
          const result = importComposeService(text, service, {
            namespace: opts.namespace,
          });
          draft = formatComposeDraft(result, `${file} (service ${service})`);
        } catch (error) {
          process.stderr.write(`${file}: ${(error as Error).message}\n`);
          process.exitCode = 1;
          return;
        }
        if (!opts.output) {
          process.stdout.write(draft);
          return;
        }
        try {
          fs.writeFileSync(opts.output, draft, { flag: 'wx' });
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          process.stderr.write(
            code === 'EEXIST'
              ? `${opts.output} already exists; nothing was written (choose another -o)\n`
              : `${opts.output}: cannot be written (${code})\n`,
          );
          process.exitCode = 2;
          return;
        }
        process.stdout.write(`wrote ${opts.output}\n`);
      },
    );
}
