import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import {
  type ComposeSources,
  formatComposeDraft,
  importComposeService,
  importComposeStack,
  safeChildPath,
  writeRenderedFiles,
} from '@internal/homelab-manifests';

interface ComposeImportFlags {
  namespace?: string;
  output?: string;
  all?: boolean;
  envFile?: string;
  useEnv?: boolean;
  profile: string[];
  force?: boolean;
}

export function registerComposeImportCommand(program: Command): void {
  program
    .command('compose-import')
    .description(
      'Draft a service spec from one service of a Docker Compose file (unmapped keys become comments), or with --all render the whole stack into one namespace',
    )
    .argument('<file>', 'docker-compose.yml / compose.yaml')
    .argument('[service]', 'name of the service in the file (not with --all)')
    .option('--all', 'every service of the file, rendered into -o <dir>')
    .option(
      '--namespace <ns>',
      'namespace (with --all default: the compose project name, else the folder name)',
    )
    .option(
      '--env-file <path>',
      'variables for interpolation (default: .env beside the compose file)',
    )
    .option(
      '--use-env',
      'also take variables from this shell environment, as docker compose does',
    )
    .option(
      '--profile <name>',
      'activate a compose profile (repeatable; "*" for all)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option(
      '-o, --output <path>',
      'write the draft to this file (with --all: the folder for the manifests)',
    )
    .option(
      '--force',
      'with --all: overwrite files that exist with other content',
    )
    .action(
      (file: string, service: string | undefined, opts: ComposeImportFlags) => {
        const fail = (message: string, code: number) => {
          process.stderr.write(`${message}\n`);
          process.exitCode = code;
        };
        if (opts.all === Boolean(service)) {
          fail('give either a service name or --all', 2);
          return;
        }
        let text: string;
        let sources: ComposeSources;
        try {
          text = fs.readFileSync(file, 'utf8');
          sources = composeSources(file, opts);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          fail(
            `${file}: cannot be read (${code ?? (error as Error).message})`,
            2,
          );
          return;
        }
        const profiles = opts.profile.includes('*') ? '*' : opts.profile;
        try {
          if (opts.all) {
            runAll(file, text, sources, profiles, opts, fail);
            return;
          }
          const result = importComposeService(text, service!, {
            namespace: opts.namespace,
            sources,
            profiles,
          });
          writeDraft(
            formatComposeDraft(result, `${file} (service ${service})`),
            opts.output,
            fail,
          );
        } catch (error) {
          fail(`${file}: ${(error as Error).message}`, 1);
        }
      },
    );
}

/**
 * .env (given, else beside the compose file), env_file and extends files: read only
 * inside the compose file's folder, through safeChildPath; the environment only with
 * --use-env.
 */
function composeSources(
  file: string,
  opts: ComposeImportFlags,
): ComposeSources {
  const dir = path.dirname(path.resolve(file));
  const label = "the compose file's folder";
  let envFile: string | undefined;
  if (opts.envFile) envFile = fs.readFileSync(opts.envFile, 'utf8');
  else {
    const beside = safeChildPath(dir, '.env', label);
    if (fs.existsSync(beside)) envFile = fs.readFileSync(beside, 'utf8');
  }
  return {
    envFile,
    environment: opts.useEnv ? { ...process.env } : undefined,
    readFile: requested => {
      const target = safeChildPath(dir, requested, label);
      return fs.existsSync(target) && fs.statSync(target).isFile()
        ? fs.readFileSync(target, 'utf8')
        : undefined;
    },
  };
}

function runAll(
  file: string,
  text: string,
  sources: ComposeSources,
  profiles: string[] | '*',
  opts: ComposeImportFlags,
  fail: (message: string, code: number) => void,
) {
  if (!opts.output) {
    fail('--all writes a folder: give -o <dir>', 2);
    return;
  }
  const stack = importComposeStack(text, {
    namespace: opts.namespace,
    folderName: path.basename(path.dirname(path.resolve(file))),
    sources,
    profiles,
  });
  const written = writeRenderedFiles(opts.output, stack.files, {
    force: opts.force,
  });
  if (written.conflicts.length > 0 && !opts.force) {
    fail(
      `nothing was written: these files exist with other content (--force overwrites): ${written.conflicts.join(
        ', ',
      )}`,
      2,
    );
    return;
  }
  const lines = [
    `namespace ${stack.namespace} (Pod Security ${stack.podSecurity}): ${stack.services.length} services, ${written.written.length} files written to ${opts.output}`,
  ];
  for (const s of stack.services) {
    const where = s.runsIn?.length ? ` in ${s.runsIn.join(', ')}` : '';
    lines.push(
      s.decision
        ? `  ${s.service}: needs a decision: ${s.decision.fix}`
        : `  ${s.service}: ${s.role}${where}`,
    );
  }
  for (const [name, list] of Object.entries(stack.inactive))
    lines.push(
      `  ${name}: left out (profiles ${list.join(', ')}; --profile activates)`,
    );
  lines.push(
    `see ${path.join(
      opts.output,
      stack.namespace,
      'MIGRATION.md',
    )} and REPORT.md`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

function writeDraft(
  draft: string,
  output: string | undefined,
  fail: (message: string, code: number) => void,
) {
  if (!output) {
    process.stdout.write(draft);
    return;
  }
  try {
    fs.writeFileSync(output, draft, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(
      code === 'EEXIST'
        ? `${output} already exists; nothing was written (choose another -o)`
        : `${output}: cannot be written (${code})`,
      2,
    );
    return;
  }
  process.stdout.write(`wrote ${output}\n`);
}
